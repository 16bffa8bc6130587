/// A point in time, in whole seconds since 1970-01-01T00:00:00Z.
///
/// Free/busy answers are UTC by rule (RFC 5545 §3.8.2.6: FREEBUSY values MUST be
/// UTC), so the engine works in UTC seconds and leaves time zones to the edges
/// (argument parsing and display). Civil-date arithmetic is done here, without
/// Foundation, because it runs for every period of every answer.
public struct UTCInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// Years outside 1..9999 are refused: iCalendar cannot write them, and they
    /// are what a hostile or broken answer sends.
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second) // RFC 5545 §3.3.12 allows a leap second
        else { return nil }
        let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
        secondsSinceEpoch = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
    }

    public static func < (a: UTCInstant, b: UTCInstant) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    public func adding(seconds: Int64) -> UTCInstant { UTCInstant(secondsSinceEpoch: secondsSinceEpoch &+ seconds) }

    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = Self.floorDiv(secondsSinceEpoch, 86_400)
        let rest = Int(secondsSinceEpoch - days * 86_400)
        let (y, m, d) = CivilDate.civilFromDays(days)
        return (y, m, d, rest / 3600, rest % 3600 / 60, rest % 60)
    }

    /// `20261207T090000Z`, the iCalendar UTC DATE-TIME form (RFC 5545 §3.3.5, form #2).
    public var iCalendarString: String { written(dateSeparator: nil, timeSeparator: nil) }

    /// `2026-12-07T09:00:00Z`, ISO 8601 / RFC 3339, for JSON and people.
    public var iso8601String: String { written(dateSeparator: UInt8(ascii: "-"), timeSeparator: UInt8(ascii: ":")) }

    /// The digits written straight into bytes: both forms are written for every
    /// busy period of every request, answer kept in the cache and JSON row (a
    /// string per field and its concatenation cost ten times as much). A year
    /// beyond four digits, which only arithmetic far from any calendar makes,
    /// is written in full.
    private func written(dateSeparator: UInt8?, timeSeparator: UInt8?) -> String {
        let c = components
        guard (0...9999).contains(c.year) else {
            let d = dateSeparator.map { String(UnicodeScalar($0)) } ?? "", t = timeSeparator.map { String(UnicodeScalar($0)) } ?? ""
            return c.year.zeroPadded(to: 4) + d + c.month.zeroPadded(to: 2) + d + c.day.zeroPadded(to: 2) + "T"
                + c.hour.zeroPadded(to: 2) + t + c.minute.zeroPadded(to: 2) + t + c.second.zeroPadded(to: 2) + "Z"
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(c.year, 4)
        if let dateSeparator { bytes.append(dateSeparator) }
        digits(c.month, 2)
        if let dateSeparator { bytes.append(dateSeparator) }
        digits(c.day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(c.hour, 2)
        if let timeSeparator { bytes.append(timeSeparator) }
        digits(c.minute, 2)
        if let timeSeparator { bytes.append(timeSeparator) }
        digits(c.second, 2)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { iso8601String }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}


/// Proleptic Gregorian calendar conversions (Howard Hinnant's days_from_civil algorithm).
public enum CivilDate {
    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civilFromDays(_ z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }
}
