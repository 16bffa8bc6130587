import ICalendar

/// The iTIP VFREEBUSY REQUEST that is POSTed to the organizer's schedule Outbox
/// (RFC 6638 §5 and Appendix B.5; RFC 5546 §3.3.2).
public struct FreeBusyRequest: Sendable {
    public var organizer: CalendarUserAddress
    public var organizerName: String?
    public var attendees: [CalendarUserAddress]
    public var window: TimeWindow
    public var uid: String
    public var timestamp: UTCInstant
    public var productID: String
    /// CUTYPE per attendee (keyed by `matchKey`), for those that are not
    /// people: `ATTENDEE;CUTYPE=ROOM:` (RFC 5545 §3.2.3). Absent means INDIVIDUAL.
    public var calendarUserTypes: [String: CalendarUserType] = [:]

    public init(organizer: CalendarUserAddress, organizerName: String? = nil, attendees: [CalendarUserAddress],
                window: TimeWindow, uid: String, timestamp: UTCInstant, productID: String = "-//avail//avail//EN") {
        self.organizer = organizer
        self.organizerName = organizerName
        self.attendees = attendees
        self.window = window
        self.uid = uid
        self.timestamp = timestamp
        self.productID = productID
    }

    /// The request body: CRLF line endings, lines folded at 75 octets (RFC 5545 §3.1).
    /// RFC 5546 §3.3.2 requires DTSTAMP, DTSTART, DTEND, ORGANIZER, UID and at
    /// least one ATTENDEE; DTSTART/DTEND are written in UTC (RFC 5545 §3.6.4).
    public var iCalendarText: String {
        ContentLineWriter.calendar(productID: productID, method: "REQUEST") { w in
            w.write("BEGIN", value: "VFREEBUSY")
            w.write("UID", value: uid)
            w.write("DTSTAMP", value: timestamp.iCalendarString)
            w.write("DTSTART", value: window.start.iCalendarString)
            w.write("DTEND", value: window.end.iCalendarString)
            w.write("ORGANIZER", parameters: ContentLine.Parameter.commonName(organizerName), value: organizer.uri)
            for a in attendees {
                // RFC 5545 §3.2.3: CUTYPE=ROOM where the caller knows the attendee is a room.
                let type = calendarUserTypes[a.matchKey].map { [ContentLine.Parameter(name: "CUTYPE", values: [$0.description])] } ?? []
                w.write("ATTENDEE", parameters: type, value: a.uri)
            }
            w.write("END", value: "VFREEBUSY")
        }
    }
}
