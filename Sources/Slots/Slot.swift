import FreeBusy
import ICalendar

/// One suggested meeting time, with why it is as good as it is.
public struct Slot: Equatable, Sendable {
    public var span: TimeSpan
    public var start: UTCInstant { span.start }
    public var end: UTCInstant { span.end }
    public var free: [CalendarUserAddress]
    public var busy: [CalendarUserAddress]
    public var unknown: [CalendarUserAddress]
    /// The room that is free for it, when rooms were asked for: the first free
    /// one in the order given.
    public var room: CalendarUserAddress?
    /// Everyone free, or each thing that makes the slot less than perfect.
    public var reasons: [SlotReason]
    public var ranking: SlotRanking

    public init(span: TimeSpan, free: [CalendarUserAddress], busy: [CalendarUserAddress], unknown: [CalendarUserAddress],
                room: CalendarUserAddress? = nil, reasons: [SlotReason] = [.everyoneFree], ranking: SlotRanking = SlotRanking()) {
        self.span = span
        self.free = free
        self.busy = busy
        self.unknown = unknown
        self.room = room
        self.reasons = reasons
        self.ranking = ranking
    }

    /// The reasons in one line: "everyone free", "optional bob busy; carol tentative".
    public var reasonText: String { reasons.map(\.description).joined(separator: "; ") }
}
