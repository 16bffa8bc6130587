/// Durations as people type them: `30m`, `1h`, `1h30m`, `90` (minutes).
public enum DurationText {
    /// Seconds, or nil for anything else or for more than a day.
    public static func parse(_ text: String) -> Int64? {
        let t = text.lowercased().filter { $0 != " " }
        if let minutes = Int64(t) { return (1...1440).contains(minutes) ? minutes * 60 : nil }
        var total: Int64 = 0
        var number: Int64? = nil
        for c in t {
            if let d = c.wholeNumberValue {
                let next = (number ?? 0) * 10 + Int64(d)
                guard next <= 100_000 else { return nil }
                number = next
                continue
            }
            guard let n = number else { return nil }
            switch c {
            case "h": total += n * 3600
            case "m": total += n * 60
            default: return nil
            }
            number = nil
        }
        guard number == nil, total > 0, total <= 86_400 else { return nil }
        return total
    }

    public static func format(_ seconds: Int64) -> String {
        let h = seconds / 3600, m = seconds % 3600 / 60
        if h > 0 && m > 0 { return "\(h)h\(m)m" }
        return h > 0 ? "\(h)h" : "\(m)m"
    }
}
