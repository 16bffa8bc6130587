import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import LocalTime
import Meetings
import TextUtilities

/// Changes a meeting the user organises, after the booking: finds it, moves
/// it (checking everyone's time with the meeting's own time counted as free),
/// cancels it, invites and uninvites people, and hands the people the server
/// could not reach to the user as an iTIP message (RFC 6638 §7.1). Every
/// write carries If-Match on the version read (RFC 9110 §13.1.1); a 412 is
/// read again and returned as what changed, never overwritten.
public final class MeetingChangeService: Sendable {
    let server: any SchedulingServer
    /// Always asks the server (refresh policy); answers are cached as usual.
    public let freeBusy: FreeBusyService
    /// With several accounts: the check of everyone's time at a new time,
    /// each person asked where the grid and `book` ask them (always the servers).
    public let routed: RoutedFreeBusyService?

    /// Over `service`'s account and cache, always asking the server; nil offline.
    /// `checkingOver` routes the check of the invitees' time over several
    /// accounts (`service`'s among them); the meeting stays on `service`'s.
    public init?(_ service: FreeBusyService, checkingOver routed: RoutedFreeBusyService? = nil) {
        guard let freeBusy = service.askingTheServer(), let server = freeBusy.server else { return nil }
        self.server = server
        self.freeBusy = freeBusy
        self.routed = routed?.refreshing()
    }


    // MARK: Finding

    /// The meeting `reference` names: a UID (looked up where avail stores it,
    /// `<calendar>/<UID>.ics`, and among the events in `window`), else the
    /// title of exactly one meeting the user organises in `window`. Read
    /// fresh (GET) so that its ETag is the one the change is made on.
    /// Something that looks like a UID is fetched by name first (one GET per
    /// calendar finds a meeting outside the window); anything else, a title,
    /// searches the window first, so that "Planning" costs no 404 per
    /// calendar, and is fetched by name only if the window has no match.
    public func find(_ reference: String, in window: TimeWindow, organizer: CalendarUserAddress?,
                     zone: DisplayZone) async throws(MeetingChangeError) -> StoredMeeting {
        let me: AccountIdentity
        let calendars: [EventCalendar]
        do {
            me = try await server.identity(needsName: false)
            calendars = try await server.eventCalendars(principal: me.principalURL)
        } catch { throw .server(error) }
        var mine = me.calendarUserAddresses.map { CalendarUserAddress(uncheckedURI: $0) }
        mine.append(organizer ?? me.organizer)
        if Self.looksLikeUID(reference), let found = try await fetchByName(reference, calendars: calendars) {
            return try Self.mustOrganize(found, mine)
        }
        do {
            return try await search(reference, in: window, calendars: calendars, mine: mine, zone: zone)
        } catch {
            guard case .notFound = error, !Self.looksLikeUID(reference), !reference.contains(where: \.isWhitespace),
                  let found = try await fetchByName(reference, calendars: calendars) else { throw error }
            return try Self.mustOrganize(found, mine)
        }
    }

    /// RFC 5545 §3.8.4.7 asks for a globally unique UID, in practice with an
    /// "@" (avail's own, many clients') or a long UUID-like string; a title
    /// is words. Only the order of the lookups depends on this guess.
    static func looksLikeUID(_ reference: String) -> Bool {
        guard !reference.contains(where: \.isWhitespace) else { return false }
        return reference.contains("@") || (reference.count >= 16 && reference.contains(where: \.isNumber))
    }

    /// The meeting stored under the name avail gives it (`<calendar>/<UID>.ics`), if any calendar has it.
    private func fetchByName(_ uid: String, calendars: [EventCalendar]) async throws(MeetingChangeError) -> StoredMeeting? {
        for calendar in calendars {
            var base = calendar.url
            if !base.path.hasSuffix("/") { base = base.withPath(base.path + "/") }
            guard let url = base.resolving(CalDAVSession.resourceName(uid: uid)),
                  let r = try? await server.fetchObject(url),
                  let found = try? StoredMeeting.reading(r), found.meeting.uid == uid else { continue }
            return found
        }
        return nil
    }

