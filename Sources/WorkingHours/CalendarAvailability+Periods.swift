import FreeBusy
import ICalendar
import LocalTime

extension CalendarAvailability {
    /// The time in `window` these hours leave unavailable, as a server that
    /// applies them would answer (RFC 7953 §4): every instant inside the
    /// VAVAILABILITY's own bounds and outside every AVAILABLE range, with the
    /// BUSYTYPE. The wall-clock ranges are read in `zone` day by day, so a day
    /// with a clock change keeps its 09:00 and 17:00 (a time skipped by the
    /// change is read as RFC 5545 §3.3.5 says, the same as LocalTime does).
    /// Sorted and not overlapping.
    public func unavailablePeriods(in window: TimeWindow, zone: DisplayZone) -> [BusyPeriod] {
        let from = max(window.start, validFrom ?? window.start)
        let to = min(window.end, validUntil ?? window.end)
        guard let bounded = TimeSpan(start: from, end: to) else { return [] }

        // The available instants, from the local day before to the day after.
        let first = zone.local(from), last = zone.local(to)
        let firstDay = CivilDate.daysFromCivil(year: first.year, month: first.month, day: first.day) - 1
        let lastDay = CivilDate.daysFromCivil(year: last.year, month: last.month, day: last.day) + 1
        func instant(_ day: Int64, _ t: TimeOfDay) -> UTCInstant? {
            let date = CivilDate.civilFromDays(day + Int64(t.minutes / 1440))
            let m = t.minutes % 1440
            return zone.resolve(LocalDateTime(year: date.year, month: date.month, day: date.day, hour: m / 60, minute: m % 60))?.instant
        }
        var available: [TimeSpan] = []
        var day = firstDay
        while day <= lastDay {
            let weekday = Weekday(rawValue: Int(((day % 7) + 10) % 7)) ?? .monday // 1970-01-01 was a Thursday
            for r in hours[weekday] {
                if let s = instant(day, r.start), let e = instant(day, r.end), let span = TimeSpan(start: s, end: e) { available.append(span) }
            }
            day += 1
        }
        // Its complement within the bounds.
        return bounded.subtracting(available.union()).map { BusyPeriod(span: $0, type: busyType) }
    }
}
