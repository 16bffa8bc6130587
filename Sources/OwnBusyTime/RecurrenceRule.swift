import ICalendar

/// An RRULE (RFC 5545 §3.3.10) as far as calendars people keep use it:
/// FREQ DAILY, WEEKLY, MONTHLY or YEARLY with INTERVAL, COUNT or UNTIL,
/// BYDAY (with ordinals in MONTHLY and YEARLY), BYMONTHDAY and BYMONTH.
/// Any other part (BYSETPOS, BYHOUR, BYWEEKNO, an hourly rule…) is refused
/// with `.unsupported`, so that an event is set aside and said so rather than
/// counted at the wrong times.
public struct RecurrenceRule: Equatable, Sendable {
    public enum Frequency: String, Sendable { case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY" }

    /// A BYDAY entry: a weekday (0 = Monday) and, in a monthly or yearly
    /// rule, which one of the month (1 = first, -1 = last; nil = every).
    public struct WeekdayEntry: Equatable, Sendable {
        public var weekday: Int
        public var ordinal: Int?
    }

    public var frequency: Frequency
    public var interval = 1
    public var count: Int?
    /// UNTIL as written: a DATE or a DATE-TIME (UTC or local), compared with
    /// the occurrence in the same form.
    public var until: String?
    public var byDay: [WeekdayEntry] = []
    public var byMonthDay: [Int] = []
    public var byMonth: [Int] = []

    static let weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case unsupported(String)
        case invalid(String)
        public var description: String {
            switch self {
            case let .unsupported(s): return "RRULE \(s) is not supported"
            case let .invalid(s): return "RRULE \(s) is not a valid rule"
            }
        }
    }

