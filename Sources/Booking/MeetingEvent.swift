import FreeBusy
import ICalendar

/// A meeting to book: the VEVENT the organizer stores in their own calendar,
/// from which the server sends the invitations (CalDAV implicit scheduling,
/// RFC 6638 §3).
public struct MeetingEvent: Equatable, Sendable {
    public struct Attendee: Equatable, Sendable {
        public var address: CalendarUserAddress
        public var name: String?
        public var optional: Bool
        /// INDIVIDUAL for people, ROOM for a room booked with the meeting.
        public var calendarUserType: CalendarUserType

        public init(address: CalendarUserAddress, name: String? = nil, optional: Bool = false,
                    calendarUserType: CalendarUserType = .individual) {
            self.address = address
            self.name = name
            self.optional = optional
            self.calendarUserType = calendarUserType
        }
    }

    public var uid: String
    public var timestamp: UTCInstant
    public var start: UTCInstant
    public var end: UTCInstant
    public var summary: String
    public var location: String?
    public var description: String?
    public var organizer: CalendarUserAddress
    public var organizerName: String?
    public var attendees: [Attendee]
    /// Write DTSTART/DTEND as local times with this zone's TZID (and its
    /// VTIMEZONE); nil writes them in UTC.
    public var zone: TimeZoneDefinition?
    public var productID: String

    public init(uid: String, timestamp: UTCInstant, start: UTCInstant, end: UTCInstant, summary: String,
                location: String? = nil, description: String? = nil, organizer: CalendarUserAddress,
                organizerName: String? = nil, attendees: [Attendee], zone: TimeZoneDefinition? = nil,
                productID: String = "-//avail//avail//EN") {
        self.uid = uid
        self.timestamp = timestamp
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.description = description
        self.organizer = organizer
        self.organizerName = organizerName
        self.attendees = attendees
        self.zone = zone
        self.productID = productID
    }

    /// The resource body for the PUT: a VCALENDAR with no METHOD (RFC 4791
    /// §4.1: calendar object resources carry none; the server turns it into
    /// iTIP REQUESTs, RFC 6638 §3.2.1), CRLF, folded at 75 octets.
    public var iCalendarText: String {
        ContentLineWriter.calendar(productID: productID) { w in
            if usesZone { zone?.write(to: &w) }
            w.write("BEGIN", value: "VEVENT")
            w.write("UID", value: uid)
            w.write("DTSTAMP", value: timestamp.iCalendarString)
            writeTime("DTSTART", start, to: &w)
            writeTime("DTEND", end, to: &w)
            w.write("SEQUENCE", value: "0")
            w.write("STATUS", value: "CONFIRMED")
            w.write("TRANSP", value: "OPAQUE")
            w.write("SUMMARY", value: ContentLineWriter.escapeText(summary))
            if let location, !location.isEmpty { w.write("LOCATION", value: ContentLineWriter.escapeText(location)) }
            if let description, !description.isEmpty { w.write("DESCRIPTION", value: ContentLineWriter.escapeText(description)) }
            w.write("ORGANIZER", parameters: ContentLine.Parameter.commonName(organizerName), value: organizer.uri)
            // The organizer attends their own meeting (RFC 5545 §3.8.4.1 allows the
            // organizer as an ATTENDEE; RFC 6638 servers skip scheduling to them).
            w.write("ATTENDEE", parameters: ContentLine.Parameter.commonName(organizerName) + [
                .init(name: "ROLE", values: ["CHAIR"]), .init(name: "PARTSTAT", values: ["ACCEPTED"]),
            ], value: organizer.uri)
            for a in attendees where a.address.matchKey != organizer.matchKey {
                w.write("ATTENDEE", parameters: ContentLine.Parameter.commonName(a.name) + [
                    // RFC 5545 §3.2.3: a room is invited as CUTYPE=ROOM; the server
                    // delivers to it like to a person (RFC 6638 §3.2), and it answers likewise.
                    .init(name: "CUTYPE", values: [a.calendarUserType.description]),
                    .init(name: "ROLE", values: [a.optional ? "OPT-PARTICIPANT" : "REQ-PARTICIPANT"]),
                    .init(name: "PARTSTAT", values: ["NEEDS-ACTION"]),
                    .init(name: "RSVP", values: ["TRUE"]),
                ], value: a.address.uri)
            }
            w.write("END", value: "VEVENT")
        }
    }

