import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Meetings

extension MeetingChangeService {
    /// `avail move --occurrence`: the occurrence of the series in `window`
    /// that starts at `occurrenceStart` (or was to start then, before it was
    /// changed on its own) moved to `start`…`end` as an overridden instance
    /// (`CalendarObject.movingOccurrence`), the rest of the series as it is.
    /// Everyone's time is checked at the new time with the occurrence's old
    /// time counted as free, as for a single move; stored only if nobody is
    /// busy or `force`. A 500 to the PUT becomes
    /// `.occurrenceRefused`: DAViCal 1.1 answers 500 to any series with an
    /// overridden instance and attendees (Tests/Servers/README.md), and
    /// stores nothing.
    public func moveOccurrenceIfFree(_ m: StoredMeeting, at occurrenceStart: UTCInstant, written: String, start: UTCInstant,
                                     length: Int64?, within window: TimeWindow, zone: DisplayZone, force: Bool,
                                     now: UTCInstant) async throws(MeetingChangeError) -> (MeetingMoveAttempt, TimeSpan) {
        let url = m.url.description
        guard let all = occurrences(of: m, in: window, zone: zone) else {
            throw .unreadable(url: url, .occurrenceNotMovable(uid: m.meeting.uid, reason: "avail cannot read its rule"))
        }
        guard let occurrence = all.first(where: { $0.span.start == occurrenceStart }) ?? all.first(where: { $0.recurrenceID == occurrenceStart }) else {
            throw .unreadable(url: url, .noSuchOccurrence(uid: m.meeting.uid, at: written))
        }
        let end = start.adding(seconds: length ?? (occurrence.span.end.secondsSinceEpoch - occurrence.span.start.secondsSinceEpoch))
        let changed: CalendarObject
        do { changed = try m.object.movingOccurrence(occurrence, start: start, end: end, now: now, floatingZone: zone) } catch {
            throw .unreadable(url: url, error)
        }
        var conflicts: [BookingConflict] = []
        var checked = true
        if let span = TimeSpan(start: start, end: end) {
            do { conflicts = try await self.conflicts(moving: m, to: [span], own: [occurrence.span], now: now) } catch {
                guard case .server(.noScheduling) = error else { throw error }
                checked = false
            }
        }
        if !force, conflicts.contains(where: { !$0.busy.isEmpty }) {
            return (MeetingMoveAttempt(conflicts: conflicts, outcome: nil, checked: checked), occurrence.span)
        }
        let outcome: MeetingChangeOutcome
        do { outcome = try await store(changed, replacing: m, concerning: nil) } catch {
            // Only 500 (DAViCal's answer): a 502–504 is a passing failure, said as such.
            if case let .server(.refused(status, refusedURL, _)) = error, status == 500 {
                throw .occurrenceRefused(url: refusedURL, status: status)
            }
            throw error
        }
        forgetCachedTime(m.meeting, spans: [occurrence.span, TimeSpan(start: start, end: end)])
        return (MeetingMoveAttempt(conflicts: conflicts, outcome: outcome, checked: checked), occurrence.span)
    }
}
