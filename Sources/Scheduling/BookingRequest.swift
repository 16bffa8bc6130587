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
    /// Rooms booked with the meeting, invited as CUTYPE=ROOM.
    public var rooms: [CalendarUserAddress] = []
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

    /// The people and the rooms: everyone whose time is checked and who is invited.
    public var everyone: [CalendarUserAddress] { required + optional + rooms }

    /// CUTYPE for those that are not people, keyed by `matchKey`.
    public var calendarUserTypes: [String: CalendarUserType] {
        Dictionary(rooms.map { ($0.matchKey, CalendarUserType.room) }, uniquingKeysWith: { a, _ in a })
    }

    public func isRoom(_ a: CalendarUserAddress) -> Bool { rooms.contains { $0.matchKey == a.matchKey } }

    /// Books these rooms with the meeting, each once; a room also named as an
    /// attendee is invited once, as a room.
    public mutating func book(rooms: [CalendarUserAddress]) {
        for r in rooms where !isRoom(r) { self.rooms.append(r) }
        let keys = Set(self.rooms.map(\.matchKey))
        required.removeAll { keys.contains($0.matchKey) }
        optional.removeAll { keys.contains($0.matchKey) }
    }
    public var span: TimeSpan? { TimeSpan(start: start, end: end) }
}
