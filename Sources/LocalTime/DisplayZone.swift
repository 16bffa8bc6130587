#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FreeBusy
import ICalendar
import TextUtilities

/// The time zone people see and type times in (`TZ`, else the system's).
/// Conversions use the system's zoneinfo files (ZoneRules); the engine itself
/// only ever sees UTC.
public struct DisplayZone: Sendable {
    public let rules: ZoneRules

    public init(_ rules: ZoneRules) { self.rules = rules }

    /// The zone for a `TZ` value; nil or empty is the system's zone. Nil when
    /// the name is neither a zone this system knows nor a POSIX TZ string.
    public static func named(_ name: String?) -> DisplayZone? {
        ZoneRules.load(name).map(DisplayZone.init)
    }

    /// "Europe/Berlin", as the user named it.
    public var identifier: String { rules.identifier }

    /// The instant of a local wall-clock time, by RFC 5545 §3.3.5's rule (see
    /// LocalTimeResolution): a time that does not exist (the hour skipped when
    /// DST starts) is read with the offset before the change, so 02:30 becomes
    /// 03:30; a time that happens twice (when DST ends) is the first of the two.
    public func instant(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> UTCInstant? {
        resolve(LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second))?.instant
    }

    /// The instant of a local wall-clock time, and whether a clock change made
    /// it a choice. Nil for a date or time that is not on the calendar.
    public func resolve(_ l: LocalDateTime) -> LocalTimeResolution? {
        guard (1...9999).contains(l.year), (1...12).contains(l.month), (1...CivilDate.daysIn(month: l.month, year: l.year)).contains(l.day),
              (0...23).contains(l.hour), (0...59).contains(l.minute), (0...59).contains(l.second),
              let wall = UTCInstant(year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute, second: l.second)
        else { return nil }
        let local = wall.secondsSinceEpoch
        // Every candidate offset in force within a day of that time; keep the
        // readings that give back the same wall clock, earliest first.
        var offsets: [Int] = []
        for probe in [local - 86_400, local, local + 86_400] {
            let o = rules.type(at: probe).offset
            if !offsets.contains(o) { offsets.append(o) }
        }
        let exact = offsets.map { local - Int64($0) }.filter { Int64(rules.type(at: $0).offset) + $0 == local }.sorted()
        if let first = exact.first {
            let kind: LocalTimeResolution.Kind = exact.count > 1 ? .repeated(later: UTCInstant(secondsSinceEpoch: exact[exact.count - 1])) : .exact
            return LocalTimeResolution(local: l, instant: UTCInstant(secondsSinceEpoch: first), kind: kind)
        }
        // In a gap: the offset in force just before it.
        let before = rules.type(at: local - Int64(offsets.max() ?? 0) - 86_400 / 2).offset
        let instant = UTCInstant(secondsSinceEpoch: local - Int64(before))
        return LocalTimeResolution(local: l, instant: instant, kind: .skipped(gap: offset(at: instant) - before))
    }

    /// Seconds east of UTC at an instant.
    public func offset(at instant: UTCInstant) -> Int { rules.type(at: instant.secondsSinceEpoch).offset }

