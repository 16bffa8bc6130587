import Booking
import CalDAVClient
import FreeBusy
import FreeBusyCache
import ICalendar
import LocalTime

/// Books a meeting through CalDAV implicit scheduling (RFC 6638 §3): checks
/// everyone's time afresh, stores the VEVENT in the organizer's calendar, reads
/// back what the server did with each invitation, and refreshes the cache.
public final class BookingService: Sendable {
    let server: any SchedulingServer
    /// Always asks the server (refresh policy); answers are cached as usual.
    public let freeBusy: FreeBusyService
    /// With several accounts: everyone's time is checked the way the grid asks
    /// it (each attendee on the account that knows them, the user's own row on
    /// all), always asking the servers; the meeting is still stored through
    /// `freeBusy`'s account.
    public let routed: RoutedFreeBusyService?

    /// Over `service`'s account and cache, but always asking the server;
    /// nil without a server (`--offline`). `checkingOver` routes the check of
    /// everyone's time over several accounts (`service`'s among them).
    public init?(_ service: FreeBusyService, checkingOver routed: RoutedFreeBusyService? = nil) {
        guard let freeBusy = service.askingTheServer(), let server = freeBusy.server else { return nil }
        self.server = server
        self.freeBusy = freeBusy
        self.routed = routed?.refreshing()
    }

    /// Everyone's time now, routed when there are several accounts.
    func askEveryone(_ request: BookingRequest, window: TimeWindow, now: UTCInstant) async throws(CalDAVError) -> FreeBusyOutcome {
        try await freeBusy.query(request.everyone, window: window, now: now, calendarUserTypes: request.calendarUserTypes, routedOver: routed)
    }

    /// Who the organizer is: from scheduling discovery, or, on a server without
    /// an outbox, from the principal alone (`checkable` is then false: there is
    /// no free/busy to check, and the server will not send invitations).
    public func identity(now: UTCInstant) async throws(CalDAVError) -> (identity: AccountIdentity, checkable: Bool) {
        do {
            return (try await freeBusy.discovery(fresh: true, needsName: true, now: now).identity, true)
        } catch {
            guard error.meansNoScheduling else { throw error }
            return (try await server.identity(), false)
        }
    }

    /// Everyone's time over the meeting, asked now: who is busy, and whose
    /// time could not be had fresh.
    public func conflicts(_ request: BookingRequest, now: UTCInstant) async throws(CalDAVError) -> [BookingConflict] {
        guard let window = request.span else { return [] }
        let outcome = try await askEveryone(request, window: window, now: now)
        let optional = Set(request.optional.map(\.matchKey))
        var found: [BookingConflict] = []
        for row in outcome.rows {
            let isOptional = optional.contains(row.result.recipient.matchKey)
            if row.stale || row.source != .server && row.source != .published {
                found.append(BookingConflict(attendee: row.result.recipient, optional: isOptional, busy: [],
                                             unknown: row.error ?? "no fresh answer"))
            } else if let busy = row.result.busy {
                let overlapping = busy.clipped(to: window)
                if !overlapping.isEmpty {
                    found.append(BookingConflict(attendee: row.result.recipient, optional: isOptional, busy: overlapping, unknown: nil))
                } else if row.gaps.contains(where: { $0.overlaps(window) }) {
                    // The user's own row with one of their accounts unanswered: not known to be free.
                    found.append(BookingConflict(attendee: row.result.recipient, optional: isOptional, busy: [],
                                                 unknown: row.result.problem ?? "part of the time is unknown"))
                }
            } else {
                let why = row.result.status.description
                found.append(BookingConflict(attendee: row.result.recipient, optional: isOptional, busy: [], unknown: why))
            }
        }
        return found
    }

