import ICalendar

/// A VTIMEZONE for time with no end (working hours repeat weekly for ever):
/// the zone's current rule as two yearly observances where it is regular,
/// instead of a list of years of transitions.
extension DisplayZone {
    /// The VTIMEZONE for times from `start` on: yearly STANDARD and DAYLIGHT
    /// observances when the zone's current rule allows (`yearlyDefinition`),
    /// else its transitions for ten years (a reader carries the last
    /// observance on after them).
    public func recurringDefinition(from start: UTCInstant) -> TimeZoneDefinition {
        yearlyDefinition(from: start)
            ?? definition(covering: start, to: start.adding(seconds: 10 * 366 * 86_400))
    }

    /// The zone's current rule as yearly observances (RFC 5545 §3.6.5:
    /// DTSTART, the first onset, and `RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=nDD`),
    /// beginning the year before `start` so the observance in force at
    /// `start` is covered. Only when the rule is regular: the zone's POSIX TZ
    /// rule (RFC 8536 §3.3) names both changes as "weekday n of month m"
    /// at a time within the day, and it gives exactly the zone's own
    /// transitions for the `years` checked. Nil otherwise (no DST, a rule by
    /// day of the year, a change announced in the zone data).
    public func yearlyDefinition(from start: UTCInstant, years: Int = 10) -> TimeZoneDefinition? {
        guard let footer = rules.footer, let daylight = footer.daylight, let (startRule, endRule) = footer.rules,
              let startByDay = Self.byDay(startRule), let endByDay = Self.byDay(endRule) else { return nil }
        let firstYear = start.components.year - 1
        // The rule's changes over the years checked must be the zone's own.
        var expected: [Int64] = []
        for y in firstYear...(firstYear + years) {
            guard let (s, e) = footer.transitions(in: y) else { return nil }
            expected += [s, e]
        }
        expected.sort()
        guard let from = expected.first, let to = expected.last else { return nil }
        var actual: [Int64] = []
        var cursor = from - 1
        while let next = rules.nextTransition(after: cursor), next <= to, actual.count <= expected.count {
            actual.append(next)
            cursor = next
        }
        guard actual == expected, let (daylightOnset, standardOnset) = footer.transitions(in: firstYear) else { return nil }
        let standard = footer.standard
        return TimeZoneDefinition(tzid: identifier, observances: [
            .init(isDaylight: true, onsetLocal: LocalDateTime(UTCInstant(secondsSinceEpoch: daylightOnset), offset: standard.offset),
                  offsetFrom: standard.offset, offsetTo: daylight.offset, name: Self.usableName(daylight.abbreviation),
                  rrule: "FREQ=YEARLY;" + startByDay),
            .init(isDaylight: false, onsetLocal: LocalDateTime(UTCInstant(secondsSinceEpoch: standardOnset), offset: daylight.offset),
                  offsetFrom: daylight.offset, offsetTo: standard.offset, name: Self.usableName(standard.abbreviation),
                  rrule: "FREQ=YEARLY;" + endByDay),
        ])
    }

    /// `BYMONTH=3;BYDAY=-1SU` for POSIX `M3.5.0` (week 5 is the last); nil for
    /// a rule by day of the year, or one whose time falls on another day
    /// than the weekday it names (RFC 8536 allows -167…167 hours).
    static func byDay(_ rule: PosixTZ.Rule) -> String? {
        guard case let .monthWeekDay(month, week, weekday, time) = rule, (0..<86_400).contains(time),
              (1...12).contains(month), (1...5).contains(week), (0...6).contains(weekday) else { return nil }
        let days = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
        return "BYMONTH=\(month);BYDAY=\(week == 5 ? -1 : week)\(days[weekday])"
    }
}
