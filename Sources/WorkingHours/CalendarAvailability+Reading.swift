import FreeBusy
import ICalendar
import LocalTime
import TextUtilities

extension CalendarAvailability {
    /// Reads a `CALDAV:calendar-availability` value back into weekly hours,
    /// accepting what other clients write as far as weekly hours can say it:
    /// AVAILABLE components (RFC 7953 §3.2) with DTSTART (TZID, UTC or
    /// floating) and DTEND or DURATION, repeating `FREQ=WEEKLY` (BYDAY, or the
    /// weekday of DTSTART) or `FREQ=DAILY`. A range running past midnight
    /// becomes two, one on each day. Anything else (one-off AVAILABLEs, rules
    /// that end or skip weeks, several VAVAILABILITYs with priorities) is
    /// reported as unsupported rather than guessed at.
    public static func read(_ text: String) throws(WorkingHoursError) -> CalendarAvailability {
        let top: [Component]
        do { top = try Component.parse(text) } catch { throw .unreadable(error.description) }
        let found = top.flatMap { $0.name == "VAVAILABILITY" ? [$0] : $0.descendants(named: "VAVAILABILITY") }
        guard let vavailability = found.first else { throw .noAvailability }
        guard found.count == 1 else {
            throw .unsupported("\(found.count) VAVAILABILITY components; avail reads hours from one")
        }
        let busyType: BusyType
        if let b = vavailability.property("BUSYTYPE") {
            guard let t = BusyType(fbtype: b.value.trimmingWhitespace) else {
                throw .unsupported("BUSYTYPE \(b.value) is not a kind of busy time")
            }
            busyType = t
        } else {
            busyType = .busyUnavailable // RFC 7953 §3.2.1: the default
        }

        var hours = WeeklyHours()
        var zones = Set<String?>()
        for available in vavailability.components where available.name == "AVAILABLE" {
            let (start, zone) = try wallClock(available, "DTSTART")
            zones.insert(zone)
            let minutes = try length(available, from: start, zone: zone)
            guard minutes > 0 else { continue }
            guard minutes <= 1440 else {
                throw .unsupported("an AVAILABLE longer than a day (\(minutes / 60) h from \(start.iCalendarString))")
            }
            let days = try repeatingDays(available, start: start)
            let first = start.hour * 60 + start.minute
            for day in days {
                let end = first + minutes
                if let r = range(first, min(end, 1440)) { hours[day] = hours[day] + [r] }
                if end > 1440, let r = range(0, end - 1440) { hours[day.next] = hours[day.next] + [r] }
            }
        }
        guard zones.count <= 1 else {
            let names = zones.map { $0 ?? "floating" }.sorted()
            throw .unsupported("AVAILABLE times in different zones (\(names.joined(separator: ", ")))")
        }
        return CalendarAvailability(hours: hours, zoneIdentifier: zones.first ?? nil, busyType: busyType,
                                    validFrom: try bound(vavailability, "DTSTART"), validUntil: try bound(vavailability, "DTEND"))
    }

    private static func range(_ start: Int, _ end: Int) -> DailyRange? {
        guard let s = TimeOfDay(minutes: start), let e = TimeOfDay(minutes: end) else { return nil }
        return DailyRange(start: s, end: e)
    }

