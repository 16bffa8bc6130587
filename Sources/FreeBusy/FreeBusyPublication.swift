import ICalendar

/// One's own busy time as a published iCalendar object: METHOD:PUBLISH and
/// one VFREEBUSY in the "published busy time" form of RFC 5545 §3.6.4
/// (ORGANIZER, DTSTART/DTEND of the window, DTSTAMP, UID, FREEBUSY periods in
/// UTC), which is what `fburl` readers (PublishedFreeBusy) and other clients
/// fetch. It carries no event detail: no SUMMARY, LOCATION, ATTENDEE or
/// DESCRIPTION can be written, because nothing here holds one.
public struct FreeBusyPublication: Equatable, Sendable {
    public var organizer: CalendarUserAddress
    public var window: TimeWindow
    /// Merged and clipped to the window when made: RFC 5545 §3.2.9 wants no
    /// period of one FBTYPE to overlap another of the same type.
    public private(set) var periods: [BusyPeriod]
    public var uid: String
    public var timestamp: UTCInstant

    public init(organizer: CalendarUserAddress, window: TimeWindow, periods: [BusyPeriod], uid: String? = nil, timestamp: UTCInstant) {
        self.organizer = organizer
        self.window = window
        self.periods = periods.normalized(within: window)
        // One UID per person: each publication replaces the last one of the
        // same calendar user rather than adding a second object (RFC 5545 §3.8.4.7).
        self.uid = uid ?? "avail-freebusy-" + organizer.displayString
        self.timestamp = timestamp
    }

    /// The whole iCalendar object, CRLF line ends, folded at 75 octets.
    public func text(productID: String) -> String {
        ContentLineWriter.calendar(productID: productID, method: "PUBLISH") { w in
            VFreeBusyWriter.component(attendee: nil, organizer: organizer, window: window, periods: periods, requestStatus: nil,
                                      uid: uid, timestamp: timestamp, into: &w)
        }
    }
}