    public init(_ text: String) throws(Problem) {
        var frequency: Frequency? = nil
        for part in text.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map { String($0).uppercased() }
            guard kv.count == 2 else { throw .invalid(text) }
            let (key, value) = (kv[0], kv[1])
            let list = value.split(separator: ",").map(String.init)
            switch key {
            case "FREQ":
                guard let f = Frequency(rawValue: value) else { throw .unsupported(text) }
                frequency = f
            case "INTERVAL":
                // Bounded, so that period arithmetic cannot overflow: more than
                // 10,000 periods apart never repeats inside a calendar anyway.
                guard let n = Int(value), (1...10_000).contains(n) else { throw .invalid(text) }
                interval = n
            case "COUNT":
                guard let n = Int(value), n >= 1 else { throw .invalid(text) }
                count = n
            case "UNTIL": until = value
            case "WKST":
                // Weeks are counted from Monday here; another week start only
                // changes which weeks an INTERVAL>1 weekly rule picks.
                guard value == "MO" || interval == 1 else { throw .unsupported(text) }
            case "BYDAY":
                byDay = try list.map { (code: String) throws(Problem) -> WeekdayEntry in
                    guard code.count >= 2, let w = Self.weekdayCodes.firstIndex(of: String(code.suffix(2))) else { throw .invalid(text) }
                    let prefix = code.dropLast(2)
                    if prefix.isEmpty { return WeekdayEntry(weekday: w, ordinal: nil) }
                    guard let n = Int(prefix), n != 0, abs(n) <= 53 else { throw .invalid(text) }
                    return WeekdayEntry(weekday: w, ordinal: n)
                }
            case "BYMONTHDAY":
                byMonthDay = try list.map { (s: String) throws(Problem) -> Int in
                    guard let n = Int(s), n != 0, abs(n) <= 31 else { throw .invalid(text) }
                    return n
                }
            case "BYMONTH":
                byMonth = try list.map { (s: String) throws(Problem) -> Int in
                    guard let n = Int(s), (1...12).contains(n) else { throw .invalid(text) }
                    return n
                }
            default: throw .unsupported(text)
            }
        }
        guard let frequency else { throw .invalid(text) }
        self.frequency = frequency
        if count != nil && until != nil { throw .invalid(text) } // RFC 5545 §3.3.10: not both
        if byDay.contains(where: { $0.ordinal != nil }) && (frequency == .daily || frequency == .weekly) { throw .invalid(text) }
        if frequency == .yearly && !byDay.isEmpty && byMonth.isEmpty { throw .unsupported(text) }
    }

    /// The local starts the rule makes from `start` (which is the first,
    /// RFC 5545 §3.8.5.3), in order, while `keepGoing` says so (the caller
    /// stops past its window, at COUNT or at UNTIL).
    func starts(from start: LocalDateTime, keepGoing: (LocalDateTime) -> Bool) {
        guard keepGoing(start) else { return }
        let startDay = CivilDate.daysFromCivil(year: start.year, month: start.month, day: start.day)
        func at(_ day: Int64) -> LocalDateTime {
            let c = CivilDate.civilFromDays(day)
            return LocalDateTime(year: c.year, month: c.month, day: c.day, hour: start.hour, minute: start.minute, second: start.second)
        }
        // Bounded: a rule that matches nothing (BYMONTHDAY=31;BYMONTH=2) ends.
        var emptyPeriods = 0
        var period: Int64 = 0
        // Year 9999 is as far as iCalendar writes dates (RFC 5545 §3.3.4).
        let lastDay = CivilDate.daysFromCivil(year: 9999, month: 12, day: 31)
        while emptyPeriods < 1000 {
            var days: [Int64] = []
            switch frequency {
            case .daily:
                let d = startDay + period * Int64(interval)
                let c = CivilDate.civilFromDays(d)
                if matchesFilters(day: d, month: c.month, dayOfMonth: c.day, year: c.year) { days = [d] }
            case .weekly:
                let weekStart = startDay - Int64(Self.weekday(startDay)) + period * Int64(interval) * 7
                let wanted = byDay.isEmpty ? [Self.weekday(startDay)] : byDay.map(\.weekday)
                days = (0..<7).map { weekStart + Int64($0) }.filter { d in
                    let c = CivilDate.civilFromDays(d)
                    return wanted.contains(Self.weekday(d)) && (byMonth.isEmpty || byMonth.contains(c.month))
                }
            case .monthly:
                let months = (start.year * 12 + start.month - 1) + Int(period) * interval
                days = daysInMonth(year: months / 12, month: months % 12 + 1, defaultDay: start.day)
            case .yearly:
                let year = start.year + Int(period) * interval
                for month in (byMonth.isEmpty ? [start.month] : byMonth.sorted()) {
                    days += daysInMonth(year: year, month: month, defaultDay: start.day, monthFromRule: !byMonth.isEmpty)
                }
            }
            period += 1
            if let last = days.max(), last > lastDay { return }
            if frequency == .monthly || frequency == .yearly, start.year + Int(period) * interval / (frequency == .monthly ? 12 : 1) > 9999 { return }
            // The start is the first occurrence already; days before it do not count.
            let later = days.sorted().filter { $0 > startDay }
            if later.isEmpty { emptyPeriods += 1; continue }
            emptyPeriods = 0
            for d in later {
                guard keepGoing(at(d)) else { return }
            }
        }
    }

    private func matchesFilters(day: Int64, month: Int, dayOfMonth: Int, year: Int) -> Bool {
        if !byMonth.isEmpty && !byMonth.contains(month) { return false }
        if !byDay.isEmpty && !byDay.contains(where: { $0.weekday == Self.weekday(day) }) { return false }
        if !byMonthDay.isEmpty {
            let length = CivilDate.daysIn(month: month, year: year)
            if !byMonthDay.contains(where: { ($0 > 0 ? $0 : length + 1 + $0) == dayOfMonth }) { return false }
        }
        return true
    }

    /// The days of one month the rule picks: BYMONTHDAY, BYDAY (every such
    /// weekday, or the n-th / n-th from last), both (days that are both), or
    /// the start's day of the month (a month without it has no occurrence,
    /// RFC 5545 §3.3.10: invalid dates are ignored).
    private func daysInMonth(year: Int, month: Int, defaultDay: Int, monthFromRule: Bool = false) -> [Int64] {
        let length = CivilDate.daysIn(month: month, year: year)
        let first = CivilDate.daysFromCivil(year: year, month: month, day: 1)
        var byMonthDays: Set<Int64>? = nil
        if !byMonthDay.isEmpty {
            byMonthDays = Set(byMonthDay.compactMap { n in
                let d = n > 0 ? n : length + 1 + n
                return (1...length).contains(d) ? first + Int64(d - 1) : nil
            })
        }
        var byWeekDays: Set<Int64>? = nil
        if !byDay.isEmpty {
            var found: Set<Int64> = []
            for entry in byDay {
                let all = (0..<length).map { first + Int64($0) }.filter { Self.weekday($0) == entry.weekday }
                if let n = entry.ordinal {
                    let index = n > 0 ? n - 1 : all.count + n
                    if all.indices.contains(index) { found.insert(all[index]) }
                } else {
                    found.formUnion(all)
                }
            }
            byWeekDays = found
        }
        if !byMonth.isEmpty, !byMonth.contains(month) { return [] }
        switch (byMonthDays, byWeekDays) {
        case let (m?, w?): return Array(m.intersection(w))
        case let (m?, nil): return Array(m)
        case let (nil, w?): return Array(w)
        case (nil, nil):
            return defaultDay <= length ? [first + Int64(defaultDay - 1)] : []
        }
    }

    /// 0 = Monday … 6 = Sunday; day 0 (1970-01-01) was a Thursday.
    static func weekday(_ day: Int64) -> Int {
        Int(((day % 7) + 7 + 3) % 7)
    }
}
