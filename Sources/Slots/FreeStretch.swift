import FreeBusy
import ICalendar

/// A stretch of time in which a meeting of the asked length can start at every
/// step: the slot finder's starts, merged. What a person pastes into a mail
/// ("Mon 7 Dec 10:30–12:00"), where the starts list said the same three times.
public struct FreeStretch: Equatable, Sendable {
    public var span: TimeSpan
    /// Optional attendees busy for some of the stretch (a start inside it
    /// clashed with them): the stretch is still free for everyone required.
    public var optionalBusy: [CalendarUserAddress]
    /// Attendees whose time is not known (planned around, or optional).
    public var unknown: [CalendarUserAddress]
    /// The room free throughout, when rooms were asked for.
    public var room: CalendarUserAddress?

    public init(span: TimeSpan, optionalBusy: [CalendarUserAddress] = [], unknown: [CalendarUserAddress] = [],
                room: CalendarUserAddress? = nil) {
        self.span = span
        self.optionalBusy = optionalBusy
        self.unknown = unknown
        self.room = room
    }

    public var start: UTCInstant { span.start }
    public var end: UTCInstant { span.end }

    /// Merges slots that overlap or touch into stretches, in time order. The
    /// slots may come in any order (the finder ranks them); each is already as
    /// long as the meeting, so every stretch is too. A stretch is as exact as
    /// the starts: with a step longer than the meeting, the time between two
    /// starts is not known to be free and the stretches stay apart.
    public static func merging(_ slots: [Slot]) -> [FreeStretch] {
        var out: [FreeStretch] = []
        for slot in slots.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            // Only starts in the same room join: a stretch must have one room free
            // throughout, not room 1 for its first hour and room 2 for its second.
            if var last = out.last, slot.start <= last.end, last.room?.matchKey == slot.room?.matchKey {
                if let joined = TimeSpan(start: last.start, end: max(last.end, slot.end)) { last.span = joined }
                last.optionalBusy = (last.optionalBusy + slot.busy).distinctAddresses()
                last.unknown = (last.unknown + slot.unknown).distinctAddresses()
                out[out.count - 1] = last
            } else {
                out.append(FreeStretch(span: slot.span, optionalBusy: slot.busy.distinctAddresses(),
                                       unknown: slot.unknown.distinctAddresses(), room: slot.room))
            }
        }
        return out
    }
}
