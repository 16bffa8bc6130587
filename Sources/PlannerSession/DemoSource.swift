import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Planner
import Scheduling

/// The bundled demo, for `make run` with no account: made-up colleagues whose
/// week is generated from their address, answered after a short delay so the
/// rows fill in as they would from a server. Clearly marked DEMO on screen.
public struct DemoSource: FreeBusySource {
    public let label = "demo"

    public init() {}

    public func cached(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) -> [FreeBusyAnswer] { [] }
    public func recentAttendees() -> [String] { [] }
    public func remember(_ attendees: [CalendarUserAddress]) {}
    public func maintain() {}
    public func book(_ draft: BookingDraft, zone: DisplayZone) async -> PlannerMessage {
        .bookingFailed("demo: there is no server to book on")
    }

    public func searchPeople(_ text: String) async -> [PersonSuggestion] {
        Self.attendees.filter { $0.contains(text.lowercased()) }.map { PersonSuggestion(name: nil, address: $0) }
    }
    public static let attendees = ["ada@demo.example", "grace@demo.example", "linus@demo.example",
                            "margaret@demo.example", "alan@demo.example", "nobody@demo.example"]

    public func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool) async -> Result<FreeBusyOutcome, CalDAVError> {
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