    /// The events in `window`: the one with this UID, else the one meeting of the user's with this title.
    private func search(_ reference: String, in window: TimeWindow, calendars: [EventCalendar], mine: [CalendarUserAddress],
                        zone: DisplayZone) async throws(MeetingChangeError) -> StoredMeeting {
        var byUID: [(url: HTTPURL, meeting: Meeting)] = []
        var byTitle: [(url: HTTPURL, meeting: Meeting)] = []
        for calendar in calendars {
            let objects: [CalendarObjectResource]
            do { objects = try await server.eventObjects(in: calendar.url, window: window) } catch { throw .server(error) }
            for r in objects {
                guard let object = try? CalendarObject(parsing: r.text), let m = try? Meeting(object, floatingZone: zone) else { continue }
                if m.uid == reference { byUID.append((r.url, m)) }
                else if m.isOrganized(byAnyOf: mine), let title = m.summary,
                        title.trimmingWhitespace.lowercased() == reference.trimmingWhitespace.lowercased() { byTitle.append((r.url, m)) }
            }
        }
        let searched = "\(window.start.iso8601String)–\(window.end.iso8601String)"
        // A calendar shared into two collections shows one meeting twice: one UID is one meeting.
        let titled = Dictionary(byTitle.map { ($0.meeting.uid, $0) }, uniquingKeysWith: { a, _ in a }).values
            .sorted { ($0.meeting.start, $0.meeting.uid) < ($1.meeting.start, $1.meeting.uid) }
        guard let hit = byUID.first ?? (titled.count == 1 ? titled.first : nil) else {
            if titled.count > 1 { throw .ambiguous(reference: reference, candidates: titled.map(\.meeting)) }
            throw .notFound(reference: reference, searched: searched)
        }
        return try Self.mustOrganize(try await read(hit.url), mine)
    }

    /// The stored copy at `url`, read now.
    public func read(_ url: HTTPURL) async throws(MeetingChangeError) -> StoredMeeting {
        let resource: CalendarObjectResource
        do { resource = try await server.fetchObject(url) } catch { throw .server(error) }
        return try StoredMeeting.reading(resource)
    }

    static func mustOrganize(_ m: StoredMeeting, _ mine: [CalendarUserAddress]) throws(MeetingChangeError) -> StoredMeeting {
        let keys = Set(mine.map(\.matchKey))
        guard let organizer = m.meeting.organizer, keys.contains(organizer.matchKey) else {
            throw .notOrganizer(uid: m.meeting.uid, organizer: m.meeting.organizer?.displayString)
        }
        return m
    }

    // MARK: Moving

    /// Everyone's time over [start, end), asked now, with the meeting's own
    /// current time counted as free: each attendee's free/busy includes the
    /// meeting being moved (RFC 6638 §5 answers from their copies), so
    /// without this a move by half an hour finds everyone busy with itself.
    /// The cost: other busy time exactly under the old time is masked too
    /// (free/busy does not say which event made it).
    public func conflicts(moving m: StoredMeeting, start: UTCInstant, end: UTCInstant,
                          now: UTCInstant) async throws(MeetingChangeError) -> [BookingConflict] {
        guard let span = TimeSpan(start: start, end: end) else { return [] }
        return try await conflicts(moving: m, to: [span], own: TimeSpan(start: m.meeting.start, end: m.meeting.end).map { [$0] } ?? [], now: now)
    }

