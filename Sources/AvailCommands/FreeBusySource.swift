import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
import LocalTime
import Planner
import Scheduling

/// Where the planner gets free/busy time: the account's server (through the
/// cache), or the demo.
protocol FreeBusySource: Sendable {
    var label: String { get }
    /// Whatever the cache has, fresh or stale, at once (the planner paints it first).
    func cached(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) -> [FreeBusyAnswer]
    /// Fresh answers: from the cache within its TTL (unless `fresh`: then always
    /// from the server), else from the server; stale ones with the error when the
    /// server cannot be reached.
    func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool) async -> Result<FreeBusyOutcome, CalDAVError>
    func recentAttendees() -> [String]
    func remember(_ attendees: [CalendarUserAddress])
    /// Keeps the cache within its bounds; reads the whole cache, so never on the UI thread.
    func maintain()
    /// People whose name or address contains `text` (the directory); none on failure.
    func searchPeople(_ text: String) async -> [PersonSuggestion]
    /// Books the meeting; the answer is the planner message to show.
    func book(_ draft: BookingDraft, zone: DisplayZone) async -> PlannerMessage
}

/// The real thing, through the cache.
final class ServerSource: FreeBusySource {
    let service: FreeBusyService
    let label: String

    init(service: FreeBusyService, account: Account) {
        self.service = service
        label = (account.credentials?.user).map { "\($0)@\(account.serverURL.host)" } ?? account.serverURL.host
    }

    func cached(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) -> [FreeBusyAnswer] {
        service.cached(attendees, window: window, now: now)
    }

    func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool) async -> Result<FreeBusyOutcome, CalDAVError> {
        let service = fresh ? service.refreshing() : service
        do { return .success(try await service.query(attendees, window: window, now: .now)) } catch { return .failure(error) }
    }

    func recentAttendees() -> [String] { service.cache?.recentAttendees() ?? [] }

    func searchPeople(_ text: String) async -> [PersonSuggestion] {
        guard let found = try? await PeopleSearch(freeBusy: service).directory(text, now: .now) else { return [] }
        return found.map { PersonSuggestion(name: $0.displayName, address: $0.address.displayString) }
    }

    func remember(_ attendees: [CalendarUserAddress]) { try? service.cache?.rememberAttendees(attendees) }

    func maintain() {
        guard let cache = service.cache else { return }
        CacheMaintenance.prune(root: cache.root, now: .now)
    }

    /// Checks everyone's time afresh (unless the user already said book anyway),
    /// then books through the same service as `avail book`.
    func book(_ draft: BookingDraft, zone: DisplayZone) async -> PlannerMessage {
        guard let booking = BookingService(service) else { return .bookingFailed("offline: the planner was started with --offline") }
        let request = BookingRequest(start: draft.start, end: draft.end, title: draft.title,
                                     location: draft.location.isEmpty ? nil : draft.location, description: nil,
                                     required: draft.required, optional: draft.optional, uid: nil, zone: zone)
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

/// The bundled demo, for `make run` with no account: made-up colleagues whose
/// week is generated from their address, answered after a short delay so the
/// rows fill in as they would from a server. Clearly marked DEMO on screen.
struct DemoSource: FreeBusySource {
    let label = "demo"

    func cached(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) -> [FreeBusyAnswer] { [] }
    func recentAttendees() -> [String] { [] }
    func remember(_ attendees: [CalendarUserAddress]) {}
    func maintain() {}
    func book(_ draft: BookingDraft, zone: DisplayZone) async -> PlannerMessage {
        .bookingFailed("demo: there is no server to book on")
    }

    func searchPeople(_ text: String) async -> [PersonSuggestion] {
        Self.attendees.filter { $0.contains(text.lowercased()) }.map { PersonSuggestion(name: nil, address: $0) }
    }
    static let attendees = ["ada@demo.example", "grace@demo.example", "linus@demo.example",
                            "margaret@demo.example", "alan@demo.example", "nobody@demo.example"]

    func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool) async -> Result<FreeBusyOutcome, CalDAVError> {
        try? await Task.sleep(nanoseconds: 250_000_000)
        let organizer = (try? CalendarUserAddress("you@demo.example")) ?? CalendarUserAddress(uncheckedURI: "mailto:you@demo.example")
        let results = attendees.map { a -> RecipientResult in
            let local = a.displayString.lowercased()
            if local.hasPrefix("alan@") {
                return RecipientResult(recipient: a, status: RequestStatus(code: "3.8", text: "No authority"), busy: nil)
            }
            if local.hasPrefix("nobody@") {
                return RecipientResult(recipient: a, status: RequestStatus(code: "3.7", text: "Invalid calendar user"), busy: nil)
            }
            return RecipientResult(recipient: a, status: RequestStatus(code: "2.0", text: "Success"),
                                   busy: Self.week(for: local, window: window).normalized(within: window))
        }
        let now = UTCInstant.now
        return .success(FreeBusyOutcome(organizer: organizer, window: window,
                                        rows: results.map { FreeBusyAnswer(result: $0, source: .server, fetched: now, stale: false, error: nil) },
                                        note: nil, networkError: nil))
    }

    /// One to three meetings on each weekday between 08:00 and 18:00 UTC, from a
    /// hash of the address and the day, so every run shows the same week.
    static func week(for address: String, window: TimeWindow) -> [BusyPeriod] {
        var periods: [BusyPeriod] = []
        var day = UTCInstant(secondsSinceEpoch: window.start.secondsSinceEpoch / 86_400 * 86_400)
        while day < window.end {
            let dayNumber = day.secondsSinceEpoch / 86_400
            let weekday = Int((dayNumber + 3) % 7) // 0 = Monday
            if weekday < 5 {
                var seed = UInt64(truncatingIfNeeded: dayNumber) &* 0x9E37_79B9_7F4A_7C15
                for b in address.utf8 { seed = (seed ^ UInt64(b)) &* 0x100_0000_01B3 }
                let count = Int(seed % 3) + 1
                for n in 0..<count {
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let startHalfHour = 16 + Int((seed >> 33) % 18) // 08:00..16:30
                    let length = 1 + Int((seed >> 20) % 4)          // 30..120 min
                    let type: BusyType = n == 2 ? .busyTentative : ((seed >> 7) % 7 == 0 ? .busyUnavailable : .busy)
                    let start = day.adding(seconds: Int64(startHalfHour) * 1800)
                    periods.append(BusyPeriod(start: start, end: start.adding(seconds: Int64(length) * 1800), type: type))
                }
            }
            day = day.adding(seconds: 86_400)
        }
        return periods
    }
}
