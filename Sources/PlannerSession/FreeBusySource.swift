import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Planner
import Scheduling

/// Where the planner gets free/busy time: the account's server (through the
/// cache), or the demo.
public protocol FreeBusySource: Sendable {
    var label: String { get }
    /// Whatever the cache has, fresh or stale, at once (the planner paints it first).
    func cached(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) -> [FreeBusyAnswer]
    /// Fresh answers: from the cache within its TTL (unless `fresh`: then always
    /// from the server), else from the server; stale ones with the error when the
    /// server cannot be reached.
    func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool) async -> Result<FreeBusyOutcome, CalDAVError>
    /// The same, with `onPartial` given rows as each batch of a large request
    /// answers, before the whole outcome.
    func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool,
               onPartial: @escaping @Sendable ([FreeBusyAnswer]) -> Void) async -> Result<FreeBusyOutcome, CalDAVError>
    func recentAttendees() -> [String]
    func remember(_ attendees: [CalendarUserAddress])
    /// Keeps the cache within its bounds; reads the whole cache, so never on the UI thread.
    func maintain()
    /// People whose name or address contains `text` (the directory); none on failure.
    func searchPeople(_ text: String) async -> [PersonSuggestion]
    /// Books the meeting; the answer is the planner message to show.
    func book(_ draft: BookingDraft, zone: DisplayZone) async -> PlannerMessage
    /// The free/busy request for these attendees as a curl script (`y` on a row).
    func requestScript(_ attendees: [CalendarUserAddress], window: TimeWindow) async -> PlannerMessage
    /// The user's own address when it is known without asking the server (the
    /// config's organizer, or a discovery in the cache): their row is then in
    /// the first request, instead of waiting for the meetings read to name it.
    func knownOwnAddress() -> CalendarUserAddress?
}

extension FreeBusySource {
    /// A source that knows nobody's address in advance names the user's row
    /// with their meetings.
    public func knownOwnAddress() -> CalendarUserAddress? { nil }

    /// A source without a server has no request to show.
    public func requestScript(_ attendees: [CalendarUserAddress], window: TimeWindow) async -> PlannerMessage {
        .requestScriptFailed("no server is asked here")
    }

    /// A source with nothing to say early answers everyone at the end.
    public func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool,
                      onPartial: @escaping @Sendable ([FreeBusyAnswer]) -> Void) async -> Result<FreeBusyOutcome, CalDAVError> {
        await query(attendees, window: window, fresh: fresh)
    }
}
