import FreeBusy
import ICalendar

/// Whether the server applies the working hours it was given, judged from a
/// free/busy answer for the user themself: DAViCal stores
/// `calendar-availability` and answers 200, but its free/busy never changes,
/// so only the effect tells (RFC 7953 §4 is what a server that applies it does).
public enum AvailabilityVerdict: Equatable, Sendable {
    /// The answer shows the unavailable time where the hours leave it.
    case applied
    /// The answer shows none of it: the server keeps the property and ignores it.
    case storedOnly
    /// Some of it, not all: seconds expected unavailable, and how many of
    /// them the answer covers.
    case differs(expected: Int64, covered: Int64)
    /// Nothing to judge by: why (no answer for the user, no unavailable time
    /// in the window).
    case unknown(String)

    /// Judges an answer against the unavailable periods the hours should give
    /// (CalendarAvailability.unavailablePeriods). The user's own events may
    /// show as BUSY over part of that time, so any busy type counts towards
    /// coverage, but at least some of it must be of the expected type.
    public static func judge(expected: [BusyPeriod], answered: [BusyPeriod]) -> AvailabilityVerdict {
        let total = expected.reduce(Int64(0)) { $0 + $1.span.seconds }
        guard total > 0 else { return .unknown("the hours leave no unavailable time in the window") }
        let types = Set(expected.map(\.type))
        let ofType = overlap(expected, answered.filter { types.contains($0.type) })
        guard ofType > 0 else { return .storedOnly }
        let covered = overlap(expected, answered)
        return covered * 10 >= total * 9 ? .applied : .differs(expected: total, covered: covered)
    }

    /// Seconds of `a` covered by the union of `b`.
    private static func overlap(_ a: [BusyPeriod], _ b: [BusyPeriod]) -> Int64 {
        let union = b.map(\.span).union()
        return a.reduce(Int64(0)) { sum, p in
            union.reduce(sum) { $0 + (p.span.clipped(to: $1)?.seconds ?? 0) }
        }
    }
}
