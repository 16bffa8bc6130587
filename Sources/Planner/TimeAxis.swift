import FreeBusy
import ICalendar
import LocalTime

/// The grid's columns: slots of `zoom` across the visible hours of each day of
/// the window, in the display zone (so a DST day has one slot more or less).
public struct TimeAxis: Equatable, Sendable {
    /// One slot of the grid: its time and where it stands among the days.
    public struct Column: Equatable, Sendable {
        public var span: TimeSpan
        public var day: Int
        public var firstOfDay: Bool

        public var start: UTCInstant { span.start }
        public var end: UTCInstant { span.end }
    }

    public var columns: [Column]

    public init(state: PlannerState, zone: DisplayZone) {
        var columns: [Column] = []
        for day in 0..<max(1, state.windowDays) {
            guard let dayStart = zone.adding(days: day, to: state.windowStart) else { continue }
            let l = zone.local(dayStart)
            let from: UTCInstant
            let to: UTCInstant
            if state.workingHoursOnly {
                from = zone.instant(year: l.year, month: l.month, day: l.day, hour: state.workdayStartHour) ?? dayStart
                to = state.workdayEndHour >= 24
                    ? (zone.adding(days: 1, to: dayStart) ?? dayStart)
                    : (zone.instant(year: l.year, month: l.month, day: l.day, hour: state.workdayEndHour) ?? dayStart)
            } else {
                from = dayStart
                to = zone.adding(days: 1, to: dayStart) ?? dayStart.adding(seconds: 86_400)
            }
            var t = from
            var first = true
            while let span = TimeSpan(start: t, end: min(t.adding(seconds: state.zoom.rawValue), to)) {
                columns.append(Column(span: span, day: day, firstOfDay: first))
                first = false
                t = span.end
            }
        }
        self.columns = columns
    }

    /// Screen x offsets of each column inside the grid area, with a one-column
    /// separator before every day but the first visible.
    public func layout(firstVisible: Int, width: Int) -> [(index: Int, x: Int)] {
        var out: [(Int, Int)] = []
        var x = 0
        guard firstVisible < columns.count else { return [] }
        for i in firstVisible..<columns.count {
            if columns[i].firstOfDay, i != firstVisible { x += 1 }
            if x >= width { break }
            out.append((i, x))
            x += 1
        }
        return out
    }
}
