/// When someone works, week after week: for each weekday the wall-clock
/// ranges they are available (none is a day off). The zone those wall-clock
/// times are in travels next to it (CalendarAvailability), because the same
/// hours mean different instants in Berlin and New York.
public struct WeeklyHours: Hashable, Sendable, CustomStringConvertible {
    /// Indexed by `Weekday.rawValue`; each day's ranges sorted, not overlapping.
    public private(set) var days: [[DailyRange]]

    /// Every day off.
    public init() { days = Array(repeating: [], count: 7) }

    /// Ranges per weekday; overlapping or touching ranges of one day are merged.
    public init(_ ranges: [Weekday: [DailyRange]]) {
        self.init()
        for (day, list) in ranges { self[day] = list }
    }

    public subscript(day: Weekday) -> [DailyRange] {
        get { days[day.rawValue] }
        set { days[day.rawValue] = Self.merged(newValue) }
    }

    /// No working time on any day.
    public var isEmpty: Bool { days.allSatisfy(\.isEmpty) }

    /// Working days, Monday first.
    public var workingDays: [Weekday] { Weekday.allCases.filter { !self[$0].isEmpty } }

    /// The grammar's canonical spelling (see `WeeklyHours.parse`): days with the
    /// same ranges grouped, runs written `mon-fri`; "off" when there are none.
    public var description: String {
        var groups: [(days: [Weekday], ranges: [DailyRange])] = []
        for day in Weekday.allCases where !self[day].isEmpty {
            if let i = groups.firstIndex(where: { $0.ranges == self[day] }) { groups[i].days.append(day) }
            else { groups.append(([day], self[day])) }
        }
        guard !groups.isEmpty else { return "off" }
        return groups.map { Self.dayList($0.days) + " " + $0.ranges.map(\.description).joined(separator: ",") }
            .joined(separator: " ")
    }

    /// `mon-wed,fri`: runs of three or more days as a span.
    static func dayList(_ days: [Weekday]) -> String {
        var parts: [String] = []
        var i = 0
        while i < days.count {
            var j = i
            while j + 1 < days.count, days[j + 1].rawValue == days[j].rawValue + 1 { j += 1 }
            if j - i >= 2 { parts.append("\(days[i].shortName)-\(days[j].shortName)") }
            else { parts += days[i...j].map(\.shortName) }
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// Sorted, with overlapping or touching ranges joined.
    static func merged(_ ranges: [DailyRange]) -> [DailyRange] {
        var out: [DailyRange] = []
        for r in ranges.sorted() {
            if let last = out.last, r.start <= last.end {
                out[out.count - 1] = DailyRange(start: last.start, end: max(last.end, r.end)) ?? last
            } else {
                out.append(r)
            }
        }
        return out
    }
}
