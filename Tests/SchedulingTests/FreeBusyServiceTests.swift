import Testing
import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
@testable import Scheduling

/// The cache policy's decisions, against a recorded server: which answers
/// come from the cache, which from the server, and what is said when the
/// server fails. No network.
@Suite struct FreeBusyServiceTests {
    let f: ServiceFixture
    init() throws { f = try ServiceFixture() }

    func meeting(_ day: Int, _ hour: Int) -> BusyPeriod { BusyPeriod(start: f.at(day, hour), end: f.at(day, hour + 1)) }

    @Test func aFreshCachedAnswerAsksNobody() async throws {
        defer { f.remove() }
        try f.cacheAnswer(f.bob, age: 10, busy: [meeting(7, 9)])
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())]))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let outcome = try await service.query([f.bob], window: f.window, now: f.now)
        let row = try #require(outcome.rows.first)
        #expect(row.source == .cache && !row.stale && row.error == nil)
        #expect(row.result.busy == [meeting(7, 9)])
        #expect(server.calls.isEmpty, "a fresh answer must not cost a request")
    }

    @Test func aStaleAnswerIsAskedAgainAndTheNewOneCached() async throws {
        defer { f.remove() }
        try f.cacheAnswer(f.bob, age: 600, busy: [meeting(7, 9)])
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy([meeting(8, 14)], organizer: f.alice)))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let outcome = try await service.query([f.bob], window: f.window, now: f.now)
        let row = try #require(outcome.rows.first)
        #expect(row.source == .server && !row.stale && row.fetched == f.now)
        #expect(row.result.busy == [meeting(8, 14)])
        #expect(server.freeBusyCalls == [.freeBusy(outbox: "http://cal.example/alice/outbox/", attendees: [f.bob.uri], window: f.window)])
        #expect(f.cache.lookup(f.bob, window: f.window)?.fetched == f.now, "the new answer is written back")
        #expect(f.cache.loadDiscovery()?.outbox == "http://cal.example/alice/outbox/", "discovery is cached too")
    }

    @Test func aStaleAnswerStandsInWhenTheServerIsDownAndTheCommandStillSucceeds() async throws {
        defer { f.remove() }
        try f.cacheAnswer(f.bob, age: 600, busy: [meeting(7, 9)])
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())], freeBusy: { _, _ in .failure(ServiceFixture.down) }))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let outcome = try await service.query([f.bob, f.carol], window: f.window, now: f.now)
        #expect(outcome.networkError == ServiceFixture.down)
        let bob = try #require(outcome.rows.first)
        #expect(bob.source == .cache && bob.stale && bob.error == ServiceFixture.down.description)
        #expect(bob.result.busy == [meeting(7, 9)])
        // Carol was never cached: her time is unknown, never free.
        let carol = try #require(outcome.rows.last)
        #expect(carol.result.busy == nil && carol.result.status.outcome == .noAnswer && carol.fetched == nil)
        let conclusion = service.finish(outcome, attendees: [f.bob, f.carol], now: f.now)
        let failure = try #require(conclusion.failure)
        #expect(failure.exitCode == 0, "a server down for now lets the cache stand in")
        #expect(failure.message.hasPrefix("warning: showing cached answers (from 10 min ago): cannot connect"))
    }

    @Test func withNothingCachedAServerFailureIsTheAnswer() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())], freeBusy: { _, _ in .failure(ServiceFixture.down) }))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        await #expect(throws: ServiceFixture.down) { try await service.query([f.bob], window: f.window, now: f.now) }
    }

    @Test func aPartialCoverAsksOnlyForTheRestOfTheWindow() async throws {
        defer { f.remove() }
        let monday = try #require(TimeWindow(start: f.at(7), end: f.at(8)))
        try f.cacheAnswer(f.bob, window: monday, age: 10, busy: [meeting(7, 9)])
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy([meeting(8, 14)], organizer: f.alice)))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let outcome = try await service.query([f.bob], window: f.window, now: f.now)
        let tuesday = try #require(TimeWindow(start: f.at(8), end: f.at(9)))
        #expect(server.freeBusyCalls == [.freeBusy(outbox: "http://cal.example/alice/outbox/", attendees: [f.bob.uri], window: tuesday)])
        let row = try #require(outcome.rows.first)
        #expect(row.source == .server && row.gaps.isEmpty)
        #expect(row.result.busy == [meeting(7, 9), meeting(8, 14)], "Monday from the cache, Tuesday from the server")
    }

    @Test func offlineNeverAsksAndSaysWhatTheCacheDoesNotHold() async throws {
        defer { f.remove() }
        let monday = try #require(TimeWindow(start: f.at(7), end: f.at(8)))
        try f.cacheAnswer(f.bob, window: monday, age: 86_400, busy: [meeting(7, 9)])
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy([], organizer: f.alice)))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(offline: true))
        #expect(service.server == nil)
        let outcome = try await service.query([f.bob, f.carol], window: f.window, now: f.now)
        #expect(server.calls.isEmpty)
        let bob = try #require(outcome.rows.first)
        let tuesday = try #require(TimeWindow(start: f.at(8), end: f.at(9)))
        #expect(bob.source == .cache && bob.stale && bob.gaps == [tuesday])
        let carol = try #require(outcome.rows.last)
        #expect(carol.result.busy == nil && carol.result.problem == "not in the cache (--offline)")
        #expect(outcome.networkError == nil)
    }

    @Test func refreshAsksWhateverTheCacheHolds() async throws {
        defer { f.remove() }
        try f.cacheAnswer(f.bob, age: 1, busy: [meeting(7, 9)])
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy([meeting(8, 14)], organizer: f.alice)))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(refresh: true))
        let outcome = try await service.query([f.bob], window: f.window, now: f.now)
        #expect(server.freeBusyCalls.count == 1)
        #expect(outcome.rows.first?.source == .server && outcome.rows.first?.result.busy == [meeting(8, 14)])
        #expect(service.cached([f.bob], window: f.window, now: f.now).isEmpty, "--refresh paints nothing from the cache first")
    }

    @Test func aRefreshThatFailsEndsWithTheFailuresOwnCode() async throws {
        defer { f.remove() }
        try f.cacheAnswer(f.bob, age: 1, busy: [meeting(7, 9)])
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())], freeBusy: { _, _ in .failure(ServiceFixture.down) }))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(refresh: true))
        let outcome = try await service.query([f.bob], window: f.window, now: f.now)
        #expect(outcome.rows.first?.stale == true && outcome.rows.first?.result.busy == [meeting(7, 9)])
        #expect(service.finish(outcome, attendees: [f.bob], now: f.now).failure?.exitCode == 5)
    }

    @Test func publishedFreeBusyStandsInForSomeoneTheOutboxCannotAnswer() async throws {
        defer { f.remove() }
        let published = RecipientResult(recipient: f.bob, status: RequestStatus(code: "2.0"), busy: [meeting(7, 15)])
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy([meeting(8, 14)], organizer: f.alice,
                                                                                status: [f.bob.matchKey: "3.7"]),
                                          published: [f.bob.matchKey: published]))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(),
                                      published: PublishedFreeBusy(template: "http://fb.example/{user}.ifb"))
        let outcome = try await service.query([f.bob, f.carol], window: f.window, now: f.now)
        #expect(outcome.rows.first?.source == .published && outcome.rows.first?.result.busy == [meeting(7, 15)])
        #expect(outcome.rows.last?.source == .server, "carol's outbox answer is not replaced")
        #expect(server.calls.filter { if case .published = $0 { return true } else { return false } } == [.published("http://fb.example/bob.ifb")])
    }

    @Test func aServerWithoutSchedulingFallsBackToPublishedFreeBusy() async throws {
        defer { f.remove() }
        let published = RecipientResult(recipient: f.bob, status: RequestStatus(code: "2.0"), busy: [meeting(7, 15)])
        let noScheduling = CalDAVError.noScheduling(server: "cal.example", principal: "http://cal.example/alice/")
        let server = RecordedServer(.init(discoveries: [.failure(noScheduling)], published: [f.bob.matchKey: published]))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(),
                                      published: PublishedFreeBusy(template: "http://fb.example/{user}.ifb"))
        let outcome = try await service.query([f.bob, f.carol], window: f.window, now: f.now)
        #expect(outcome.rows.map(\.source) == [.published, .published])
        #expect(outcome.rows.first?.result.busy == [meeting(7, 15)])
        #expect(outcome.rows.last?.result.busy == nil)
        #expect(outcome.note?.hasSuffix("; using published free/busy") == true)
        #expect(outcome.networkError == nil)
        #expect(server.freeBusyCalls.isEmpty)
    }

    /// RFC 6638 gives no way to learn that an outbox moved but asking again:
    /// a cached outbox that answers as gone is discovered afresh, once.
    @Test(arguments: [301, 302, 403, 404, 405, 410])
    func aMovedOutboxIsDiscoveredAgainOnce(status: Int) async throws {
        defer { f.remove() }
        try f.cacheDiscovery(outbox: "http://cal.example/old/outbox/")
        let server = RecordedServer(.init(discoveries: [.success(f.discovery(outbox: "http://cal.example/new/outbox/"))], freeBusy: { r, outbox in
            outbox.description.contains("/old/") ? .failure(.refused(status: status, url: outbox.description, message: "moved"))
                : ServiceFixture.everyoneBusy([], organizer: CalendarUserAddress(uncheckedURI: "mailto:alice@example.com"))(r, outbox)
        }))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let outcome = try await service.query([f.bob], window: f.window, now: f.now)
        #expect(outcome.rows.first?.source == .server && outcome.rows.first?.result.busy == [])
        #expect(server.count(.discover) == 1)
        #expect(server.freeBusyCalls.map { if case let .freeBusy(o, _, _) = $0 { return o } else { return "" } }
            == ["http://cal.example/old/outbox/", "http://cal.example/new/outbox/"])
        #expect(f.cache.loadDiscovery()?.outbox == "http://cal.example/new/outbox/")
    }

    @Test func aServerErrorFromACachedOutboxIsNotADiscoveryProblem() async throws {
        defer { f.remove() }
        try f.cacheDiscovery(outbox: "http://cal.example/old/outbox/")
        let refusal = CalDAVError.refused(status: 500, url: "http://cal.example/old/outbox/", message: "oops")
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())], freeBusy: { _, _ in .failure(refusal) }))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        await #expect(throws: refusal) { try await service.query([f.bob], window: f.window, now: f.now) }
        #expect(server.count(.discover) == 0 && server.freeBusyCalls.count == 1)
    }

    @Test func aFreshlyDiscoveredOutboxThatIsGoneIsNotDiscoveredAgain() async throws {
        defer { f.remove() }
        let gone = CalDAVError.refused(status: 404, url: "http://cal.example/alice/outbox/", message: "gone")
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())], freeBusy: { _, _ in .failure(gone) }))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        await #expect(throws: gone) { try await service.query([f.bob], window: f.window, now: f.now) }
        #expect(server.count(.discover) == 1 && server.freeBusyCalls.count == 1)
    }

    /// The planner paints the cache before the answers come: stale rows marked
    /// stale, partial ones with their gaps, nobody asked.
    @Test func whatTheCacheHoldsIsThereAtOnceWithoutTheNetwork() async throws {
        defer { f.remove() }
        try f.cacheAnswer(f.bob, age: 600, busy: [meeting(7, 9)])
        let monday = try #require(TimeWindow(start: f.at(7), end: f.at(8)))
        try f.cacheAnswer(f.carol, window: monday, age: 10, busy: [meeting(7, 11)])
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())]))
        let rows = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
            .cached([f.bob, f.carol, f.alice], window: f.window, now: f.now)
        #expect(rows.map(\.recipient) == [f.bob, f.carol], "alice has nothing cached: no row")
        #expect(rows.first?.stale == true && rows.first?.fetched == f.now.adding(seconds: -600))
        let tuesday = try #require(TimeWindow(start: f.at(8), end: f.at(9)))
        #expect(rows.last?.stale == false && rows.last?.gaps == [tuesday] && rows.last?.result.busy == [meeting(7, 11)])
        #expect(server.calls.isEmpty)
    }

    @Test func rowsKeepTheAddressAsTheUserWroteIt() async throws {
        defer { f.remove() }
        let shouting = CalendarUserAddress(uncheckedURI: "mailto:BOB@example.com")
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: { r, _ in .success(FreeBusyResult(organizer: CalendarUserAddress(uncheckedURI: "mailto:alice@example.com"), window: r.window,
                                                                                     recipients: [RecipientResult(recipient: CalendarUserAddress(uncheckedURI: "mailto:bob@example.com"),
                                                                                                                  status: RequestStatus(code: "2.0"), busy: [])])) }))
        let outcome = try await FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
            .query([shouting], window: f.window, now: f.now)
        #expect(outcome.rows.first?.recipient.uri == "mailto:BOB@example.com")
        #expect(outcome.organizer == f.alice)
    }
}

/// Finding people: groups, recent attendees, then the directory; its failure
/// is kept for the front end, never hides what was found.
@Suite struct PeopleSearchTests {
    @Test func groupsAndRecentAttendeesAnswerWhenTheDirectoryFails() async throws {
        let f = try ServiceFixture()
        defer { f.remove() }
        try f.cache.rememberAttendees([f.bob, f.carol])
        let server = RecordedServer(.init(discoveries: [.failure(ServiceFixture.down)]))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let found = await PeopleSearch(freeBusy: service, groups: ["bobs": ["bob@example.com", "bobby@example.com"]]).find("BOB", now: f.now)
        #expect(found.people.map(\.kind) == [.group, .recent])
        #expect(found.people.last?.address == "bob@example.com")
        #expect(found.directoryError == ServiceFixture.down)
        #expect(found.failure?.exitCode == 0, "a directory down for now is a warning")
    }
}