    /// Local wall-clock parts of an instant.
    public func local(_ instant: UTCInstant) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, weekday: Int) {
        let shifted = instant.adding(seconds: Int64(offset(at: instant)))
        let c = shifted.components
        let days = UTCInstant.floorDivDays(shifted.secondsSinceEpoch)
        let weekday = Int(((days % 7) + 10) % 7) // 0 = Monday; 1970-01-01 (day 0) was a Thursday (3)
        return (c.year, c.month, c.day, c.hour, c.minute, weekday)
    }

    public func startOfDay(_ instant: UTCInstant) -> UTCInstant {
        let l = local(instant)
        return self.instant(year: l.year, month: l.month, day: l.day) ?? instant
    }

    /// The same local time `days` calendar days later (a DST change in between
    /// makes that day 23 or 25 hours long).
    public func adding(days: Int, to instant: UTCInstant) -> UTCInstant? {
        let shifted = instant.adding(seconds: Int64(offset(at: instant)))
        let c = shifted.components
        let target = CivilDate.civilFromDays(CivilDate.daysFromCivil(year: c.year, month: c.month, day: c.day) + Int64(days))
        return self.instant(year: target.year, month: target.month, day: target.day, hour: c.hour, minute: c.minute, second: c.second)
    }

    public static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Mon 2026-12-07 09:00`
    public func format(_ instant: UTCInstant) -> String {
        let l = local(instant)
        return "\(Self.weekdayNames[l.weekday]) \(l.year.zeroPadded(to: 4))-\(l.month.zeroPadded(to: 2))-\(l.day.zeroPadded(to: 2)) \(l.hour.zeroPadded(to: 2)):\(l.minute.zeroPadded(to: 2))"
    }

    public func formatTime(_ instant: UTCInstant) -> String {
        let l = local(instant)
        return "\(l.hour.zeroPadded(to: 2)):\(l.minute.zeroPadded(to: 2))"
    }

    /// "CET" or "CEST", whichever is in force at that instant (a numeric
    /// "+0530" where the zone has no name for it).
    public func abbreviation(at instant: UTCInstant) -> String {
        let t = rules.type(at: instant.secondsSinceEpoch)
        if !t.abbreviation.isEmpty, t.abbreviation.first?.isLetter == true { return t.abbreviation }
        return TimeZoneDefinition.utcOffset(t.offset)
    }

    /// The abbreviation in force now.
    public var abbreviation: String { abbreviation(at: .now) }
}


extension UTCInstant {
    public static var now: UTCInstant {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UTCInstant(secondsSinceEpoch: Int64(ts.tv_sec))
    }

    static func floorDivDays(_ seconds: Int64) -> Int64 {
        let q = seconds / 86_400
        return (seconds % 86_400 != 0 && seconds < 0) ? q - 1 : q
    }
}

/// A point typed on the command line: a DATE (`2026-12-07`, a whole local day)
/// or a DATETIME (`2026-12-07T09:00`, local unless it ends in `Z` or an offset).
public enum TimeArgument: Equatable, Sendable {
    case date(year: Int, month: Int, day: Int)
    case dateTime(UTCInstant)
    case localDateTime(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)

    public static func parse(_ text: String, now: UTCInstant, zone: DisplayZone) -> TimeArgument? {
        let t = text.trimmingWhitespace
        switch t.lowercased() {
        case "today":
            let l = zone.local(now)
            return .date(year: l.year, month: l.month, day: l.day)
        case "now": return .dateTime(now)
        case "tomorrow":
            let l = zone.local(zone.adding(days: 1, to: now) ?? now)
            return .date(year: l.year, month: l.month, day: l.day)
        default: break
        }
        let u = Array(t.utf8)
        func num(_ s: Int, _ n: Int) -> Int? {
            guard s + n <= u.count else { return nil }
            var v = 0
            for b in u[s..<(s + n)] { guard b >= 48, b <= 57 else { return nil }; v = v * 10 + Int(b - 48) }
            return v
        }
        guard u.count >= 10, let y = num(0, 4), u[4] == UInt8(ascii: "-"), let mo = num(5, 2),
              u[7] == UInt8(ascii: "-"), let d = num(8, 2),
              (1...12).contains(mo), (1...CivilDate.daysIn(month: mo, year: y)).contains(d), y >= 1
        else { return nil }
        if u.count == 10 { return .date(year: y, month: mo, day: d) }
        guard u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " ") || u[10] == UInt8(ascii: "t"),
              let h = num(11, 2), u.count >= 16, u[13] == UInt8(ascii: ":"), let mi = num(14, 2),
              h <= 23, mi <= 59 else { return nil }
        var i = 16
        var s = 0
        if i < u.count, u[i] == UInt8(ascii: ":") {
            guard let sec = num(i + 1, 2), sec <= 59 else { return nil }
            s = sec
            i += 3
        }
        if i == u.count { return .localDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s) }
        guard let utc = UTCInstant(year: y, month: mo, day: d, hour: h, minute: mi, second: s) else { return nil }
        if i + 1 == u.count, u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "z") { return .dateTime(utc) }
        guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), let oh = num(i + 1, 2), oh <= 18 else { return nil }
        var om = 0
        if i + 3 == u.count {
        } else if i + 6 == u.count, u[i + 3] == UInt8(ascii: ":"), let m = num(i + 4, 2) { om = m }
        else if i + 5 == u.count, let m = num(i + 3, 2) { om = m }
        else { return nil }
        let offset = Int64((oh * 60 + om) * 60) * (u[i] == UInt8(ascii: "-") ? -1 : 1)
        return .dateTime(utc.adding(seconds: -offset))
    }

    /// The instant this argument starts at.
    public func start(in zone: DisplayZone) -> UTCInstant? {
        resolveStart(in: zone)?.instant
    }

    /// As the end of a window: a DATE includes its whole day.
    public func end(in zone: DisplayZone) -> UTCInstant? {
        resolveEnd(in: zone)?.instant
    }

    /// The start, with how a local time was resolved where a clock change
    /// made it a choice (a DATE starts at its local midnight, which some zones
    /// skip). Nil only for a time that is not on the calendar.
    public func resolveStart(in zone: DisplayZone) -> (instant: UTCInstant, resolution: LocalTimeResolution?)? {
        switch self {
        case let .date(y, m, d):
            return zone.resolve(LocalDateTime(year: y, month: m, day: d)).map { ($0.instant, $0) }
        case let .dateTime(i):
            return (i, nil)
        case let .localDateTime(y, m, d, h, mi, s):
            return zone.resolve(LocalDateTime(year: y, month: m, day: d, hour: h, minute: mi, second: s)).map { ($0.instant, $0) }
        }
    }

    /// The end, as `resolveStart`; a DATE ends at the next day's midnight.
    public func resolveEnd(in zone: DisplayZone) -> (instant: UTCInstant, resolution: LocalTimeResolution?)? {
        guard case let .date(y, m, d) = self else { return resolveStart(in: zone) }
        let next = CivilDate.civilFromDays(CivilDate.daysFromCivil(year: y, month: m, day: d) + 1)
        return zone.resolve(LocalDateTime(year: next.year, month: next.month, day: next.day)).map { ($0.instant, $0) }
    }
}