    /// The same over several new times at once (a series moved): one question
    /// over the span they cover, each answer clipped to the new times, the
    /// `own` (old) times counted as free.
    func conflicts(moving m: StoredMeeting, to spans: [TimeSpan], own: [TimeSpan],
                   now: UTCInstant) async throws(MeetingChangeError) -> [BookingConflict] {
        guard let first = spans.map(\.start).min(), let last = spans.map(\.end).max(),
              let window = TimeWindow(start: first, end: last) else { return [] }
        let invitees = m.meeting.invitees
        guard !invitees.isEmpty else { return [] }
        let outcome: FreeBusyOutcome
        do { outcome = try await freeBusy.query(invitees.map(\.address), window: window, now: now, routedOver: routed) } catch { throw .server(error) }
        let optional = Set(invitees.filter { $0.role == "OPT-PARTICIPANT" || $0.role == "NON-PARTICIPANT" }.map(\.address.matchKey))
        var found: [BookingConflict] = []
        for row in outcome.rows {
            let who = row.result.recipient
            let isOptional = optional.contains(who.matchKey)
            if row.stale || row.source != .server && row.source != .published {
                found.append(BookingConflict(attendee: who, optional: isOptional, busy: [], unknown: row.error ?? "no fresh answer"))
            } else if let busy = row.result.busy {
                let left = spans.flatMap { Self.masking(busy.clipped(to: $0), own) }
                if !left.isEmpty { found.append(BookingConflict(attendee: who, optional: isOptional, busy: left, unknown: nil)) }
            } else {
                found.append(BookingConflict(attendee: who, optional: isOptional, busy: [], unknown: row.result.status.description))
            }
        }
        return found
    }

    /// `busy` without the time in `own`, each piece keeping its busy type.
    static func masking(_ busy: [BusyPeriod], _ own: [TimeSpan]) -> [BusyPeriod] {
        busy.flatMap { p in p.span.subtracting(own).map { BusyPeriod(span: $0, type: p.type) } }
    }

    /// The one move decision `avail move` (and later the planner) uses: the
    /// meeting at the new time (SEQUENCE raised, everyone asked again, RFC
    /// 5546 §2.1.4), stored only if nobody is busy then or `force`.
    public func moveIfFree(_ m: StoredMeeting, start: UTCInstant, end: UTCInstant, force: Bool,
                           now: UTCInstant) async throws(MeetingChangeError) -> MeetingMoveAttempt {
        let moved: CalendarObject
        do { moved = try m.object.moved(start: start, end: end, now: now) } catch { throw .unreadable(url: m.url.description, error) }
        var conflicts: [BookingConflict] = []
        var checked = true
        do { conflicts = try await self.conflicts(moving: m, start: start, end: end, now: now) } catch {
            // A server without scheduling can still store the change; nobody's time can be seen (as `book` does).
            guard case let .server(e) = error, e.meansNoScheduling else { throw error }
            checked = false
        }
        if !force, conflicts.contains(where: { !$0.busy.isEmpty }) {
            return MeetingMoveAttempt(conflicts: conflicts, outcome: nil, checked: checked)
        }
        let outcome = try await store(moved, replacing: m, concerning: nil)
        forgetCachedTime(m.meeting, spans: [TimeSpan(start: m.meeting.start, end: m.meeting.end), TimeSpan(start: start, end: end)])
        if checked, let window = TimeWindow(start: start, end: end) {
            _ = try? await freeBusy.query(m.meeting.invitees.map(\.address), window: window, now: now)
        }
        return MeetingMoveAttempt(conflicts: conflicts, outcome: outcome, checked: checked)
    }

    // MARK: Cancelling, inviting

    /// DELETE with If-Match (the server sends each attendee a CANCEL, RFC 6638
    /// §3.2.1.3), or with `keep` a new version with STATUS:CANCELLED.
    public func cancel(_ m: StoredMeeting, keep: Bool, now: UTCInstant) async throws(MeetingChangeError) -> MeetingChangeOutcome {
        let outcome: MeetingChangeOutcome
        if keep {
            let cancelled: CalendarObject
            do { cancelled = try m.object.cancelledKeepingIt(now: now) } catch { throw .unreadable(url: m.url.description, error) }
            outcome = try await store(cancelled, replacing: m, concerning: nil)
        } else {
            do { try await server.deleteObject(at: m.url, ifMatch: m.etag) } catch {
                throw try await explain(error, m)
            }
            // Gone with the copy: who the server could not reach before will not get its CANCEL either.
            outcome = MeetingChangeOutcome(before: m.meeting, original: m.object, stored: nil, after: nil, unreached: Self.unreached(m.meeting, among: nil))
        }
        forgetCachedTime(m.meeting, spans: [TimeSpan(start: m.meeting.start, end: m.meeting.end)])
        return outcome
    }

