import ICalendar
import LocalTime
import TextUtilities

/// A DTSTART, DTEND or RECURRENCE-ID value in one of its forms (RFC 5545
/// §3.3.4, §3.3.5): a DATE (all day), UTC, local time with a TZID, or floating.
public enum EventTime: Equatable, Sendable {
    case date(LocalDateTime)
    case utc(UTCInstant)
    case zoned(LocalDateTime, tzid: String)
    case floating(LocalDateTime)

    public init(_ line: ContentLine) throws(MeetingError) {
        let v = line.value.trimmingWhitespace
        if line.parameter("VALUE")?.uppercased() == "DATE" || v.utf8.count == 8 {
            guard v.utf8.count == 8, let d = Self.localDateTime(v + "T000000") else {
                throw .invalidTime(property: line.name, value: line.value)
            }
            self = .date(d)
        } else if v.hasSuffix("Z") || v.hasSuffix("z") {
            guard let i = try? UTCInstant.parseICalendarUTC(v) else { throw .invalidTime(property: line.name, value: line.value) }
            self = .utc(i)
        } else {
            guard let l = Self.localDateTime(v) else { throw .invalidTime(property: line.name, value: line.value) }
            if let tzid = line.parameter("TZID"), !tzid.isEmpty { self = .zoned(l, tzid: tzid) } else { self = .floating(l) }
        }
    }

    public var isDate: Bool {
        if case .date = self { return true }
        return false
    }

    public var tzid: String? {
        if case let .zoned(_, tzid) = self { return tzid }
        return nil
    }

    /// `YYYYMMDDTHHMMSS` (no zone), or nil.
    static func localDateTime(_ text: String) -> LocalDateTime? {
        let u = Array(text.utf8)
        guard u.count == 15, u[8] == UInt8(ascii: "T") || u[8] == UInt8(ascii: "t") else { return nil }
        func n(_ start: Int, _ count: Int) -> Int? {
            var v = 0
            for i in start..<(start + count) {
                guard u[i] >= 0x30, u[i] <= 0x39 else { return nil }
                v = v * 10 + Int(u[i] - 0x30)
            }
            return v
        }
        guard let y = n(0, 4), let mo = n(4, 2), let d = n(6, 2), let h = n(9, 2), let mi = n(11, 2), let s = n(13, 2),
              UTCInstant(year: y, month: mo, day: d, hour: h, minute: mi, second: s) != nil else { return nil }
        return LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }
}

/// Turns event times into instants: a TZID by the object's own VTIMEZONE
/// when it lists its observances, else by the system's zone data of that name
/// (RFC 5545 §3.2.19 says the VTIMEZONE rules; where it repeats by RRULE the
/// zone data for the same Olson name gives the same answer); a DATE or a
/// floating time in `floatingZone` (RFC 5545 §3.3.5 form 1: local wherever
/// it is read).
public struct EventTimeResolver: Sendable {
    public var definitions: [String: TimeZoneDefinition]
    public var floatingZone: DisplayZone?

    public init(calendar: Component, floatingZone: DisplayZone? = nil) {
        var found: [String: TimeZoneDefinition] = [:]
        for c in calendar.components where c.name == "VTIMEZONE" {
            if let d = TimeZoneDefinition(vtimezone: c) { found[d.tzid] = d }
        }
        definitions = found
        self.floatingZone = floatingZone
    }

    public func instant(_ time: EventTime) throws(MeetingError) -> UTCInstant {
        switch time {
        case let .utc(i): return i
        case let .date(l), let .floating(l):
            if let floatingZone, let i = floatingZone.resolve(l)?.instant { return i }
            guard let i = Self.wall(l) else { throw .invalidTime(property: "DTSTART", value: l.iCalendarString) }
            return i
        case let .zoned(l, tzid):
            if let d = definitions[tzid], let i = d.instant(of: l) { return i }
            if let zone = DisplayZone.named(tzid), let i = zone.resolve(l)?.instant { return i }
            throw .unknownZone(tzid)
        }
    }

    static func wall(_ l: LocalDateTime) -> UTCInstant? {
        UTCInstant(year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute, second: l.second)
    }
}
