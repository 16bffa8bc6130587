import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import Synchronization

/// Where the planner gets free/busy time: the account's server, or the demo.
protocol FreeBusySource: Sendable {
    var label: String { get }
    func query(_ attendees: [CalendarUserAddress], window: TimeWindow) async -> Result<FreeBusyResult, CalDAVError>
}

/// The real thing: discovery once per run, then one POST per window.
final class ServerSource: FreeBusySource {
    let session: CalDAVSession
    let label: String
    private let discovery = Mutex<DiscoveryResult?>(nil)

    init(session: CalDAVSession, account: Account) {
        self.session = session
        label = (account.credentials?.user).map { "\($0)@\(account.serverURL.host)" } ?? account.serverURL.host
    }

    func query(_ attendees: [CalendarUserAddress], window: TimeWindow) async -> Result<FreeBusyResult, CalDAVError> {
        do {
            let d: DiscoveryResult
            if let known = discovery.withLock({ $0 }) {
                d = known
            } else {
                d = try await session.discover()
                discovery.withLock { $0 = d }
            }
            let request = FreeBusyRequest(organizer: d.organizer, organizerName: d.displayName, attendees: attendees,
                                          window: window, uid: RandomUID.make(), timestamp: .now,
                                          productID: "-//avail//avail \(AvailVersion.string)//EN")
            return .success(try await session.queryFreeBusy(request, outbox: d.outboxURL))
        } catch {
            return .failure(error)
        }
    }
}

/// The bundled demo, for `make run` with no account: made-up colleagues whose
/// week is generated from their address, answered after a short delay so the
/// rows fill in as they would from a server. Clearly marked DEMO on screen.
struct DemoSource: FreeBusySource {
    let label = "demo"
    static let attendees = ["ada@demo.example", "grace@demo.example", "linus@demo.example",
                            "margaret@demo.example", "alan@demo.example", "nobody@demo.example"]

    func query(_ attendees: [CalendarUserAddress], window: TimeWindow) async -> Result<FreeBusyResult, CalDAVError> {
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
        return .success(FreeBusyResult(organizer: organizer, window: window, recipients: results))
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
