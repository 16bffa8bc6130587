extension WeeklyHours {
    /// Reads working hours as people write them:
    ///
    ///     mon-fri 09:00-17:00
    ///     mon-thu 09:00-12:00,13:00-17:00 fri 09:00-13:00
    ///     mon,wed,fri 08:30-16:30 tue off
    ///
    /// The grammar (spaces and commas both separate items; case does not matter):
    ///
    ///     hours = group *group
    ///     group = 1*days ( 1*range / "off" )
    ///     days  = day / day "-" day          ; a span, wrapping past sunday (fri-mon)
    ///     day   = mon / tue / … / sun        ; also mo…su and monday…sunday
    ///     range = time "-" time              ; start before end, at most 24:00
    ///     time  = H:MM / HH:MM
    ///
    /// A day not named is a day off; naming a day twice is an error, so every
    /// day's times are in one place. A range cannot run past midnight (write it
    /// as two, one on each day); ranges of one day may touch but not overlap.
    public static func parse(_ text: String) throws(WorkingHoursError) -> WeeklyHours {
        let items = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\n" || $0 == "\r" }).map(String.init)
        guard !items.isEmpty else { throw .empty }
        var hours = WeeklyHours()
        var named = Set<Weekday>()
        var days: [Weekday] = []
        var daysText: [String] = []
        var ranges: [DailyRange] = []
        var rangesText: [String] = []

        func finishGroup(off: Bool) throws(WorkingHoursError) {
            guard !days.isEmpty else { return }
            guard off || !ranges.isEmpty else { throw .daysWithoutTimes(daysText.joined(separator: ",")) }
            let sorted = ranges.sorted()
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.start < a.end {
                throw .overlapping(days[0], "\(a) and \(b)")
            }
            for d in days { hours[d] = off ? [] : ranges }
            days = []; daysText = []; ranges = []; rangesText = []
        }

        var lastWasTime = false
        for item in items {
            if item.lowercased() == "off" {
                guard !days.isEmpty, ranges.isEmpty else {
                    throw days.isEmpty ? .notADay(item) : .notATimeRange(item)
                }
                try finishGroup(off: true)
                lastWasTime = false
            } else if item.first?.isLetter == true {
                if lastWasTime { try finishGroup(off: false) }
                lastWasTime = false
                for d in try daySpan(item) {
                    guard !named.contains(d) else { throw .dayNamedTwice(d) }
                    named.insert(d)
                    days.append(d)
                }
                daysText.append(item)
            } else {
                let range = try dailyRange(item)
                guard !days.isEmpty else { throw .timesWithoutDays(item) }
                ranges.append(range)
                rangesText.append(item)
                lastWasTime = true
            }
        }
        if !days.isEmpty { try finishGroup(off: false) }
        guard !hours.isEmpty else { throw .noWorkingTime }
        return hours
    }

    /// `mon` or `mon-fri` (a span may wrap: `fri-mon` is fri sat sun mon).
    private static func daySpan(_ item: String) throws(WorkingHoursError) -> [Weekday] {
        let ends = item.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count <= 2, let first = Weekday(name: ends[0]) else { throw .notADay(item) }
        guard ends.count == 2 else { return [first] }
        guard let last = Weekday(name: ends[1]) else { throw .notADay(item) }
        var out = [first]
        var d = first
        while d != last { d = d.next; out.append(d) }
        return out
    }

    /// `09:00-17:00`
    private static func dailyRange(_ item: String) throws(WorkingHoursError) -> DailyRange {
        let ends = item.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let start = TimeOfDay(text: ends[0]), let end = TimeOfDay(text: ends[1]) else {
            throw .notATimeRange(item)
        }
        guard let range = DailyRange(start: start, end: end) else { throw .endsBeforeStart(item) }
        return range
    }
}