    /// The people added (RFC 5546 §2.1.2: no new SEQUENCE; the server sends them a REQUEST).
    public func invite(_ people: [CalendarObject.Invitee], to m: StoredMeeting, now: UTCInstant) async throws(MeetingChangeError) -> MeetingChangeOutcome {
        let changed: CalendarObject
        let form = if let window = TimeWindow(start: m.meeting.start, end: m.meeting.end) {
            await freeBusy.serverForm(learningFrom: people.map(\.address), at: window, now: now)
        } else {
            freeBusy.serverForm()
        }
        let sent = people.map { CalendarObject.Invitee(address: form($0.address), name: $0.name) }
        do { changed = try m.object.addingAttendees(sent, now: now) } catch { throw .unreadable(url: m.url.description, error) }
        let present = Set(m.meeting.attendees.map(\.address.matchKey))
        let new = Set(people.map(\.address.matchKey)).subtracting(present)
        let outcome = try await store(changed, replacing: m, concerning: new)
        forgetCachedTime(m.meeting, spans: [TimeSpan(start: m.meeting.start, end: m.meeting.end)], extra: people.map(\.address))
        return outcome
    }

    /// The people taken off (the server sends each a CANCEL, RFC 6638 §3.2.1.2).
    public func uninvite(_ addresses: [CalendarUserAddress], from m: StoredMeeting, now: UTCInstant) async throws(MeetingChangeError) -> MeetingChangeOutcome {
        let changed: CalendarObject
        do { changed = try m.object.removingAttendees(addresses, now: now) } catch { throw .unreadable(url: m.url.description, error) }
        let gone = Set(addresses.map(\.matchKey))
        var outcome = try await store(changed, replacing: m, concerning: [])
        outcome.removed = m.meeting.invitees.filter { gone.contains($0.address.matchKey) }
        // The server cancels for those it reached before; the others only hear of it from the user.
        outcome.unreached = Self.unreached(m.meeting, among: gone)
        forgetCachedTime(m.meeting, spans: [TimeSpan(start: m.meeting.start, end: m.meeting.end)])
        return outcome
    }

    // MARK: The people the server could not reach

    /// Invitees the server did not reach: delivery failed (3.x, 5.x), no
    /// SCHEDULE-STATUS saying 1.x or 2.x, or left to the client
    /// (SCHEDULE-AGENT=CLIENT, RFC 6638 §7.1); only those in `among` when given.
    public static func unreached(_ meeting: Meeting, among: Set<String>?) -> [MeetingAttendee] {
        meeting.invitees.filter { a in
            if let among, !among.contains(a.address.matchKey) { return false }
            switch a.delivery {
            case .notDelivered, .notReported: return true
            case .notByServer: return a.scheduleAgent == .client
            case .delivered, .sent, .pending: return false
            }
        }
    }

