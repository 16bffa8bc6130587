import FreeBusy
import ICalendar
import LocalTime
import Meetings
import OwnBusyTime

extension MeetingChangeService {
    /// A moved series is checked over this many of its new occurrences (the
    /// first ones from the new start): enough to catch a clash with a weekly
    /// habit, without asking everyone's free/busy for years ahead.
    public static let seriesOccurrencesChecked = 12

    /// The series' occurrences in `window`, as stored now; nil when avail
    /// cannot expand its rule.
    public func occurrences(of m: StoredMeeting, in window: TimeWindow, zone: DisplayZone) -> [SeriesOccurrence]? {
        OwnBusyTime.occurrences(of: m.object.calendar, window: window, floatingZone: zone)
    }

    /// `avail move --series`: every occurrence moved by the amount that takes
    /// the first occurrence in `window` to `start` (and to `length`, when
    /// given). Everyone's time is checked over the first
    /// `seriesOccurrencesChecked` new occurrences with the series' old times
    /// counted as free, as for a single move; stored only if nobody is busy
    /// or `force`.
    public func moveSeriesIfFree(_ m: StoredMeeting, firstStart start: UTCInstant, length: Int64?, within window: TimeWindow,
                                 zone: DisplayZone, force: Bool, now: UTCInstant) async throws(MeetingChangeError) -> SeriesMoveAttempt {
        let url = m.url.description
        guard let old = occurrences(of: m, in: window, zone: zone) else {
            throw .unreadable(url: url, .seriesNotMovable(uid: m.meeting.uid, reason: "avail cannot read its rule"))
        }
        guard let reference = old.first?.span else {
            throw .unreadable(url: url, .seriesNotMovable(uid: m.meeting.uid, reason: "no occurrence in the search window (--from/--days)"))
        }
        let offset = start.secondsSinceEpoch - reference.start.secondsSinceEpoch
        let shifted: CalendarObject
        do { shifted = try m.object.shiftedSeries(by: offset, length: length, now: now) } catch { throw .unreadable(url: url, error) }
        let ahead = TimeWindow(start: min(start, reference.start), end: max(window.end, start).adding(seconds: 400 * 86_400))
        let after: [SeriesOccurrence] = ahead.flatMap { OwnBusyTime.occurrences(of: shifted.calendar, window: $0, floatingZone: zone) } ?? []
        let new: [TimeSpan] = Array(after.filter { $0.span.end > start }.prefix(Self.seriesOccurrencesChecked).map(\.span))
        guard let moved = new.first else {
            throw .unreadable(url: url, .seriesNotMovable(uid: m.meeting.uid, reason: "no occurrence left after the move"))
        }
        let ownWindow = TimeWindow(start: min(start, reference.start).adding(seconds: -86_400),
                                   end: (new.last?.end ?? start).adding(seconds: 86_400))
        let before: [SeriesOccurrence] = ownWindow.flatMap { occurrences(of: m, in: $0, zone: zone) } ?? []
        let own = before.map(\.span)
        var conflicts: [BookingConflict] = []
        var checked = true
        do { conflicts = try await self.conflicts(moving: m, to: new, own: own, now: now) } catch {
            guard case let .server(e) = error, e.meansNoScheduling else { throw error }
            checked = false
        }
        if !force, conflicts.contains(where: { !$0.busy.isEmpty }) {
            return SeriesMoveAttempt(attempt: MeetingMoveAttempt(conflicts: conflicts, outcome: nil, checked: checked),
                                     reference: reference, moved: moved, checkedOccurrences: checked ? new.count : 0)
        }
        let outcome = try await store(shifted, replacing: m, concerning: nil)
        forgetCachedTime(m.meeting, spans: (own + new).map { Optional($0) })
        return SeriesMoveAttempt(attempt: MeetingMoveAttempt(conflicts: conflicts, outcome: outcome, checked: checked),
                                 reference: reference, moved: moved, checkedOccurrences: checked ? new.count : 0)
    }

    /// `avail cancel --occurrence`: the occurrence of the series in `window`
    /// that starts at `start` (or was to start then, before it was changed on
    /// its own) marked cancelled; the rest of the series stays.
    public func cancelOccurrence(_ m: StoredMeeting, at start: UTCInstant, written: String, within window: TimeWindow,
                                 zone: DisplayZone, now: UTCInstant) async throws(MeetingChangeError) -> (MeetingChangeOutcome, TimeSpan) {
        let url = m.url.description
        guard let all = occurrences(of: m, in: window, zone: zone) else {
            throw .unreadable(url: url, .seriesNotMovable(uid: m.meeting.uid, reason: "avail cannot read its rule"))
        }
        guard let occurrence = all.first(where: { $0.span.start == start }) ?? all.first(where: { $0.recurrenceID == start }) else {
            throw .unreadable(url: url, .noSuchOccurrence(uid: m.meeting.uid, at: written))
        }
        let changed: CalendarObject
        do { changed = try m.object.cancellingOccurrence(occurrence, now: now, floatingZone: zone) } catch { throw .unreadable(url: url, error) }
        let outcome = try await store(changed, replacing: m, concerning: nil)
        forgetCachedTime(m.meeting, spans: [occurrence.span])
        return (outcome, occurrence.span)
    }
}
