import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
import LocalTime
import Planner
import Scheduling

/// The real thing, through the cache.
public final class ServerSource: FreeBusySource {
    /// The first account: meetings, booking and the directory go through it.
    let service: FreeBusyService
    /// With several accounts: free/busy routed over all of them (the first included).
    let routed: RoutedFreeBusyService?
    let account: Account
    public let label: String
    /// RFC 5545 §3.2.3: the rooms are asked for as CUTYPE=ROOM.
    let roomTypes: [String: CalendarUserType]

    public init(service: FreeBusyService, account: Account, routed: RoutedFreeBusyService? = nil, rooms: [CalendarUserAddress] = []) {
        self.service = service
        self.routed = routed
        self.account = account
        roomTypes = Dictionary(rooms.map { ($0.matchKey, CalendarUserType.room) }, uniquingKeysWith: { a, _ in a })
        let first = (account.credentials?.user).map { "\($0)@\(account.serverURL.host)" } ?? account.serverURL.host
        label = routed.map { r in first + " +" + r.accounts.dropFirst().map(\.name).joined(separator: " +") } ?? first
    }

    /// The organizer the meetings read would name (the config's, else the
    /// discovery's), from the cache: one small file, read before the loop starts.
    public func knownOwnAddress() -> CalendarUserAddress? {
        if let o = account.organizer { return o }
        guard let d = service.cache?.loadDiscovery() else { return nil }
        return try? CalendarUserAddress(d.organizer)
    }

    public func cached(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) -> [FreeBusyAnswer] {
        if let routed { return routed.cached(attendees, window: window, now: now) }
        return service.cached(attendees, window: window, now: now)
    }

    public func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool) async -> Result<FreeBusyOutcome, CalDAVError> {
        if let routed {
            let r = fresh ? routed.refreshing() : routed
            do { return .success(try await r.query(attendees, window: window, now: .now, calendarUserTypes: roomTypes)) } catch { return .failure(error) }
        }
        let service = fresh ? service.refreshing() : service
        do { return .success(try await service.query(attendees, window: window, now: .now, calendarUserTypes: roomTypes)) } catch { return .failure(error) }
    }

    /// Each batch's rows go to `onPartial` as its POST answers (many attendees
    /// are asked in several POSTs at once).
    public func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool,
                      onPartial: @escaping @Sendable ([FreeBusyAnswer]) -> Void) async -> Result<FreeBusyOutcome, CalDAVError> {
        if let routed {
            let r = fresh ? routed.refreshing() : routed
            do { return .success(try await r.query(attendees, window: window, now: .now, calendarUserTypes: roomTypes, onPartial: onPartial)) } catch { return .failure(error) }
        }
        let service = fresh ? service.refreshing() : service
        do { return .success(try await service.query(attendees, window: window, now: .now, calendarUserTypes: roomTypes, onPartial: onPartial)) } catch { return .failure(error) }
    }

    public func recentAttendees() -> [String] { service.cache?.recentAttendees() ?? [] }

    public func searchPeople(_ text: String) async -> [PersonSuggestion] {
        guard let found = try? await PeopleSearch(freeBusy: service).directory(text, now: .now) else { return [] }
        return found.map { PersonSuggestion(name: $0.displayName, address: $0.address.displayString) }
    }

    public func remember(_ attendees: [CalendarUserAddress]) { try? service.cache?.rememberAttendees(attendees) }

    public func maintain() {
        guard let cache = service.cache else { return }
        CacheMaintenance.pruneIfDue(root: cache.root, now: .now)
    }

    /// The POST that asks about `attendees`, written as `--show-curl` writes it
    /// (no password), titled with whom it asks.
    public func requestScript(_ attendees: [CalendarUserAddress], window: TimeWindow) async -> PlannerMessage {
        do {
            let posts = try await service.plannedPOSTs(attendees, window: window, account: account, now: .now)
            let whom = attendees.count == 1 ? attendees[0].displayString : "\(attendees.count) attendees"
            let title = posts.count == 1 ? "The request for \(whom), as curl" : "The \(posts.count) requests for \(whom), as curl"
            return .requestScript(title: title, text: CurlScript(requests: posts, origin: "avail query \(whom)").text)
        } catch {
            return .requestScriptFailed(error.description)
        }
    }

    /// Checks everyone's time afresh (unless the user already said book anyway),
    /// then books through the same service as `avail book`. With several
    /// accounts the check asks each attendee where the grid asked them; the
    /// meeting is stored through the first account.
    public func book(_ draft: BookingDraft, zone: DisplayZone) async -> PlannerMessage {
        guard let booking = BookingService(service, checkingOver: routed) else { return .bookingFailed("offline: the planner was started with --offline") }
        var request = BookingRequest(start: draft.start, end: draft.end, title: draft.title,
                                     location: draft.location.isEmpty ? nil : draft.location, description: nil,
                                     required: draft.required, optional: draft.optional, uid: nil, zone: zone)
        // RFC 5545 §3.2.3: the room is invited as CUTYPE=ROOM, its time checked with everyone's.
        if let room = draft.room { request.book(rooms: [room.address]) }
        let now = UTCInstant.now
        do {
            let discovery = try await booking.freeBusy.discovery(fresh: false, needsName: true, now: now).identity
            let attempt = try await booking.bookIfFree(request, identity: discovery, checkable: !draft.force, force: draft.force, now: now)
            guard let outcome = attempt.outcome else {
                return .bookingConflict(draft, attempt.busy.map { "\($0.who()) is busy \($0.times(request, types: false))" })
            }
            let delivered = outcome.delivery?.entries.filter { $0.delivered == true }.count ?? 0
            let total = request.everyone.count
            var text = "booked “\(draft.title)” \(zone.format(draft.start)): "
            if outcome.delivery == nil {
                text += "delivery status unknown"
            } else {
                text += "\(delivered) of \(total) invitations delivered"
                let failed = outcome.delivery?.entries.filter { $0.delivered == false }.map(\.attendee.displayString) ?? []
                if !failed.isEmpty { text += "; not delivered: " + failed.joined(separator: ", ") }
            }
            if !outcome.serverSchedules { text += "; the server does not send invitations (no calendar-auto-schedule)" }
            return .booked(text)
        } catch {
            return .bookingFailed(error.description)
        }
    }
}
