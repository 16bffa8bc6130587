import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar

/// What the services ask of a CalDAV server, and nothing more: the CalDAV
/// session implements it for real; the services' unit tests use a fake with
/// recorded answers, so every decision (cache or network, re-discovery,
/// published fallback, booking conflicts) is checked without a network.
public protocol SchedulingServer: Sendable {
    /// The principal and its scheduling outbox (RFC 6764, RFC 5397, RFC 6638 §2),
    /// with the user's display name.
    func discover() async throws(CalDAVError) -> DiscoveryResult
    /// The same, with the display name only if `needsName`: without it the
    /// principal may go unasked (`CalDAVSession.discover(needsName:)`).
    func discover(needsName: Bool) async throws(CalDAVError) -> DiscoveryResult
    /// Who the user is, without an outbox (a server without scheduling can still store events).
    func identity() async throws(CalDAVError) -> AccountIdentity
    /// The same, with the display name only if `needsName`.
    func identity(needsName: Bool) async throws(CalDAVError) -> AccountIdentity
    /// The VFREEBUSY POST to the outbox (RFC 6638 §5).
    func queryFreeBusy(_ request: FreeBusyRequest, outbox: HTTPURL, draftHeaders: Bool) async throws(CalDAVError) -> FreeBusyResult
    /// The same, split into POSTs sent at once as `policy` says (chosen from the
    /// server's profile), with `onAnswer` called for each batch's rows as that
    /// batch answers (the planner paints them while the others are still out).
    func queryFreeBusy(_ request: FreeBusyRequest, outbox: HTTPURL, draftHeaders: Bool, policy: BatchPolicy,
                       onAnswer: (@Sendable (FreeBusyBatchAnswer) -> Void)?) async throws(CalDAVError) -> FreeBusyResult
    /// A published free/busy GET (the config's `fburl`); every failure is an unknown answer.
    func publishedFreeBusy(_ attendee: CalendarUserAddress, url: HTTPURL, window: TimeWindow) async -> RecipientResult
    /// The directory (RFC 3744 principal-property-search).
    func searchPrincipals(_ text: String, principal: HTTPURL) async throws(CalDAVError) -> [PersonMatch]
    /// The rooms and resources in the directory, by the calendar-user-type the
    /// search answers with (DAViCal ignores a search by type).
    func findRooms(principal: HTTPURL, matching text: String?) async throws(CalDAVError) -> [DirectoryEntry]
    /// The calendar new meetings go to.
    func defaultEventCalendar(principal: HTTPURL) async throws(CalDAVError) -> EventCalendar
    /// A PUT that never overwrites (If-None-Match: *).
    func storeNewEvent(_ text: String, uid: String, in calendar: EventCalendar) async throws(CalDAVError) -> StoredEvent
    /// The `DAV:` header's classes on a collection (calendar-auto-schedule, RFC 6638 §2).
    func capabilities(of url: HTTPURL) async throws(CalDAVError) -> [String]
    /// A stored event, read back for its SCHEDULE-STATUS (RFC 6638 §3.2.9).
    func fetchEvent(_ url: HTTPURL) async throws(CalDAVError) -> String
    /// Every calendar of the principal that holds events.
    func eventCalendars(principal: HTTPURL) async throws(CalDAVError) -> [EventCalendar]
    /// The events overlapping [start, end) (RFC 4791 §7.8 calendar-query).
    func calendarObjects(in calendar: HTTPURL, from start: UTCInstant, to end: UTCInstant) async throws(CalDAVError) -> [CalendarObjectResource]
    /// The repeating events (with an RRULE) at any time: for servers whose
    /// time-range filter misses a series that began before the range.
    func recurringCalendarObjects(in calendar: HTTPURL) async throws(CalDAVError) -> [CalendarObjectResource]
    /// What waits in the scheduling Inbox (RFC 6638 §2.2): replies to meetings.
    func scheduleInboxItems(principal: HTTPURL) async throws(CalDAVError) -> [CalendarObjectResource]
    /// One stored event with the ETag to change it by.
    func fetchObject(_ url: HTTPURL) async throws(CalDAVError) -> CalendarObjectResource
    /// A PUT with If-Match (RFC 9110 §13.1.1), read back; 412 is `.changedSinceRead`.
    func replaceObject(_ text: String, at url: HTTPURL, ifMatch etag: String) async throws(CalDAVError) -> CalendarObjectResource
    /// A DELETE with If-Match; 412 is `.changedSinceRead`.
    func deleteObject(at url: HTTPURL, ifMatch etag: String) async throws(CalDAVError)
}

extension SchedulingServer {
    /// A server that always finds the name: the same as with it.
    public func discover(needsName: Bool) async throws(CalDAVError) -> DiscoveryResult {
        try await discover()
    }

    public func identity(needsName: Bool) async throws(CalDAVError) -> AccountIdentity {
        try await identity()
    }

    /// A server that cannot split a request answers everyone at once: one batch.
    public func queryFreeBusy(_ request: FreeBusyRequest, outbox: HTTPURL, draftHeaders: Bool, policy: BatchPolicy,
                              onAnswer: (@Sendable (FreeBusyBatchAnswer) -> Void)?) async throws(CalDAVError) -> FreeBusyResult {
        let result = try await queryFreeBusy(request, outbox: outbox, draftHeaders: draftHeaders)
        onAnswer?(FreeBusyBatchAnswer(positions: 0..<result.recipients.count, recipients: result.recipients))
        return result
    }
}

/// The session's own batched POSTs (CalDAVSession+Batches) are the callback variant.
extension CalDAVSession: SchedulingServer {}
