import ICalendar

extension PlannerMeeting {
    /// What the user asked of an occurrence of a repeating meeting.
    enum SeriesChange { case move, cancel }

    /// `M`/`X` on an occurrence of a series: the planner changes single
    /// meetings only (a change meant for one occurrence must not reach every
    /// other, as on the command line), so the status line names the command
    /// that does it, with this occurrence's start filled in.
    func seriesRefusal(_ change: SeriesChange) -> String {
        let occurrence = start.iso8601String
        switch change {
        case .move:
            return "“\(title)” repeats (\(repeats ?? "a series")): run avail move \(uid) --occurrence \(occurrence) --at … (or --series)"
        case .cancel:
            return "“\(title)” repeats (\(repeats ?? "a series")): run avail cancel \(uid) --occurrence \(occurrence) (or --series)"
        }
    }
}
