/// iCalendar value types that free/busy needs: UTC DATE-TIME, DATE, DURATION and
/// PERIOD (RFC 5545 §3.3.4, §3.3.5, §3.3.6, §3.3.9).
extension UTCInstant {
    /// Parses a UTC DATE-TIME (`20261207T090000Z`). A floating or TZID-local time
    /// is refused with `.dateTimeNotUTC`: where UTC is required (FREEBUSY, and
    /// DTSTART/DTEND of a VFREEBUSY, RFC 5545 §3.6.4) guessing a zone would shift
    /// someone's busy time by hours without anyone noticing.
    public static func parseICalendarUTC(_ text: some StringProtocol) throws(ICalendarError) -> UTCInstant {
        // Thousands of these per answer: read the bytes in place when they are contiguous.
        if let parsed = text.utf8.withContiguousStorageIfAvailable({ parseICalendarUTC(bytes: $0) }) {
            if let instant = parsed { return instant }
        } else if let instant = parseICalendarUTC(bytes: Array(text.utf8)) {
            return instant
        }
        let u = Array(text.utf8)
        guard u.count == 15 || u.count == 16, u[8] == UInt8(ascii: "T") || u[8] == UInt8(ascii: "t") else {
            throw .invalidDateTime(String(text))
        }
        guard u.count == 16, u[15] == UInt8(ascii: "Z") || u[15] == UInt8(ascii: "z") else {
            throw .dateTimeNotUTC(String(text))
        }
        guard let y = digits(u, 0, 4), let mo = digits(u, 4, 2), let d = digits(u, 6, 2),
              let h = digits(u, 9, 2), let mi = digits(u, 11, 2), let s = digits(u, 13, 2),
              let instant = UTCInstant(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
        else { throw .invalidDateTime(String(text)) }
        return instant
    }

    /// The fast path: a well-formed `YYYYMMDDTHHMMSSZ`, or nil (the caller then
    /// says what is wrong with it).
    static func parseICalendarUTC<C: RandomAccessCollection>(bytes u: C) -> UTCInstant? where C.Element == UInt8, C.Index == Int {
        guard u.count == 16 else { return nil }
        let b = u.startIndex
        guard u[b + 8] == UInt8(ascii: "T") || u[b + 8] == UInt8(ascii: "t"),
              u[b + 15] == UInt8(ascii: "Z") || u[b + 15] == UInt8(ascii: "z") else { return nil }
        func n(_ i: Int, _ count: Int) -> Int? {
            var v = 0
            for k in (b + i)..<(b + i + count) {
                let d = u[k]
                guard d >= 0x30, d <= 0x39 else { return nil }
                v = v * 10 + Int(d - 0x30)
            }
            return v
        }
        guard let y = n(0, 4), let mo = n(4, 2), let d = n(6, 2), let h = n(9, 2), let mi = n(11, 2), let s = n(13, 2) else { return nil }
        return UTCInstant(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    /// Parses a DATE (`20261210`) as midnight UTC of that day.
    public static func parseICalendarDate(_ text: some StringProtocol) throws(ICalendarError) -> UTCInstant {
        let u = Array(text.utf8)
        guard u.count == 8, let y = digits(u, 0, 4), let mo = digits(u, 4, 2), let d = digits(u, 6, 2),
              let instant = UTCInstant(year: y, month: mo, day: d)
        else { throw .invalidDateTime(String(text)) }
        return instant
    }
}

private func digits(_ u: [UInt8], _ start: Int, _ count: Int) -> Int? {
    var n = 0
    for i in start..<(start + count) {
        let b = u[i]
        guard b >= 0x30, b <= 0x39 else { return nil }
        n = n * 10 + Int(b - 0x30)
    }
    return n
}

/// A DURATION value, in exact seconds. In UTC a nominal day is 24 hours, which is
/// all free/busy needs (FREEBUSY periods are UTC, RFC 5545 §3.8.2.6).
public struct ICalDuration: Hashable, Sendable {
    public var seconds: Int64
    public init(seconds: Int64) { self.seconds = seconds }

    /// `dur-value = (["+"] / "-") "P" (dur-date / dur-time / dur-week)`. Accepts the
    /// forms servers send (`PT1H`, `P1D`, `P1DT2H30M`, `P2W`); refuses anything
    /// empty, unordered or absurdly large (more than 100 years).
    public static func parse(_ text: some StringProtocol) throws(ICalendarError) -> ICalDuration {
        var u = Array(text.utf8)[...]
        var sign: Int64 = 1
        if let f = u.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            if f == UInt8(ascii: "-") { sign = -1 }
            u = u.dropFirst()
        }
        guard u.first == UInt8(ascii: "P") || u.first == UInt8(ascii: "p") else { throw .invalidDuration(String(text)) }
        u = u.dropFirst()
        var total: Int64 = 0
        var inTime = false
        var number: Int64? = nil
        var sawUnit = false
        var lastRank = 0 // W=1 D=2 | H=3 M=4 S=5: units must come in order
        for b in u {
            switch b {
            case 0x30...0x39:
                let n = (number ?? 0) * 10 + Int64(b - 0x30)
                guard n < 10_000_000_000 else { throw .invalidDuration(String(text)) }
                number = n
            case UInt8(ascii: "T"), UInt8(ascii: "t"):
                guard !inTime, number == nil else { throw .invalidDuration(String(text)) }
                inTime = true
            default:
                guard let n = number else { throw .invalidDuration(String(text)) }
                let (rank, unit): (Int, Int64)
                switch (b | 0x20, inTime) {
                case (UInt8(ascii: "w"), false): (rank, unit) = (1, 604_800)
                case (UInt8(ascii: "d"), false): (rank, unit) = (2, 86_400)
                case (UInt8(ascii: "h"), true): (rank, unit) = (3, 3600)
                case (UInt8(ascii: "m"), true): (rank, unit) = (4, 60)
                case (UInt8(ascii: "s"), true): (rank, unit) = (5, 1)
                default: throw .invalidDuration(String(text))
                }
                guard rank > lastRank else { throw .invalidDuration(String(text)) }
                lastRank = rank
                total += n * unit
                number = nil
                sawUnit = true
            }
        }
        guard sawUnit, number == nil, total <= 100 * 366 * 86_400 else { throw .invalidDuration(String(text)) }
        return ICalDuration(seconds: sign * total)
    }
}

/// A PERIOD value: `start/end` or `start/duration` (RFC 5545 §3.3.9), both in use
/// (Cyrus sends `…/P1D` for all-day events, DAViCal `…/…Z`).
public struct ICalPeriod: Hashable, Sendable {
    public var start: UTCInstant
    public var end: UTCInstant
    public init(start: UTCInstant, end: UTCInstant) { self.start = start; self.end = end }

    /// Parses a period whose date-times are UTC. A period ending before it starts
    /// is refused (RFC 5545 §3.3.9: the end MUST be after the start); a zero-length
    /// one is returned as it is, for the caller to drop.
    /// The same from bytes (a FREEBUSY value holds thousands of these): the fast
    /// path for `start/end` in UTC; anything else goes through the String version.
    public static func parseUTC(bytes u: UnsafeBufferPointer<UInt8>) throws(ICalendarError) -> ICalPeriod {
        if u.count == 33, u[16] == UInt8(ascii: "/"),
           let start = UTCInstant.parseICalendarUTC(bytes: UnsafeBufferPointer(rebasing: u[0..<16])),
           let end = UTCInstant.parseICalendarUTC(bytes: UnsafeBufferPointer(rebasing: u[17..<33])), end >= start {
            return ICalPeriod(start: start, end: end)
        }
        return try parseUTC(String(decoding: u, as: UTF8.self))
    }

    public static func parseUTC(_ text: some StringProtocol) throws(ICalendarError) -> ICalPeriod {
        // The slash is ASCII: found on the bytes, not by walking Characters.
        guard let slashByte = text.utf8.firstIndex(of: UInt8(ascii: "/")) else { throw .invalidPeriod(String(text)) }
        let slash = String.Index(slashByte, within: text) ?? slashByte
        let startText = text[text.startIndex..<slash]
        let rest = text[text.utf8.index(after: slashByte)...]
        let start = try UTCInstant.parseICalendarUTC(startText)
        let end: UTCInstant
        if let f = rest.first, f == "P" || f == "p" || f == "+" || f == "-" {
            let d = try ICalDuration.parse(rest)
            end = start.adding(seconds: d.seconds)
        } else {
            end = try UTCInstant.parseICalendarUTC(rest)
        }
        guard end >= start else { throw .invalidPeriod(String(text)) }
        return ICalPeriod(start: start, end: end)
    }
}
