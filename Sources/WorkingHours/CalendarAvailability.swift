import FreeBusy
import ICalendar

/// Someone's working hours as a calendar server keeps them: a VAVAILABILITY
/// (RFC 7953 §3.1) in the `CALDAV:calendar-availability` property of their
/// schedule Inbox (§7.2.4). Outside the AVAILABLE times, and inside the
/// component's own DTSTART/DTEND, a server that applies it answers free/busy
/// requests with the component's BUSYTYPE (RFC 7953 §4).
public struct CalendarAvailability: Equatable, Sendable {
    public var hours: WeeklyHours
    /// The zone of the wall-clock times (the TZID; "UTC" for times in UTC);
    /// nil for floating times, which mean the reader's own zone.
    public var zoneIdentifier: String?
    /// RFC 7953 §3.1 BUSYTYPE: what the time outside the hours counts as.
    public var busyType: BusyType
    /// The VAVAILABILITY's DTSTART and DTEND: when these hours hold at all
    /// (nil is unbounded on that side). Outside, the hours say nothing.
    public var validFrom: UTCInstant?
    public var validUntil: UTCInstant?

    public init(hours: WeeklyHours, zoneIdentifier: String?, busyType: BusyType = .busyUnavailable,
                validFrom: UTCInstant? = nil, validUntil: UTCInstant? = nil) {
        self.hours = hours
        self.zoneIdentifier = zoneIdentifier
        self.busyType = busyType
        self.validFrom = validFrom
        self.validUntil = validUntil
    }
}
