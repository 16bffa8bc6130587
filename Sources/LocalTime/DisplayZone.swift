import Foundation
import FreeBusy
import ICalendar

/// The time zone people see and type times in (`TZ`, else the system's).
/// Conversions go through Foundation's time-zone database; the engine itself
/// only ever sees UTC.
public struct DisplayZone: Sendable {
    public let timeZone: TimeZone
    private var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    public init(_ timeZone: TimeZone) { self.timeZone = timeZone }

    public static func named(_ name: String?) -> DisplayZone? {
        guard let name, !name.isEmpty else { return DisplayZone(TimeZone.current) }
        let id = name.hasPrefix(":") ? String(name.dropFirst()) : name
        return TimeZone(identifier: id).map(DisplayZone.init)
    }

    public func instant(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> UTCInstant? {
        guard (1...9999).contains(year), (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        let comps = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: comps) else { return nil }
        return UTCInstant(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Local wall-clock parts of an instant.
    public func local(_ instant: UTCInstant) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, weekday: Int) {
        let date = Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch))
        let offset = Int64(timeZone.secondsFromGMT(for: date))
        let c = instant.adding(seconds: offset).components
        let days = UTCInstant.floorDivDays(instant.adding(seconds: offset).secondsSinceEpoch)
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
        let date = Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch))
        guard let d = calendar.date(byAdding: .day, value: days, to: date) else { return nil }
        return UTCInstant(secondsSinceEpoch: Int64(d.timeIntervalSince1970.rounded(.down)))
    }

    public static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Mon 2026-12-07 09:00`
    public func format(_ instant: UTCInstant) -> String {
        let l = local(instant)
        return "\(Self.weekdayNames[l.weekday]) \(pad(l.year, 4))-\(pad(l.month, 2))-\(pad(l.day, 2)) \(pad(l.hour, 2)):\(pad(l.minute, 2))"
    }

    public func formatTime(_ instant: UTCInstant) -> String {
        let l = local(instant)
        return "\(pad(l.hour, 2)):\(pad(l.minute, 2))"
    }

    public var abbreviation: String { timeZone.abbreviation() ?? timeZone.identifier }
}

public func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension UTCInstant {
    public static var now: UTCInstant {
        UTCInstant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
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
        let t = text.trimmingCharacters(in: .whitespaces)
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
        switch self {
        case let .date(y, m, d): return zone.instant(year: y, month: m, day: d)
        case let .dateTime(i): return i
        case let .localDateTime(y, m, d, h, mi, s): return zone.instant(year: y, month: m, day: d, hour: h, minute: mi, second: s)
        }
    }

    /// As the end of a window: a DATE includes its whole day.
    public func end(in zone: DisplayZone) -> UTCInstant? {
        if case .date = self, let s = start(in: zone) { return zone.adding(days: 1, to: s) }
        return start(in: zone)
    }
}
