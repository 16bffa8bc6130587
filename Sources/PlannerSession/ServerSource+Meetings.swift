import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Meetings
import Planner
import Scheduling

/// The user's meetings through the same services as `avail meetings`, `avail
/// move` and `avail cancel`: the planner asks the same questions and gets the
/// same checks.
extension ServerSource: MeetingSource {
    public func meetings(_ key: WindowKey, window: TimeWindow, zone: DisplayZone) async -> PlannerMessage {
        guard let server = service.server else { return .meetingsFailed(key, "offline: your meetings are not read with --offline") }
        do throws(CalDAVError) {
            let me = try await server.identity(needsName: false)
            // Each occurrence in view, as `avail meetings` lists them.
            let list = try await MeetingReader(server: server).meetings(in: window, organizer: nil, zone: zone, eachOccurrence: true)
            return .meetings(key, list.entries.map { Self.plannerMeeting($0.meeting) }, own: me.organizer)
        } catch {
            return .meetingsFailed(key, error.description)
        }
    }

    static func plannerMeeting(_ m: Meeting) -> PlannerMeeting {
        PlannerMeeting(uid: m.uid, title: m.summary ?? "(no title)", start: m.start, end: m.end, replies: m.replySummary.description,
                       repeats: m.isRecurring ? (m.repeats ?? "a series") : nil)
    }

    public func move(_ draft: MeetingMoveDraft, zone: DisplayZone) async -> PlannerMessage {
        guard let changes = MeetingChangeService(service, checkingOver: routed) else { return .meetingChangeFailed("offline: the planner was started with --offline") }
        let now = UTCInstant.now
        do throws(MeetingChangeError) {
            let found = try await find(draft.meeting, changes: changes, zone: zone)
            let attempt = try await changes.moveIfFree(found, start: draft.start, end: draft.end, force: draft.force, now: now)
            guard let outcome = attempt.outcome else {
                let busy = attempt.conflicts.filter { !$0.busy.isEmpty }
                return .meetingMoveConflict(draft, busy.map { c in
                    "\(c.who()) is busy " + c.busy.map { "\(zone.formatTime($0.start))–\(zone.formatTime($0.end))" }.joined(separator: ", ")
                })
            }
            var text = "moved “\(draft.meeting.title)” to \(zone.format(draft.start)); everyone is asked again"
            if !outcome.unreached.isEmpty {
                text += "; not reached: " + outcome.unreached.map(\.address.displayString).joined(separator: ", ")
            }
            if !attempt.checked { text += "; nobody's time could be checked (the server does not schedule)" }
            return .meetingChanged(text)
        } catch {
            return .meetingChangeFailed(error.description)
        }
    }

    public func cancel(_ meeting: PlannerMeeting, zone: DisplayZone) async -> PlannerMessage {
        guard let changes = MeetingChangeService(service, checkingOver: routed) else { return .meetingChangeFailed("offline: the planner was started with --offline") }
        do throws(MeetingChangeError) {
            let found = try await find(meeting, changes: changes, zone: zone)
            let outcome = try await changes.cancel(found, keep: false, now: .now)
            var text = "cancelled “\(meeting.title)”; the server sends the cancellation"
            if !outcome.unreached.isEmpty {
                text += "; not reached: " + outcome.unreached.map(\.address.displayString).joined(separator: ", ")
            }
            return .meetingChanged(text)
        } catch {
            return .meetingChangeFailed(error.description)
        }
    }

    /// The stored copy read afresh by UID (its ETag is what the change is made on).
    private func find(_ meeting: PlannerMeeting, changes: MeetingChangeService, zone: DisplayZone) async throws(MeetingChangeError) -> StoredMeeting {
        guard let window = TimeWindow(start: meeting.start, end: max(meeting.end, meeting.start.adding(seconds: 60))) else { throw .notFound(reference: meeting.uid, searched: meeting.start.iso8601String) }
        return try await changes.find(meeting.uid, in: window, organizer: nil, zone: zone)
    }
}
