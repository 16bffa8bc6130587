import FreeBusy
import ICalendar
import LocalTime

/// What to book, as the user gave it (from `avail book` or the planner's form).
public struct BookingRequest: Sendable {
    public var start: UTCInstant
    public var end: UTCInstant
    public var title: String
    public var location: String?
    public var description: String?
    public var required: [CalendarUserAddress]
    public var optional: [CalendarUserAddress]
    public var uid: String?
    /// Times are written with this zone's TZID, unless it is UTC or `utc` is set.
    public var zone: DisplayZone
    public var utc = false

    public init(start: UTCInstant, end: UTCInstant, title: String, location: String?, description: String?,
                required: [CalendarUserAddress], optional: [CalendarUserAddress], uid: String?, zone: DisplayZone, utc: Bool = false) {
        self.start = start
        self.end = end
        self.title = title
        self.location = location
        self.description = description
        self.required = required
        self.optional = optional
        self.uid = uid
        self.zone = zone
        self.utc = utc
    }

    public var everyone: [CalendarUserAddress] { required + optional }
    public var span: TimeSpan? { TimeSpan(start: start, end: end) }
}