    /// A DATE-TIME's wall clock and its zone: the TZID, "UTC" for `…Z`, nil
    /// when floating. A DATE is its day's midnight.
    private static func wallClock(_ c: Component, _ name: String) throws(WorkingHoursError) -> (LocalDateTime, String?) {
        guard let p = c.property(name) else { throw .unsupported("an \(c.name) without \(name)") }
        let v = Array(p.value.trimmingWhitespace.utf8)
        func n(_ i: Int, _ count: Int) -> Int? {
            guard i + count <= v.count else { return nil }
            var x = 0
            for b in v[i..<(i + count)] { guard b >= 0x30, b <= 0x39 else { return nil }; x = x * 10 + Int(b - 0x30) }
            return x
        }
        guard let y = n(0, 4), let mo = n(4, 2), let d = n(6, 2), (1...12).contains(mo),
              (1...CivilDate.daysIn(month: mo, year: y)).contains(d) else { throw .unsupported("\(name) \(p.value) is not a date-time") }
        if v.count == 8 { return (LocalDateTime(year: y, month: mo, day: d), p.parameter("TZID")) }
        guard v.count == 15 || v.count == 16, v[8] == UInt8(ascii: "T"), let h = n(9, 2), let mi = n(11, 2), let s = n(13, 2),
              h <= 23, mi <= 59, s <= 60 else { throw .unsupported("\(name) \(p.value) is not a date-time") }
        let utc = v.count == 16
        guard !utc || v[15] == UInt8(ascii: "Z") || v[15] == UInt8(ascii: "z") else { throw .unsupported("\(name) \(p.value) is not a date-time") }
        return (LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s), utc ? "UTC" : p.parameter("TZID"))
    }

    /// Minutes of wall-clock time from DTSTART to DTEND (in DTSTART's zone),
    /// or the DURATION (RFC 7953 §3.2 allows either).
    private static func length(_ c: Component, from start: LocalDateTime, zone: String?) throws(WorkingHoursError) -> Int {
        if c.property("DTEND") != nil {
            let (end, endZone) = try wallClock(c, "DTEND")
            guard endZone == zone else {
                throw .unsupported("an AVAILABLE whose DTSTART and DTEND are in different zones")
            }
            return Int((minutesSinceEpoch(end) - minutesSinceEpoch(start)))
        }
        if let d = c.property("DURATION") {
            do { return Int(try ICalDuration.parse(d.value.trimmingWhitespace).seconds / 60) } catch {
                throw .unsupported("DURATION \(d.value) is not a duration")
            }
        }
        throw .unsupported("an AVAILABLE with neither DTEND nor DURATION")
    }

    private static func minutesSinceEpoch(_ t: LocalDateTime) -> Int64 {
        CivilDate.daysFromCivil(year: t.year, month: t.month, day: t.day) * 1440 + Int64(t.hour * 60 + t.minute)
    }

    /// The weekdays an AVAILABLE repeats on (RFC 5545 §3.3.10).
    private static func repeatingDays(_ c: Component, start: LocalDateTime) throws(WorkingHoursError) -> [Weekday] {
        let days = CivilDate.daysFromCivil(year: start.year, month: start.month, day: start.day)
        let own = Weekday(rawValue: Int(((days % 7) + 10) % 7)) ?? .monday // 1970-01-01 was a Thursday
        guard let rule = c.property("RRULE") else {
            throw .unsupported("an AVAILABLE without RRULE (one-off availability on \(start.iCalendarString.prefix(8))) is not weekly hours")
        }
        var parts: [String: String] = [:]
        for part in rule.value.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { parts[kv[0].uppercased().trimmingWhitespace] = kv[1].uppercased().trimmingWhitespace }
        }
        if let interval = parts["INTERVAL"], interval != "1" {
            throw .unsupported("RRULE \(rule.value): every \(interval) weeks is not weekly hours")
        }
        for key in ["COUNT", "UNTIL", "BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "BYHOUR", "BYMINUTE"] where parts[key] != nil {
            throw .unsupported("RRULE \(rule.value): \(key) is not weekly hours")
        }
        switch parts["FREQ"] {
        case "DAILY":
            guard parts["BYDAY"] == nil else { break }
            return Weekday.allCases
        case "WEEKLY":
            guard let byday = parts["BYDAY"] else { return [own] }
            var out: [Weekday] = []
            for code in byday.split(separator: ",") {
                guard let d = Weekday(iCalendarCode: code.trimmingWhitespace) else {
                    throw .unsupported("RRULE \(rule.value): BYDAY \(code) is not a weekday")
                }
                if !out.contains(d) { out.append(d) }
            }
            return out
        default:
            break
        }
        throw .unsupported("RRULE \(rule.value) does not repeat weekly")
    }

    /// The VAVAILABILITY's own DTSTART or DTEND as an instant: UTC as written,
    /// a TZID time through the system's zone of that name, a floating time as UTC.
    private static func bound(_ c: Component, _ name: String) throws(WorkingHoursError) -> UTCInstant? {
        guard c.property(name) != nil else { return nil }
        let (local, zone) = try wallClock(c, name)
        if let zone, zone != "UTC" {
            guard let z = DisplayZone.named(zone), let resolved = z.resolve(local) else {
                throw .unsupported("\(name) is in zone \(zone), which this system does not know")
            }
            return resolved.instant
        }
        return UTCInstant(year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second)
    }
}
