import FreeBusy
import ICalendar

/// How good a day is for the meeting, as Outlook's scheduling assistant rates
/// days: by how many of the day's candidate times work for every required
/// attendee whose time is known.
public enum DayRating: String, Equatable, Sendable {
    case good = "Good", fair = "Fair", poor = "Poor"

    /// Good when at least half the candidate times work, Fair when some do,
    /// Poor when none; nil for a day without candidate times.
    public init?(working: Int, candidates: Int) {
        guard candidates > 0 else { return nil }
        self = working * 2 >= candidates ? .good : working > 0 ? .fair : .poor
    }

    /// One rating per day span (nil where the day has no candidate times, or
    /// nobody required is known), from the slot finder's own answer to `query`:
    /// a time "works" when the finder would offer it.
    public static func rate(_ query: SlotQuery, days: [TimeSpan]) -> [DayRating?] {
        var all = query
        all.count = Int.max
        let result = SlotFinder.find(all)
        guard result.requiredKnown > 0 else { return days.map { _ in nil } }
        let candidates = query.candidates()
        func starts(_ t: UTCInstant, in day: TimeSpan) -> Bool { day.start <= t && t < day.end }
        return days.map { day in
            DayRating(working: result.slots.filter { starts($0.start, in: day) }.count,
                      candidates: candidates.filter { starts($0.start, in: day) }.count)
        }
    }
}
