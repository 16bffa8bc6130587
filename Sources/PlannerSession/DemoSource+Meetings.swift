import FreeBusy
import LocalTime
import Planner

/// The demo has no calendar of its own: no meetings to list, move or cancel.
extension DemoSource: MeetingSource {
    public func meetings(_ key: WindowKey, window: TimeWindow, zone: DisplayZone) async -> PlannerMessage {
        .meetings(key, [], own: nil)
    }

    public func move(_ draft: MeetingMoveDraft, zone: DisplayZone) async -> PlannerMessage {
        .meetingChangeFailed("no meetings in the demo")
    }

    public func cancel(_ meeting: PlannerMeeting, zone: DisplayZone) async -> PlannerMessage {
        .meetingChangeFailed("no meetings in the demo")
    }
}
