import Foundation
import Testing
import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import LocalTime
import WorkingHours

/// Working hours on the real servers (RFC 7953 `calendar-availability` on the
/// schedule Inbox): Cyrus applies them to what others see, DAViCal only stores
/// them. carol's hours are bounded to March 2027 (across the change to summer
/// time in Berlin on the 28th) and removed at the end of every test, so tests
/// running at the same time still see the seeded week unchanged.
extension LocalServerSuites {
@Suite(.serialized) struct WorkingHoursIntegrationTests {
    static func at(_ month: Int, _ day: Int, _ hour: Int) -> UTCInstant { UTCInstant(year: 2027, month: month, day: day, hour: hour)! }
    /// Friday 2027-03-26 to Tuesday 2027-03-30: two working days, one in CET, one in CEST.
    static let checkWindow = TimeWindow(start: at(3, 26, 0), end: at(3, 30, 0))!

    static func carolsHours() throws -> CalendarAvailability {
        CalendarAvailability(hours: try WeeklyHours.parse("mon-fri 09:00-17:00"), zoneIdentifier: "Europe/Berlin",
                             validFrom: at(3, 1, 0), validUntil: at(4, 1, 0))
    }

    static func berlin() throws -> DisplayZone { try #require(DisplayZone.named("Europe/Berlin")) }

    static func now() -> UTCInstant { UTCInstant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

    struct Account {
        var session: CalDAVSession
        var discovery: DiscoveryResult
        var inbox: HTTPURL
    }

    static func login(_ user: String, server: HTTPURL) async throws -> Account {
        let session = CalDAVSession(account: try LocalServers.account(user: user, server: server), http: HTTPClient())
        let d = try await session.discover()
        return Account(session: session, discovery: d, inbox: try await session.scheduleInbox(principal: d.principalURL))
    }

    /// alice's free/busy request for carol over `window`.
    static func carolSeenByAlice(_ alice: Account, window: TimeWindow) async throws -> RecipientResult {
        let request = FreeBusyRequest(organizer: alice.discovery.organizer, attendees: [try CalendarUserAddress("carol@example.com")],
                                      window: window, uid: "avail-hours-\(UInt32.random(in: 0...UInt32.max))", timestamp: now())
        return try #require(try await alice.session.queryFreeBusy(request, outbox: alice.discovery.outboxURL).recipients.first)
    }

    /// Writes carol's hours, runs `body`, and removes them whatever happened.
    static func withCarolsHours(on server: HTTPURL, _ body: (Account) async throws -> Void) async throws {
        let carol = try await login("carol", server: server)
        let text = try carolsHours().iCalendarText(in: try berlin(), uid: "avail-test-hours", timestamp: now())
        try await carol.session.setCalendarAvailability(text, inbox: carol.inbox)
        do {
            try await body(carol)
        } catch {
            try? await carol.session.removeCalendarAvailability(inbox: carol.inbox)
            throw error
        }
        try await carol.session.removeCalendarAvailability(inbox: carol.inbox)
    }

    @Test func cyrusAppliesCarolsHoursToWhatAliceSees() async throws {
        let server = try LocalServers.cyrusURL()
        let alice = try await Self.login("alice", server: server)
        let expected = try Self.carolsHours().unavailablePeriods(in: Self.checkWindow, zone: try Self.berlin())
        // 09:00-17:00 is 08:00-16:00 UTC on Friday (CET) and 07:00-15:00 UTC on Monday (CEST).
        #expect(expected == [
            BusyPeriod(start: Self.at(3, 26, 0), end: Self.at(3, 26, 8), type: .busyUnavailable),
            BusyPeriod(start: Self.at(3, 26, 16), end: Self.at(3, 29, 7), type: .busyUnavailable),
            BusyPeriod(start: Self.at(3, 29, 15), end: Self.at(3, 30, 0), type: .busyUnavailable),
        ])
        #expect(try await Self.carolSeenByAlice(alice, window: Self.checkWindow).busy == [], "carol starts without hours")

        try await Self.withCarolsHours(on: server) { carol in
            // She reads back what she wrote.
            let stored = try #require(try await carol.session.calendarAvailability(inbox: carol.inbox))
            #expect(try CalendarAvailability.read(stored) == Self.carolsHours())
            // alice sees carol's evenings and weekend as outside her hours, zone-converted.
            let seen = try await Self.carolSeenByAlice(alice, window: Self.checkWindow)
            #expect(seen.status.code == "2.0")
            #expect(seen.busy == expected)
            // Outside the hours' own bounds nothing changed: the seeded week is as it was.
            #expect(try await Self.carolSeenByAlice(alice, window: DAViCalTests.week).busy == [
                BusyPeriod(start: DAViCalTests.at(8, 10), end: DAViCalTests.at(8, 12), type: .busy),
                BusyPeriod(start: DAViCalTests.at(9, 13), end: DAViCalTests.at(9, 15), type: .busy),
            ])
            // Her own check says the server applies them.
            let verdict = try await carol.session.verifyAvailability(expected: expected, window: Self.checkWindow,
                                                                     organizer: carol.discovery.organizer,
                                                                     outbox: carol.discovery.outboxURL, timestamp: Self.now())
            #expect(verdict == .applied)
            // Nobody else may read the property itself.
            await #expect {
                _ = try await alice.session.calendarAvailability(inbox: carol.inbox)
            } throws: { error in
                guard let e = error as? CalDAVError, case let .refused(status, _, message) = e else { return false }
                return status == 403 && !message.contains("\n")
            }
        }
        // Removing them restores the old answers.
        #expect(try await Self.carolSeenByAlice(alice, window: Self.checkWindow).busy == [])
        let carol = try await Self.login("carol", server: server)
        #expect(try await carol.session.calendarAvailability(inbox: carol.inbox) == nil)
    }

    @Test func davicalOnlyStoresThem() async throws {
        let server = try LocalServers.davicalURL()
        let expected = try Self.carolsHours().unavailablePeriods(in: Self.checkWindow, zone: try Self.berlin())
        try await Self.withCarolsHours(on: server) { carol in
            let stored = try #require(try await carol.session.calendarAvailability(inbox: carol.inbox))
            #expect(try CalendarAvailability.read(stored) == Self.carolsHours())
            let verdict = try await carol.session.verifyAvailability(expected: expected, window: Self.checkWindow,
                                                                     organizer: carol.discovery.organizer,
                                                                     outbox: carol.discovery.outboxURL, timestamp: Self.now())
            #expect(verdict == .storedOnly)
        }
        let carol = try await Self.login("carol", server: server)
        #expect(try await carol.session.calendarAvailability(inbox: carol.inbox) == nil)
    }

    @Test(arguments: ["davical", "cyrus"])
    func writingSomethingThatIsNotAVAVAILABILITYIsRefusedInOneLine(serverName: String) async throws {
        let server = serverName == "cyrus" ? try LocalServers.cyrusURL() : try LocalServers.davicalURL()
        let bob = try await Self.login("bob", server: server)
        // Someone else's inbox: the server must refuse, whatever its way of saying so.
        let carolsInbox = serverName == "cyrus" ? bob.inbox.withPath("/dav/calendars/user/carol/Inbox/")
                                                : bob.inbox.withPath("/caldav.php/carol/.in/")
        await #expect {
            try await bob.session.removeCalendarAvailability(inbox: carolsInbox)
        } throws: { error in
            guard let e = error as? CalDAVError, case let .refused(status, _, message) = e else { return false }
            return (400...599).contains(status) && !message.contains("\n")
        }
    }
}
}
