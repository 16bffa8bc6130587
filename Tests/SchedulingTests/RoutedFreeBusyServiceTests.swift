import Foundation
import Testing
import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
@testable import Scheduling

/// Several accounts in one query, against two recorded servers with caches
/// of their own: who is asked where, what comes back, and what is learned.
@Suite struct RoutedFreeBusyServiceTests {
    let f: ServiceFixture
    let dave = CalendarUserAddress(uncheckedURI: "mailto:dave@home.example")

    init() throws { f = try ServiceFixture() }
    /// The second account's cache, beside the first's under the same root.
    var homeCache: FreeBusyCache { f.homeCache }

    func meeting(_ day: Int, _ hour: Int) -> BusyPeriod { BusyPeriod(start: f.at(day, hour), end: f.at(day, hour + 1)) }

    func discovery(_ host: String) -> DiscoveryResult {
        DiscoveryResult(principalURL: f.url("http://\(host)/alice/"), displayName: "Alice", calendarUserAddresses: ["mailto:alice@example.com"],
                        outboxURL: f.url("http://\(host)/alice/outbox/"), organizer: f.alice, davCapabilities: [])
    }

    /// Work knows everyone but dave (3.7); home knows only dave and alice. Both caches hold their discovery.
    func servers(workBusy: [BusyPeriod] = [], homeBusy: [BusyPeriod] = []) throws -> (RecordedServer, RecordedServer, RoutedFreeBusyService) {
        try f.cacheBothDiscoveries()
        let dave = self.dave
        let work = RecordedServer(.init(discoveries: [.success(discovery("cal.example"))],
                                        freeBusy: ServiceFixture.everyoneBusy(workBusy, organizer: f.alice, status: [dave.matchKey: "3.7"])))
        let home = RecordedServer(.init(discoveries: [.success(discovery("home.example"))],
                                        freeBusy: ServiceFixture.everyoneBusy(homeBusy, organizer: f.alice,
                                                                              status: [f.bob.matchKey: "5.1", f.carol.matchKey: "5.1"])))
        let routed = RoutedFreeBusyService(accounts: [
            .init(name: "work", domains: [], service: FreeBusyService(server: work, cache: f.cache, policy: CachePolicy())),
            .init(name: "home", domains: [], service: FreeBusyService(server: home, cache: homeCache, policy: CachePolicy())),
        ])
        return (work, home, routed)
    }

    func asked(_ server: RecordedServer) -> [[String]] {
        server.freeBusyCalls.compactMap { if case let .freeBusy(_, attendees, _) = $0 { return attendees } else { return nil } }
    }

