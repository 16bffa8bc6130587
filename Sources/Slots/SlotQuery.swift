import FreeBusy
import LocalTime

public struct SlotQuery: Sendable {
    public var window: TimeWindow
    public var duration: Int64
    public var step: Int64
    public var hours: WorkingHours
    public var zone: DisplayZone
    public var required: [Participant]
    public var optional: [Participant]
    /// Rooms, any one of which will do: a slot needs every required person
    /// and at least one of these free. Empty: no room is asked for.
    public var rooms: [Participant]
    /// BUSY-TENTATIVE counts as free (by default it counts as busy).
    public var tentativeIsFree: Bool
    /// Time outside someone's working hours (BUSY-UNAVAILABLE, or outside the
    /// hours of their own zone) may be offered; such slots rank after the rest.
    /// By default it blocks: RFC 5545 §3.2.9 says the time is unavailable for booking.
    public var outsideHoursAllowed: Bool
    /// Plan around the attendees whose time is known. Without it, an unknown
    /// required attendee means no slot can be promised: unknown is not free.
    public var ignoreUnknown: Bool
    public var count: Int

    public init(window: TimeWindow, duration: Int64, step: Int64, hours: WorkingHours, zone: DisplayZone,
                required: [Participant], optional: [Participant] = [], rooms: [Participant] = [], tentativeIsFree: Bool = false,
                outsideHoursAllowed: Bool = false, ignoreUnknown: Bool = false, count: Int = 5) {
        self.window = window
        self.duration = duration
        self.step = step
        self.hours = hours
        self.zone = zone
        self.required = required
        self.optional = optional
        self.rooms = rooms
        self.tentativeIsFree = tentativeIsFree
        self.outsideHoursAllowed = outsideHoursAllowed
        self.ignoreUnknown = ignoreUnknown
        self.count = count
    }
}

extension SlotQuery {
    /// Every meeting time the query could offer, in time order: starts step
    /// through each working span from its start, and a meeting must fit inside one span.
    public func candidates() -> [TimeSpan] {
        guard duration > 0, step > 0 else { return [] }
        var out: [TimeSpan] = []
        for span in hours.spans(in: window, zone: zone) {
            var t = span.start
            while let meeting = TimeSpan(start: t, end: t.adding(seconds: duration)), span.contains(meeting) {
                out.append(meeting)
                t = t.adding(seconds: step)
            }
        }
        return out
    }
}
