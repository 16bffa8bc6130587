/// Durations as people type them: `30m`, `1h`, `1h30m`, `90s`, `2d`, or a bare
/// number in the unit the option names (minutes for a meeting's length,
/// seconds for a cache age). The one reader behind --duration, --step,
/// --max-age and the planner's booking form, so they all take the same words.
public enum DurationText {
    /// Why a text is not an acceptable duration, worded by `message`.
    public enum Problem: Error, Equatable, Sendable {
        case notADuration
        case zero
        case negative
        case tooShort(minimum: Int64)
        case tooLong(maximum: Int64)
    }

    /// Seconds, or the reason `text` is not a duration in `range`.
    /// `bareUnit` is how many seconds a number without a unit counts.
    public static func read(_ text: String, bareUnit: Int64 = 60, range: ClosedRange<Int64> = 60...86_400) -> Result<Int64, Problem> {
        let t = text.lowercased().filter { $0 != " " }
        guard !t.isEmpty else { return .failure(.notADuration) }
        if t.first == "-", case .success = read(String(t.dropFirst()), bareUnit: bareUnit, range: 0...Int64.max) {
            return .failure(.negative)
        }
        var total: Int64 = 0
        var number: Int64? = nil
        var sawUnit = false
        for c in t {
            if let d = c.wholeNumberValue, c.isASCII {
                let next = (number ?? 0) * 10 + Int64(d)
                // Far beyond any range asked for; stops overflow on long digit runs.
                guard next <= 100_000_000 else { return .failure(.tooLong(maximum: range.upperBound)) }
                number = next
                continue
            }
            guard let n = number else { return .failure(.notADuration) }
            switch c {
            case "d": total += n * 86_400
            case "h": total += n * 3600
            case "m": total += n * 60
            case "s": total += n
            default: return .failure(.notADuration)
            }
            sawUnit = true
            number = nil
        }
        if let n = number {
            // A trailing number is only allowed alone: "1h30" could mean either.
            guard !sawUnit else { return .failure(.notADuration) }
            total = n * bareUnit
        }
        if total == 0 && range.lowerBound > 0 { return .failure(.zero) }
        if total < range.lowerBound { return .failure(.tooShort(minimum: range.lowerBound)) }
        if total > range.upperBound { return .failure(.tooLong(maximum: range.upperBound)) }
        return .success(total)
    }

    /// Seconds of a meeting length (1 minute to 24 hours, bare numbers are
    /// minutes), or nil.
    public static func parse(_ text: String) -> Int64? {
        try? read(text).get()
    }

    /// One line saying what is wrong with `text` given to `option` (empty in
    /// a field whose label says it), e.g. `--duration "25h" is longer than the
    /// 24h allowed`.
    public static func message(_ problem: Problem, option: String, text: String, example: String = "30m, 1h or 1h30m") -> String {
        let what = option.isEmpty ? text.debugDescription : "\(option) \(text.debugDescription)"
        switch problem {
        case .notADuration: return "\(what) is not a duration like \(example)"
        case .zero: return "\(what) is zero; give a length like \(example)"
        case .negative: return "\(what) is negative; give a length like \(example)"
        case let .tooShort(minimum): return "\(what) is shorter than the \(format(minimum)) allowed"
        case let .tooLong(maximum): return "\(what) is longer than the \(format(maximum)) allowed"
        }
    }

    /// `1h30m`, `45m`, `24h`, `30d`, `30s`: exact, and in days only for whole
    /// days beyond one (a day-long meeting reads better as 24h).
    public static func format(_ seconds: Int64) -> String {
        guard seconds > 0 else { return "0s" }
        if seconds > 86_400, seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        let h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60
        var out = ""
        if h > 0 { out += "\(h)h" }
        if m > 0 { out += "\(m)m" }
        if s > 0 { out += "\(s)s" }
        return out
    }
}