    @Test func anAttendeeTheFirstAccountDoesNotKnowIsAskedOnTheNext() async throws {
        defer { f.remove() }
        let (work, home, routed) = try servers(homeBusy: [meeting(7, 15)])
        let outcome = try await routed.query([f.bob, dave], window: f.window, now: f.now)
        #expect(asked(work) == [[f.bob.uri, dave.uri]])
        #expect(asked(home) == [[dave.uri]], "only dave goes on, after work's 3.7")
        #expect(outcome.rows.map(\.result.status.code) == ["2.0", "2.0"])
        #expect(outcome.rows.map(\.account) == ["work", "home"])
        #expect(outcome.rows.map(\.result.recipient) == [f.bob, dave], "rows stay in the order asked")
        #expect(outcome.rows[1].result.busy == [meeting(7, 15)])
        // Each account remembers (for completion) the people it answered for.
        let conclusion = routed.finish(outcome, now: f.now)
        #expect(conclusion.failure == nil && conclusion.warnings.isEmpty)
        #expect(f.cache.recentAttendees().map { $0.lowercased() } == ["bob@example.com"])
        #expect(homeCache.recentAttendees().map { $0.lowercased() } == ["dave@home.example"])
        // Each account's cache holds what it said; the next query (all stale) asks home first about dave.
        #expect(homeCache.entries(for: dave).map(\.status.code) == ["2.0"])
        #expect(f.cache.entries(for: dave).map(\.status.code) == ["3.7"])
        let later = RoutedFreeBusyService(accounts: routed.accounts.map { a in var a = a; a.service = a.service.refreshing(); return a })
        _ = try await later.query([dave], window: f.window, now: f.now)
        #expect(asked(home) == [[dave.uri], [dave.uri]] && asked(work) == [[f.bob.uri, dave.uri]],
                "learned: home answered for dave, so work is not asked again")
    }

    @Test func aDomainRuleAsksOnlyThatAccount() async throws {
        defer { f.remove() }
        var (work, home, routed) = try servers()
        routed = RoutedFreeBusyService(accounts: [routed.accounts[0], { var h = routed.accounts[1]; h.domains = ["home.example"]; return h }()])
        let outcome = try await routed.query([dave, f.bob], window: f.window, now: f.now)
        #expect(asked(home) == [[dave.uri]])
        #expect(asked(work) == [[f.bob.uri]], "dave's address never reaches work")
        #expect(outcome.rows.map(\.account) == ["home", "work"])
        _ = (work, home)
    }

    @Test func theUsersOwnRowMergesEveryAccount() async throws {
        defer { f.remove() }
        let (work, home, routed) = try servers(workBusy: [meeting(7, 9)], homeBusy: [meeting(7, 10), meeting(8, 14)])
        let outcome = try await routed.query([f.alice], window: f.window, now: f.now)
        #expect(asked(work) == [[f.alice.uri]] && asked(home) == [[f.alice.uri]])
        let row = try #require(outcome.rows.first)
        #expect(row.result.busy == [BusyPeriod(start: f.at(7, 9), end: f.at(7, 11)), meeting(8, 14)])
        #expect(row.account == "work+home" && row.gaps.isEmpty)
    }

    /// Your own row typed under two of your addresses: each account is asked once about its own.
    @Test func oneAccountIsAskedOnceAboutAnAddressTwoRowsNeed() async throws {
        defer { f.remove() }
        let (work, home, routed) = try servers(workBusy: [meeting(7, 9)])
        let other = CalendarUserAddress(uncheckedURI: "mailto:ALICE@example.com")
        let outcome = try await routed.query([f.alice, other], window: f.window, now: f.now)
        #expect(asked(work) == [[f.alice.uri]] && asked(home) == [[f.alice.uri]])
        #expect(outcome.rows.map(\.result.recipient) == [f.alice, other], "both rows, as typed")
        #expect(outcome.rows.allSatisfy { $0.result.busy == [meeting(7, 9)] && $0.account == "work+home" })
    }

    @Test func anAccountThatCannotBeReachedSendsItsAttendeesOnAndIsSaid() async throws {
        defer { f.remove() }
        try f.cacheBothDiscoveries()
        let work = RecordedServer(.init(freeBusy: { _, _ in .failure(ServiceFixture.down) }))
        let home = RecordedServer(.init(freeBusy: ServiceFixture.everyoneBusy([meeting(7, 15)], organizer: f.alice)))
        let routed = RoutedFreeBusyService(accounts: [
            .init(name: "work", domains: [], service: FreeBusyService(server: work, cache: f.cache, policy: CachePolicy())),
            .init(name: "home", domains: [], service: FreeBusyService(server: home, cache: homeCache, policy: CachePolicy())),
        ])
        let outcome = try await routed.query([f.bob], window: f.window, now: f.now)
        #expect(outcome.rows.first?.account == "home" && outcome.rows.first?.result.busy == [meeting(7, 15)])
        #expect(outcome.networkError == nil, "home answered for everyone: no failure to exit with")
        #expect(outcome.note == "work: \(ServiceFixture.down.description)", "but it is said")
        // Nobody else to ask: then the failure is the row's, and the outcome's.
        let alone = RoutedFreeBusyService(accounts: [routed.accounts[0]])
        await #expect(throws: ServiceFixture.down) { try await alone.query([f.bob, f.carol], window: f.window, now: f.now) }
    }

    /// An account down while another answers: the answers stand, and the
    /// failure comes back once per account (however many rounds asked it),
    /// naming the account and its server, for the front end's warning.
    @Test func aFailedAccountIsOneWarningNamingItAndItsServer() async throws {
        defer { f.remove() }
        try f.cacheBothDiscoveries()
        let work = RecordedServer(.init(freeBusy: { _, _ in .failure(ServiceFixture.down) }))
        let home = RecordedServer(.init(freeBusy: ServiceFixture.everyoneBusy([meeting(7, 15)], organizer: f.alice)))
        let routed = RoutedFreeBusyService(accounts: [
            .init(name: "work", domains: [], service: FreeBusyService(server: work, cache: f.cache, policy: CachePolicy()),
                  server: "http://cal.example"),
            .init(name: "home", domains: [], service: FreeBusyService(server: home, cache: homeCache, policy: CachePolicy()),
                  server: "http://home.example"),
        ])
        // bob and carol go to work first (failed), then home; alice's own row asks both.
        let outcome = try await routed.query([f.bob, f.carol, f.alice], window: f.window, now: f.now)
        #expect(outcome.rows.map(\.account) == ["home", "home", "home"])
        #expect(outcome.accountFailures == [AccountFailure(account: "work", server: "http://cal.example", error: ServiceFixture.down)])
        let conclusion = routed.finish(outcome, now: f.now)
        #expect(conclusion.warnings == ["account work (http://cal.example): \(ServiceFixture.down.description)"])
        #expect(conclusion.failure == nil, "home answered for everyone")
        #expect(outcome.note == "work: \(ServiceFixture.down.description)", "the note (and the JSON field) stay")

        // dave only on work by its domains: left without an answer, which is the
        // query's failure; what stands in is home's answers, not a cache.
        let ruled = RoutedFreeBusyService(accounts: [{ var w = routed.accounts[0]; w.domains = ["home.example"]; return w }(), routed.accounts[1]])
        let hurt = try await ruled.query([f.bob, dave], window: f.window, now: f.now)
        #expect(hurt.rows.map(\.result.busy) == [[meeting(7, 15)], nil])
        #expect(hurt.networkError == ServiceFixture.down && hurt.accountFailures.map(\.account) == ["work"])
        let ended = ruled.finish(hurt, now: f.now)
        #expect(ended.failure?.shownInstead == "showing what the other accounts answered", "\(String(describing: ended.failure))")
        #expect(ended.warnings.count == 1)

        // The failure is handed to the first account's finish, but the age it
        // gives is of every account's cached answers: here only home's is stale.
        let cachedAtHome = FreeBusyAnswer(result: RecipientResult(recipient: f.bob, status: RequestStatus(code: "2.0"), busy: [meeting(7, 15)]),
                                          source: .cache, fetched: f.now.adding(seconds: -7200), stale: true, account: "home")
        let staleAtHome = FreeBusyOutcome(organizer: f.alice, window: f.window, rows: [cachedAtHome], networkError: ServiceFixture.down)
        #expect(ruled.finish(staleAtHome, now: f.now).failure?.shownInstead == "showing cached answers (from 2 h ago)")

        // Both up: no failure, no warning.
        let (_, _, fine) = try servers()
        let ok = try await fine.query([f.bob], window: f.window, now: f.now)
        #expect(ok.accountFailures.isEmpty && fine.finish(ok, now: f.now).warnings.isEmpty)
    }

    /// Which accounts a query may ask, known before any is connected: those
    /// in any attendee's plan, and any whose user is not known yet.
    @Test func theAccountsAQueryMayAskAreKnownWithoutTheNetwork() throws {
        defer { f.remove() }
        var (work, home, routed) = try servers()
        routed = RoutedFreeBusyService(accounts: [routed.accounts[0], { var h = routed.accounts[1]; h.domains = ["home.example"]; return h }()])
        #expect(routed.accountsToAsk(about: [dave]) == [1], "everyone to home by its domains: work is not needed")
        #expect(routed.accountsToAsk(about: [f.bob]) == [0, 1], "no rule: each in turn, so each may be asked")
        #expect(routed.accountsToAsk(about: [f.alice]) == [0, 1], "the user's own row asks every account")
        #expect(routed.accountsToAsk(about: [dave, dave]) == [1])
        // An account whose user is not known (no organizer, no cached discovery) may hold the own row.
        f.cache.forgetDiscovery()
        #expect(routed.accountsToAsk(about: [dave]) == [0, 1])
        let configured = RoutedFreeBusyService(accounts: [{ var w = routed.accounts[0]; w.organizer = f.alice; return w }(), routed.accounts[1]])
        #expect(configured.accountsToAsk(about: [dave]) == [1], "the config's organizer says who the user is there")
        #expect(work.calls.isEmpty && home.calls.isEmpty, "no request")
    }

    /// The planner's first paint: cached answers routed as a query would route them.
    @Test func cachedAnswersAreRoutedAndTheOwnRowMergedWithoutTheNetwork() throws {
        defer { f.remove() }
        var (work, home, routed) = try servers()
        routed = RoutedFreeBusyService(accounts: [routed.accounts[0], { var h = routed.accounts[1]; h.domains = ["home.example"]; return h }()])
        try f.cacheAnswer(f.alice, age: 10, busy: [meeting(7, 9)])
        try f.cacheAnswer(dave, age: 10, busy: [meeting(7, 12)])
        try homeCache.store(CacheEntry(account: homeCache.account, recipient: f.alice, window: f.window, fetched: f.now,
                                       status: RequestStatus(code: "2.0"), busy: [meeting(8, 9)]))
        let rows = routed.cached([f.alice, dave, f.bob], window: f.window, now: f.now)
        #expect(rows.map(\.recipient) == [f.alice], "dave belongs to home, which has nothing cached; bob is cached nowhere")
        #expect(rows.first?.result.busy == [meeting(7, 9), meeting(8, 9)] && rows.first?.account == "work+home")
        // With home's answer for alice gone, her row is what work knows and otherwise unknown.
        _ = homeCache.forget(f.alice, overlapping: f.window)
        let half = routed.cached([f.alice], window: f.window, now: f.now)
        #expect(half.first?.result.busy == [meeting(7, 9)] && half.first?.gaps == [f.window])
        #expect(work.calls.isEmpty && home.calls.isEmpty, "no request, not even a discovery")

    }
}
