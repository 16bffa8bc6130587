import FreeBusy
import LocalTime
import Planner

/// Where the planner reads and changes the user's own meetings. Each answer
/// is the planner message to post: the UI thread never waits on it.
public protocol MeetingSource: Sendable {
    /// The meetings the user organises in `window` (`.meetings` or `.meetingsFailed` for `key`).
    func meetings(_ key: WindowKey, window: TimeWindow, zone: DisplayZone) async -> PlannerMessage
    /// Moves the meeting after checking everyone's time with its own time masked
    /// (unless `draft.force`): `.meetingChanged`, `.meetingMoveConflict` or `.meetingChangeFailed`.
    func move(_ draft: MeetingMoveDraft, zone: DisplayZone) async -> PlannerMessage
    /// Cancels the meeting (the server tells the attendees): `.meetingChanged` or `.meetingChangeFailed`.
    func cancel(_ meeting: PlannerMeeting, zone: DisplayZone) async -> PlannerMessage
}
