import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import Scheduling
import Testing

/// `avail setup`'s decisions: what is asked of the server, and what a server
/// without scheduling, a refusing outbox or a failing one leads to.
@Suite struct AccountSetupServiceTests {
    let f: ServiceFixture
    init() throws { f = try ServiceFixture() }

    @Test func aSchedulingServerIsAskedOnceForTheUserThemself() async throws {
        defer { f.remove() }
        let busy = [BusyPeriod(span: TimeSpan(start: f.now.adding(seconds: 3600), end: f.now.adding(seconds: 7200))!, type: .busy)]
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy(busy, organizer: f.alice)))
        let check = try await AccountSetupService(server: server).check(now: f.now.adding(seconds: 125), uid: "u")
        #expect(check.selfFreeBusy == .answered(busyPeriods: 1))
        #expect(check.schedules)
        #expect(check.outbox?.description == "http://cal.example/alice/outbox/")
        #expect(check.organizer == f.alice)
        #expect(check.principal == "http://cal.example/alice/")
        // The window starts on the hour and covers the next day.
        let window = TimeWindow(start: f.now, end: f.now.adding(seconds: 86_400))!
        #expect(server.calls == [.discover, .freeBusy(outbox: "http://cal.example/alice/outbox/", attendees: ["mailto:alice@example.com"], window: window)])
    }

    @Test func aServerWithoutSchedulingIsAnAnswerNotAFailure() async throws {
        defer { f.remove() }
        // RecordedServer's identity() reads the second discovery: the principal without its outbox.
        let server = RecordedServer(.init(discoveries: [.failure(.noScheduling(server: "http://cal.example/", principal: "http://cal.example/alice/")),
                                                        .success(f.discovery())]))
        let check = try await AccountSetupService(server: server).check(now: f.now)
        #expect(check.selfFreeBusy == .notAsked)
        #expect(check.outbox == nil)
        #expect(!check.schedules)
        #expect(server.freeBusyCalls.isEmpty)
        #expect(server.calls == [.discover, .identity, .discover])
        #expect(check.organizer == f.alice)
    }

    @Test func aServerWithoutSchedulingNeedsNoAddress() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.failure(.noScheduling(server: "http://cal.example/", principal: "http://cal.example/alice/")),
                                                        .failure(.noOrganizerAddress(principal: "http://cal.example/alice/"))]))
        let check = try await AccountSetupService(server: server).check(now: f.now)
        #expect(check.selfFreeBusy == .notAsked)
        #expect(check.organizer == nil)
        #expect(check.principal == "http://cal.example/alice/")
    }

    @Test func anUnknownUserAnswerIsSaidWithItsStatus() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy([], organizer: f.alice, status: [f.alice.matchKey: "3.7"])))
        let check = try await AccountSetupService(server: server).check(now: f.now)
        guard case let .unanswered(status, _) = check.selfFreeBusy else { Issue.record("\(check.selfFreeBusy)"); return }
        #expect(status == "3.7")
        #expect(!check.schedules)
    }

    @Test func aFailingPostIsReportedWithItsExitCode() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())], freeBusy: { _, _ in .failure(ServiceFixture.down) }))
        let check = try await AccountSetupService(server: server).check(now: f.now)
        #expect(check.selfFreeBusy == .failed(message: ServiceFixture.down.description, exitCode: 5))
    }

    @Test func failedAuthenticationIsThrown() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.failure(.authenticationFailed(user: "alice", url: "http://cal.example/"))]))
        await #expect(throws: CalDAVError.authenticationFailed(user: "alice", url: "http://cal.example/")) {
            _ = try await AccountSetupService(server: server).check(now: f.now)
        }
        #expect(server.freeBusyCalls.isEmpty)
    }
}
