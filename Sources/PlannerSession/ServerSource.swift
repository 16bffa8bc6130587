import CalDAVClient
import FreeBusy
import FreeBusyCache
import ICalendar
import LocalTime
import Planner
import Scheduling

/// The real thing, through the cache.
public final class ServerSource: FreeBusySource {
    let service: FreeBusyService
    public let label: String
    /// RFC 5545 §3.2.3: the rooms are asked for as CUTYPE=ROOM.
    let roomTypes: [String: CalendarUserType]

    public init(service: FreeBusyService, account: Account, rooms: [CalendarUserAddress] = []) {
        self.service = service
        roomTypes = Dictionary(rooms.map { ($0.matchKey, CalendarUserType.room) }, uniquingKeysWith: { a, _ in a })
        label = (account.credentials?.user).map { "\($0)@\(account.serverURL.host)" } ?? account.serverURL.host
    }

    public func cached(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) -> [FreeBusyAnswer] {
        service.cached(attendees, window: window, now: now)
    }

    public func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool) async -> Result<FreeBusyOutcome, CalDAVError> {
        let service = fresh ? service.refreshing() : service
        do { return .success(try await service.query(attendees, window: window, now: .now, calendarUserTypes: roomTypes)) } catch { return .failure(error) }
    }

    /// Each batch's rows go to `onPartial` as its POST answers (many attendees
    /// are asked in several POSTs at once).
    public func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool,
                      onPartial: @escaping @Sendable ([FreeBusyAnswer]) -> Void) async -> Result<FreeBusyOutcome, CalDAVError> {
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
        CacheMaintenance.prune(root: cache.root, now: .now)
    }

    /// Checks everyone's time afresh (unless the user already said book anyway),
    /// then books through the same service as `avail book`.
    public func book(_ draft: BookingDraft, zone: DisplayZone) async -> PlannerMessage {
        guard let booking = BookingService(service) else { return .bookingFailed("offline: the planner was started with --offline") }
        var request = BookingRequest(start: draft.start, end: draft.end, title: draft.title,
                                     location: draft.location.isEmpty ? nil : draft.location, description: nil,
                                     required: draft.required, optional: draft.optional, uid: nil, zone: zone)
        // RFC 5545 §3.2.3: the room is invited as CUTYPE=ROOM, its time checked with everyone's.
        if let room = draft.room { request.book(rooms: [room.address]) }
        let now = UTCInstant.now
        do {
            let discovery = try await booking.freeBusy.discovery(fresh: false, now: now).identity
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
