import Testing
import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
@testable import Scheduling

/// What a request teaches the server's profile (hand-worked cases), and that
/// the next request uses it.
@Suite struct ServerProfileLearningTests {
    let f: ServiceFixture
    init() throws { f = try ServiceFixture() }
    var blank: ServerProfile { ServerProfile(updated: f.at(1)) }

    func observe(_ codes: [String], batches: Int = 1, seconds: Double = 0.01, capabilities: [String]? = nil) -> FreeBusyObservation {
        FreeBusyObservation(statusCodes: codes, batches: batches, seconds: seconds, capabilities: capabilities)
    }

    @Test func unknownUsersAreLearnedFromThreeSevenOrFromFiveOneBesideSuccesses() {
        defer { f.remove() }
        // DAViCal: 3.7 Invalid calendar user.
        #expect(blank.learning(from: observe(["2.0", "3.7"]), now: f.now).unknownUsers == "3.7")
        // Cyrus: 5.1 for nobody@, beside 2.0 for bob.
        #expect(blank.learning(from: observe(["2.0", "5.1", "2.0"]), now: f.now).unknownUsers == "5.1")
        // 5.1 for everyone: delivery failed, which says nothing about unknown users.
        #expect(blank.learning(from: observe(["5.1", "5.1"]), now: f.now).unknownUsers == nil)
        // 3.8 (no authority) is not an unknown user.
        #expect(blank.learning(from: observe(["2.0", "3.8"]), now: f.now).unknownUsers == nil)
        // Once learned, a request without unknown users keeps it.
        var p = blank
        p.unknownUsers = "5.1"
        #expect(p.learning(from: observe(["2.0"]), now: f.now) == p, "nothing new: not even `updated` changes")
    }

    @Test func draftHeadersAreDecidedFromTheClassesOfAFreshDiscoveryOnly() {
        defer { f.remove() }
        let draft = blank.learning(from: observe(["2.0"], capabilities: ["1", "access-control", "calendar-schedule"]), now: f.now)
        #expect(draft.draftHeaders == true)
        let rfc = draft.learning(from: observe(["2.0"], capabilities: ["1", "calendar-schedule", "calendar-auto-schedule"]), now: f.now)
        #expect(rfc.draftHeaders == false)
        // A cached discovery has no classes: what was learned stands.
        #expect(draft.learning(from: observe(["2.0"], capabilities: nil), now: f.now).draftHeaders == true)
    }

    @Test func timingIsAveragedApartForOnePostAndForParallelPosts() {
        defer { f.remove() }
        let many = Array(repeating: "2.0", count: 40)
        // 40 recipients in 0.08 s as one POST: 2 ms each.
        var p = blank.learning(from: observe(many, batches: 1, seconds: 0.08), now: f.now)
        #expect(abs((p.secondsPerRecipient ?? 0) - 0.002) < 1e-9 && p.parallelSecondsPerRecipient == nil && p.parallelHelped == nil)
        #expect(p.batchPolicy == .standard, "unmeasured: the safe default")
        // As two POSTs at once in 0.04 s: 1 ms each, parallel helped.
        p = p.learning(from: observe(many, batches: 2, seconds: 0.04), now: f.now)
        #expect(abs((p.parallelSecondsPerRecipient ?? 0) - 0.001) < 1e-9 && p.parallelHelped == true && p.batchPolicy == .standard)
        // A run of slow parallel requests: 3 ms each, averaged 0.7·1 + 0.3·3 = 1.6 ms, still better;
        // two more and the average passes 1.8 ms (0.9 × 2 ms): parallel no longer helps.
        p = p.learning(from: observe(many, batches: 2, seconds: 0.12), now: f.now)
        #expect(abs((p.parallelSecondsPerRecipient ?? 0) - 0.0016) < 1e-9 && p.parallelHelped == true)
        p = p.learning(from: observe(many, batches: 2, seconds: 0.12), now: f.now)
        #expect(abs((p.parallelSecondsPerRecipient ?? 0) - 0.00202) < 1e-9 && p.parallelHelped == false)
        #expect(p.batchPolicy == .single)
        // Few recipients say more about the connection than the server: not timed.
        #expect(blank.learning(from: observe(["2.0", "2.0"], seconds: 5), now: f.now).secondsPerRecipient == nil)
    }

    @Test func aQueryStoresWhatItLearnedAndTheNextOneUsesIt() async throws {
        defer { f.remove() }
        let dave = CalendarUserAddress(uncheckedURI: "mailto:dave@example.com")
        var d = f.discovery()
        d.davCapabilities = ["1", "calendar-schedule"]
        let server = RecordedServer(.init(discoveries: [.success(d)],
                                          freeBusy: ServiceFixture.everyoneBusy([], organizer: f.alice, status: [dave.matchKey: "5.1"])))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(refresh: true))
        _ = try await service.query([f.bob, dave], window: f.window, now: f.now)
        let learned = try #require(f.cache.loadProfile())
        #expect(learned.unknownUsers == "5.1" && learned.draftHeaders == true && learned.updated == f.now)
        #expect(server.lastDraftHeaders.withLock { $0 } == true)
        // The next run: discovery from the cache (no DAV classes), yet the
        // draft headers still go with the POST, as the profile says.
        let next = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(refresh: true))
        _ = try await next.query([f.bob], window: f.window, now: f.now)
        #expect(server.count(.discover) == 1, "discovery came from the cache")
        #expect(server.lastDraftHeaders.withLock { $0 } == true)
    }

    @Test func theBatchPolicyComesFromTheProfile() async throws {
        defer { f.remove() }
        try f.cacheDiscovery(outbox: "http://cal.example/alice/outbox/")
        try f.cache.storeProfile(ServerProfile(updated: f.at(1), secondsPerRecipient: 0.001, parallelSecondsPerRecipient: 0.002))
        let server = RecordedServer(.init(freeBusy: ServiceFixture.everyoneBusy([], organizer: f.alice)))
        _ = try await FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(refresh: true))
            .query([f.bob], window: f.window, now: f.now)
        try f.cache.storeProfile(ServerProfile(updated: f.at(1)))
        _ = try await FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(refresh: true))
            .query([f.bob], window: f.window, now: f.now)
        #expect(server.policies.withLock { $0 } == [.single, .standard])
    }

    @Test func aCorruptProfileCostsOneWarningAndIsRelearned() async throws {
        defer { f.remove() }
        try f.cache.directory.write("# avail server profile, format 1\nhalf a fi", to: "server-profile")
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy([], organizer: f.alice, status: [f.carol.matchKey: "3.7"])))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let outcome = try await service.query([f.bob, f.carol], window: f.window, now: f.now)
        #expect(server.policies.withLock { $0 } == [.standard])
        let warnings = service.finish(outcome, attendees: [f.bob, f.carol], now: f.now).warnings
        #expect(warnings.filter { $0.contains("server-profile") }.count == 1, "\(warnings)")
        #expect(f.cache.loadProfile()?.unknownUsers == "3.7")
    }
}