    /// DTSTART or DTEND: the wall-clock time with the zone's TZID when that
    /// time happens once in the zone, else UTC. A wall-clock time in the hour
    /// that repeats when the clocks go back names two instants: RFC 5545
    /// §3.3.5 reads it as the first, but servers do not all agree (DAViCal,
    /// through PostgreSQL, reads the second, so an hour from 02:30 CEST was
    /// stored as nothing). UTC (form #2) names one instant for every reader,
    /// and §3.8.2.2 lets DTSTART and DTEND mix UTC and TZID (only floating
    /// times must pair with floating times).
    private func writeTime(_ name: String, _ instant: UTCInstant, to w: inout ContentLineWriter) {
        if let zone, let local = Self.unambiguousLocalTime(instant, in: zone) {
            w.write(name, parameters: [ContentLine.Parameter(name: "TZID", values: [zone.tzid])], value: local.iCalendarString)
        } else {
            w.write(name, value: instant.iCalendarString)
        }
    }

    /// The wall-clock time of `instant` in `zone` if it names no other instant.
    private static func unambiguousLocalTime(_ instant: UTCInstant, in zone: TimeZoneDefinition) -> LocalDateTime? {
        let local = zone.localDateTime(instant)
        return zone.readings(of: local) == [instant] ? local : nil
    }

    /// The VTIMEZONE is written only when a property refers to it.
    private var usesZone: Bool {
        guard let zone else { return false }
        return Self.unambiguousLocalTime(start, in: zone) != nil || Self.unambiguousLocalTime(end, in: zone) != nil
    }
}

/// What the server recorded for each attendee after it scheduled the event:
/// the SCHEDULE-STATUS parameter on their ATTENDEE property (RFC 6638 §7.3),
/// read from the stored event.
public struct DeliveryReport: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var attendee: CalendarUserAddress
        public var status: RequestStatus?

        /// In words: 1.0 pending, 1.1 sent, 1.2 delivered, 3.7 invalid user,
        /// 3.8 no scheduling privileges, 5.x not delivered (RFC 6638 §3.2.9).
        public var meaning: String {
            guard let status else { return "no delivery status reported" }
            switch status.code {
            case "1.0": return "pending"
            case "1.1": return "sent"
            case "1.2": return "delivered"
            default: break
            }
            switch status.outcome {
            case .noSuchUser: return "not delivered: invalid calendar user"
            case .noAuthority: return "not delivered: no scheduling privileges for them"
            case .failed: return "not delivered (\(status.code))"
            case .success: return "delivered"
            case .pending, .notAccepted, .unrecognised, .noAnswer: return "status \(status.code)"
            }
        }

        /// True once delivered (1.2, 2.x), false when refused (3.x, 5.x), nil
        /// while pending or sent on (1.0, 1.1: by email, say) or not reported.
        public var delivered: Bool? {
            guard let status else { return nil }
            if status.code == "1.2" { return true }
            switch status.outcome {
            case .success: return true
            case .noSuchUser, .noAuthority, .notAccepted, .failed: return false
            case .pending, .unrecognised, .noAnswer: return nil
            }
        }
    }

    public var entries: [Entry]

    /// Reads SCHEDULE-STATUS from every ATTENDEE of the first VEVENT, except the organizer.
    public static func parse(_ text: String, organizer: CalendarUserAddress) throws(ICalendarError) -> DeliveryReport {
        let roots = try Component.parse(text)
        guard let event = roots.lazy.flatMap({ $0.descendants(named: "VEVENT") }).first else {
            throw .missingComponent("VEVENT")
        }
        var entries: [Entry] = []
        for line in event.properties(named: "ATTENDEE") {
            let address = CalendarUserAddress(uncheckedURI: line.value)
            guard address.matchKey != organizer.matchKey else { continue }
            let status = line.parameter("SCHEDULE-STATUS").map { RequestStatus(parsing: $0) }
            entries.append(Entry(attendee: address, status: status))
        }
        return DeliveryReport(entries: entries)
    }
}
