import FreeBusy
import ICalendar
import LocalTime

/// One occurrence of a repeating event (RFC 5545 §3.8.5.3): when it is,
/// which occurrence it is (its RECURRENCE-ID, §3.8.4.4: the start the rule
/// gave it, which an override keeps even when it moves the time) and the
/// VEVENT that describes it (the master, or the override for that occurrence).
public struct SeriesOccurrence: Equatable, Sendable {
    public var span: TimeSpan
    public var recurrenceID: UTCInstant
    public var event: Component

    public init(span: TimeSpan, recurrenceID: UTCInstant, event: Component) {
        self.span = span
        self.recurrenceID = recurrenceID
        self.event = event
    }
}
