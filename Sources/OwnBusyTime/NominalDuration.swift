/// An RFC 5545 §3.3.6 duration split into nominal days (weeks too), which
/// follow the calendar across a clock change, and exact seconds.
struct NominalDuration: Equatable, Sendable {
    init(days: Int64, seconds: Int64) { self.days = days; self.seconds = seconds }

    var days: Int64
    var seconds: Int64

    init?(_ text: String) {
        var s = Substring(text.uppercased())
        var sign: Int64 = 1
        if s.first == "+" { s = s.dropFirst() } else if s.first == "-" { sign = -1; s = s.dropFirst() }
        guard s.first == "P" else { return nil }
        s = s.dropFirst()
        var days: Int64 = 0, seconds: Int64 = 0, number: Int64? = nil, inTime = false, any = false
        for c in s {
            if let d = c.wholeNumberValue {
                let (m, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                guard !o1, m < 1_000_000_000 else { return nil }
                number = m + Int64(d)
                continue
            }
            if c == "T" { guard !inTime, number == nil else { return nil }; inTime = true; continue }
            guard let n = number else { return nil }
            switch (c, inTime) {
            case ("W", false): days += n * 7
            case ("D", false): days += n
            case ("H", true): seconds += n * 3600
            case ("M", true): seconds += n * 60
            case ("S", true): seconds += n
            default: return nil
            }
            number = nil
            any = true
        }
        guard any, number == nil else { return nil }
        self.days = sign * days
        self.seconds = sign * seconds
    }
}