    /// The one booking decision `avail book` and the planner share: check
    /// everyone's time afresh (when the server can say: `checkable`), and store
    /// the meeting only if nobody is busy, or `force` says book anyway. Unknown
    /// time does not stop a booking; it is returned for a warning.
    public func bookIfFree(_ request: BookingRequest, identity: AccountIdentity, checkable: Bool, force: Bool,
                           now: UTCInstant) async throws(CalDAVError) -> BookingAttempt {
        let conflicts = checkable ? try await conflicts(request, now: now) : []
        if !force, conflicts.contains(where: { !$0.busy.isEmpty }) { return BookingAttempt(conflicts: conflicts, outcome: nil) }
        return BookingAttempt(conflicts: conflicts, outcome: try await book(request, discovery: identity, now: now))
    }

    /// The VEVENT for the request as this server is sent it: the people in the
    /// form it knows them (`serverForm`).
    public func event(for request: BookingRequest, discovery: AccountIdentity, now: UTCInstant) -> MeetingEvent {
        let form = freeBusy.serverForm()
        var sent = request
        sent.required = request.required.map(form)
        sent.optional = request.optional.map(form)
        sent.rooms = request.rooms.map(form)
        return Self.event(sent, discovery: discovery, now: now)
    }

    /// The VEVENT for the request, as `discovery`'s organizer.
    public static func event(_ request: BookingRequest, discovery: AccountIdentity, now: UTCInstant) -> MeetingEvent {
        var zoned: TimeZoneDefinition? = nil
        if !request.utc && !request.zone.isUTC {
            zoned = request.zone.definition(covering: request.start, to: request.end)
        }
        let attendees = request.required.map { MeetingEvent.Attendee(address: $0) }
            + request.optional.map { MeetingEvent.Attendee(address: $0, optional: true) }
            + request.rooms.map { MeetingEvent.Attendee(address: $0, calendarUserType: .room) }
        return MeetingEvent(uid: request.uid ?? RandomUID.make(), timestamp: now, start: request.start, end: request.end,
                            summary: request.title, location: request.location, description: request.description,
                            organizer: discovery.organizer, organizerName: discovery.displayName, attendees: attendees,
                            zone: zoned, productID: AvailVersion.productID)
    }

    /// Stores the event, reads back the delivery status, and re-asks everyone's
    /// time so the cache (and the caller) see the new meeting.
    public func book(_ request: BookingRequest, discovery: AccountIdentity, now: UTCInstant) async throws(CalDAVError) -> BookingOutcome {
        let event = event(for: request, discovery: discovery, now: now)
        let calendar = try await server.defaultEventCalendar(principal: discovery.principalURL)
        let stored = try await server.storeNewEvent(event.iCalendarText, uid: event.uid, in: calendar)
        var capabilities = stored.davCapabilities + discovery.davCapabilities
        if capabilities.isEmpty, let caps = try? await server.capabilities(of: calendar.url) { capabilities = caps }
        let schedules = StoredEvent.autoSchedules(capabilities)
        var delivery: DeliveryReport? = nil
        var problem: String? = nil
        do {
            let text = try await server.fetchEvent(stored.url)
            delivery = try DeliveryReport.parse(text, organizer: discovery.organizer)
        } catch {
            problem = "could not read the stored event back: \(error)"
        }
        // The answers cached for this time are now wrong; ask again.
        if let span = request.span {
            // The booking account's cache and, routed, every account's (forgetting twice is harmless).
            let caches = [freeBusy.cache].compactMap { $0 } + (routed?.accounts.compactMap(\.service.cache) ?? [])
            for cache in caches {
                for a in request.everyone + [discovery.organizer] { cache.forget(a, overlapping: span) }
            }
        }
        var busyAfter: [CalendarUserAddress: Bool] = [:]
        if let window = request.span, let after = try? await askEveryone(request, window: window, now: now) {
            for row in after.rows where !row.stale {
                busyAfter[row.result.recipient] = row.result.busy.map { $0.anyOverlaps(window) }
            }
        }
        return BookingOutcome(event: event, calendar: calendar, stored: stored, serverSchedules: schedules,
                              delivery: delivery, deliveryProblem: problem, busyAfter: busyAfter)
    }
}
