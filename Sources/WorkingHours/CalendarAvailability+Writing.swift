import FreeBusy
import ICalendar
import LocalTime

extension CalendarAvailability {
    /// The property value: a VCALENDAR holding one VAVAILABILITY (RFC 7953
    /// §3.1) with one AVAILABLE (§3.2) per time range, repeating weekly on
    /// the days that share it (`RRULE:FREQ=WEEKLY;BYDAY=MO,TU,…`), and the
    /// VTIMEZONE its TZID names (RFC 5545 §3.6.5 needs one per TZID used).
    ///
    /// The wall-clock times are written in `zone` (its identifier becomes the
    /// TZID; `zoneIdentifier` is not consulted). Each AVAILABLE starts in the
    /// week of `validFrom` (else of `timestamp`), on the first day that has
    /// the range, so its DTSTART is an occurrence (RFC 5545 §3.8.5.3). The
    /// hours repeat with no end, so the VTIMEZONE gives the zone's current
    /// rule as yearly STANDARD and DAYLIGHT observances where it is regular
    /// (`DisplayZone.yearlyDefinition`), else the zone's changes for ten
    /// years from there (a reader carries the last observance on after that).
    public func iCalendarText(in zone: DisplayZone, uid: String, timestamp: UTCInstant,
                              productID: String = "-//avail//avail//EN") -> String {
        let anchor = validFrom ?? timestamp
        let l = zone.local(anchor)
        let monday = CivilDate.daysFromCivil(year: l.year, month: l.month, day: l.day) - Int64(l.weekday)

        // One AVAILABLE per distinct range, on every day that has it.
        var ranges: [DailyRange] = []
        for day in Weekday.allCases { for r in hours[day] where !ranges.contains(r) { ranges.append(r) } }
        ranges.sort()
        let entries: [(range: DailyRange, days: [Weekday])] = ranges.map { r in
            (r, Weekday.allCases.filter { hours[$0].contains(r) })
        }

        func wallClock(_ dayNumber: Int64, _ t: TimeOfDay) -> LocalDateTime {
            let date = CivilDate.civilFromDays(dayNumber + Int64(t.minutes / 1440))
            let m = t.minutes % 1440
            return LocalDateTime(year: date.year, month: date.month, day: date.day, hour: m / 60, minute: m % 60)
        }
        let starts = entries.map { e -> (start: LocalDateTime, end: LocalDateTime) in
            let day = monday + Int64(e.days.first?.rawValue ?? 0)
            return (wallClock(day, e.range.start), wallClock(day, e.range.end))
        }

        var w = ContentLineWriter()
        w.write("BEGIN", value: "VCALENDAR")
        w.write("VERSION", value: "2.0")
        w.write("PRODID", value: productID)
        let tzid: [ContentLine.Parameter] = zone.isUTC ? [] : [.init(name: "TZID", values: [zone.identifier])]
        if !zone.isUTC, let first = starts.map(\.start).min(by: { $0.iCalendarString < $1.iCalendarString }),
           let from = zone.resolve(first)?.instant {
            zone.recurringDefinition(from: from).write(to: &w)
        }
        func localValue(_ t: LocalDateTime) -> String { t.iCalendarString + (zone.isUTC ? "Z" : "") }

        w.write("BEGIN", value: "VAVAILABILITY")
        w.write("UID", value: uid)
        w.write("DTSTAMP", value: timestamp.iCalendarString)
        if let validFrom { w.write("DTSTART", value: validFrom.iCalendarString) }
        if let validUntil { w.write("DTEND", value: validUntil.iCalendarString) }
        w.write("BUSYTYPE", value: busyType.name)
        w.write("SUMMARY", value: ContentLineWriter.escapeText("Working hours"))
        for (i, e) in entries.enumerated() {
            w.write("BEGIN", value: "AVAILABLE")
            w.write("UID", value: "\(uid)-\(i + 1)")
            w.write("DTSTAMP", value: timestamp.iCalendarString)
            w.write("DTSTART", parameters: tzid, value: localValue(starts[i].start))
            w.write("DTEND", parameters: tzid, value: localValue(starts[i].end))
            w.write("RRULE", value: "FREQ=WEEKLY;BYDAY=" + e.days.map(\.iCalendarCode).joined(separator: ","))
            w.write("END", value: "AVAILABLE")
        }
        w.write("END", value: "VAVAILABILITY")
        w.write("END", value: "VCALENDAR")
        return w.text
    }
}