    /// The iTIP message for the unreached people of `outcome` (REQUEST after
    /// a booking, move or invitation; CANCEL after a cancellation or
    /// uninvitation), and the stored copy with them marked
    /// SCHEDULE-AGENT=CLIENT so the server does not try again (RFC 6638 §7.1),
    /// written with If-Match on the copy just read back. Nil when everyone was reached.
    public func handOver(_ outcome: MeetingChangeOutcome, method: ITIPMessage.Method,
                         productID: String = AvailVersion.productID) async throws(MeetingChangeError) -> (message: ITIPMessage, outcome: MeetingChangeOutcome)? {
        let people = outcome.unreached.map(\.address)
        guard !people.isEmpty else { return nil }
        var result = outcome
        if let stored = outcome.stored {
            let current = try StoredMeeting.reading(stored)
            let stillOn = Set(current.meeting.attendees.map(\.address.matchKey))
            let toMark = outcome.unreached.filter { $0.scheduleAgent != .client && stillOn.contains($0.address.matchKey) }.map(\.address)
            if !toMark.isEmpty {
                let marked: CalendarObject
                do { marked = try current.object.markingClientScheduled(toMark) } catch { throw .unreadable(url: stored.url.description, error) }
                let again = try await store(marked, replacing: current, concerning: [])
                result.stored = again.stored
                result.after = again.after
            }
        }
        // A deleted meeting, or people taken off it, are cancelled from the copy
        // as it was (it still names them); otherwise the copy as stored now.
        do {
            let object: CalendarObject
            if let text = result.stored?.text, result.removed.isEmpty { object = try CalendarObject(parsing: text) } else { object = outcome.original }
            return (try ITIPMessage(method, of: object, for: people, productID: productID), result)
        } catch {
            throw .unreadable(url: result.stored?.url.description ?? outcome.before.uid, error)
        }
    }

    /// A meeting just booked, as the server stored it, with the invitees it
    /// could not reach: for `book --ics-out` (the same hand-over as after a change).
    public func afterBooking(at url: HTTPURL) async throws(MeetingChangeError) -> MeetingChangeOutcome {
        let resource: CalendarObjectResource
        do { resource = try await server.fetchObject(url) } catch { throw .server(error) }
        let m = try StoredMeeting.reading(resource)
        return MeetingChangeOutcome(before: m.meeting, original: m.object, stored: resource, after: m.meeting,
                                    unreached: Self.unreached(m.meeting, among: nil))
    }

    // MARK: Writing

    /// PUT with If-Match on the version read. A 412 means someone changed it
    /// since: the copy is read again and what changed returned, nothing written.
    /// `concerning`: whose delivery this change is about (nil: every invitee).
    func store(_ changed: CalendarObject, replacing m: StoredMeeting, concerning: Set<String>?) async throws(MeetingChangeError) -> MeetingChangeOutcome {
        let stored: CalendarObjectResource
        do { stored = try await server.replaceObject(changed.iCalendarText, at: m.url, ifMatch: m.etag) } catch {
            throw try await explain(error, m)
        }
        let after = try? Meeting(try CalendarObject(parsing: stored.text))
        return MeetingChangeOutcome(before: m.meeting, original: m.object, stored: stored, after: after,
                                    unreached: after.map { Self.unreached($0, among: concerning) } ?? [])
    }

    /// A 412 turned into what changed since the read; other errors as they are.
    private func explain(_ error: CalDAVError, _ m: StoredMeeting) async throws(MeetingChangeError) -> MeetingChangeError {
        guard case let .changedSinceRead(url) = error else { return .server(error) }
        guard let now = try? await server.fetchObject(m.url), let object = try? CalendarObject(parsing: now.text),
              let meeting = try? Meeting(object) else {
            // Deleted or unreadable since: still not overwritten.
            return .changedSinceRead(url: url, difference: MeetingDifference(from: m.meeting, to: m.meeting))
        }
        return .changedSinceRead(url: url, difference: MeetingDifference(from: m.meeting, to: meeting))
    }

    /// The cached answers over the meeting's times are wrong now, for its
    /// attendees and the organizer; the next query asks the server.
    func forgetCachedTime(_ meeting: Meeting, spans: [TimeSpan?], extra: [CalendarUserAddress] = []) {
        guard let cache = freeBusy.cache else { return }
        let people = meeting.attendees.map(\.address) + [meeting.organizer].compactMap { $0 } + extra
        for span in spans.compactMap({ $0 }) {
            for p in people { _ = cache.forget(p, overlapping: span) }
        }
    }
}
