import Foundation
import Testing
import FreeBusy
import ICalendar
import LocalTime
import Planner
@testable import PlannerSession
import CalDAVClient
import Scheduling

/// The planner's first state and the demo source, without a terminal.
@Suite struct PlannerSessionTests {
    let start = UTCInstant(year: 2026, month: 12, day: 7)!
    let bob = CalendarUserAddress(uncheckedURI: "mailto:bob@example.com")

    func session(environment: [String: String] = [:], isDemo: Bool = false) -> PlannerSession {
        PlannerSession(source: DemoSource(), attendees: [bob], windowStart: start, days: 5, zone: DisplayZone.named("UTC")!,
                       ascii: false, isDemo: isDemo, themeName: "default", environment: environment, home: "/nonexistent")
    }

    @Test func theFirstStateHasEveryoneAndTheWindowAsked() {
        let state = session().initialState(themeProblems: [], localeIsUTF8: true)
        #expect(state.attendees.map(\.address) == [bob])
        #expect(state.window == WindowKey(start: start, days: 5))
        #expect(state.glyphs == .unicode && state.statusMessage == nil)
        #expect(state.recentAttendees.first == bob.displayString)
        #expect(session().initialState(themeProblems: [], localeIsUTF8: false).glyphs == .ascii, "no UTF-8, no block glyphs")
    }

    @Test func theFirstProblemWithThemeOrKeysIsShownWithTheCountOfTheRest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-session-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/avail", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "bind no-such-action x\n".write(toFile: dir + "/avail/keys", atomically: false, encoding: .utf8)
        let problem = Theme.Problem(file: "night", line: 0, message: "no theme named night; using default")
        let state = session(environment: ["XDG_CONFIG_HOME": dir]).initialState(themeProblems: [problem], localeIsUTF8: true)
        #expect(state.statusMessage?.hasPrefix("theme: ") == true)
        #expect(state.statusMessage?.hasSuffix(" (and 1 more)") == true)
    }

    @Test func theDemoIsMarkedAndAnswersTheSameWeekEveryTime() async throws {
        #expect(session(isDemo: true).initialState(themeProblems: [], localeIsUTF8: true).statusMessage?.hasPrefix("demo: ") == true)
        let window = try #require(TimeWindow(start: start, end: start.adding(seconds: 5 * 86_400)))
        let people = ["ada@demo.example", "alan@demo.example"].map { CalendarUserAddress(uncheckedURI: "mailto:" + $0) }
        let first = try await DemoSource().query(people, window: window, fresh: false).get()
        let second = try await DemoSource().query(people, window: window, fresh: true).get()
        #expect(first.rows.map(\.result) == second.rows.map(\.result))
        #expect(first.rows.first?.result.busy?.isEmpty == false)
        #expect(first.rows.last?.result.busy == nil && first.rows.last?.result.status.code == "3.8")
    }
}

/// A source that knows the user's address before asking anything (as a cached
/// discovery does), the demo's answers otherwise.
private struct KnowingSource: FreeBusySource {
    let own: CalendarUserAddress
    let demo = DemoSource()
    var label: String { "knowing" }
    func cached(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) -> [FreeBusyAnswer] { [] }
    func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool) async -> Result<FreeBusyOutcome, CalDAVError> {
        await demo.query(attendees, window: window, fresh: fresh)
    }
    func query(_ attendees: [CalendarUserAddress], window: TimeWindow, fresh: Bool,
               onPartial: @escaping @Sendable ([FreeBusyAnswer]) -> Void) async -> Result<FreeBusyOutcome, CalDAVError> {
        await demo.query(attendees, window: window, fresh: fresh)
    }
    func recentAttendees() -> [String] { [] }
    func remember(_ attendees: [CalendarUserAddress]) {}
    func maintain() {}
    func searchPeople(_ text: String) async -> [PersonSuggestion] { [] }
    func book(_ draft: BookingDraft, zone: DisplayZone) async -> PlannerMessage { await demo.book(draft, zone: zone) }
    func knownOwnAddress() -> CalendarUserAddress? { own }
}

@Suite struct PlannerSessionOwnRowTests {
    let start = UTCInstant(year: 2026, month: 12, day: 7)!
    let alice = CalendarUserAddress(uncheckedURI: "mailto:alice@example.com")
    let bob = CalendarUserAddress(uncheckedURI: "mailto:bob@example.com")

    func state(own: CalendarUserAddress, attendees: [CalendarUserAddress]) -> PlannerState {
        PlannerSession(source: KnowingSource(own: own), attendees: attendees, windowStart: start, days: 5, zone: DisplayZone.named("UTC")!,
                       ascii: false, isDemo: false, themeName: "default", environment: [:], home: "/nonexistent")
            .initialState(themeProblems: [], localeIsUTF8: true)
    }

    @Test func aKnownOwnAddressIsTheFirstRowAndAskedWithEveryone() {
        let s = state(own: alice, attendees: [bob])
        #expect(s.attendees.map(\.address) == [alice, bob])
        #expect(s.ownAddress == alice && s.isOwnRow(0) && !s.isOwnRow(1))
        #expect(s.queriedAddresses.contains(alice) && s.queriedAddresses.contains(bob))
        #expect(s.invitedRows.map(\.address) == [bob], "a booking still invites bob only")
        #expect(s.cursorRow == 1, "the cursor stays on bob")
    }

    @Test func theUserNamedAmongTheAttendeesMovesToTheTopOnce() {
        let s = state(own: alice, attendees: [bob, alice])
        #expect(s.attendees.map(\.address) == [alice, bob])
    }

    @Test func theDemoKnowsNobodyInAdvance() {
        let s = PlannerSession(source: DemoSource(), attendees: [bob], windowStart: start, days: 5, zone: DisplayZone.named("UTC")!,
                               ascii: false, isDemo: true, themeName: "default", environment: [:], home: "/nonexistent")
            .initialState(themeProblems: [], localeIsUTF8: true)
        #expect(s.attendees.map(\.address) == [bob] && s.ownAddress == nil)
    }
}
