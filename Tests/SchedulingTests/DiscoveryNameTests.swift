import Testing
import CalDAVClient
import FreeBusy
import FreeBusyCache
import ICalendar
import LocalTime
@testable import Scheduling

/// A query's discovery need not ask the principal for the user's name (it
/// costs a round trip on DAViCal, and a free/busy request needs no name);
/// what shows or stores the name (a booked meeting's ORGANIZER;CN, `avail
/// setup`) asks for it, and a cached discovery without one is not enough there.
@Suite struct DiscoveryNameTests {
    let f: ServiceFixture
    init() throws { f = try ServiceFixture() }

    func service(_ discovery: DiscoveryResult) -> (FreeBusyService, RecordedServer) {
        let server = RecordedServer(.init(discoveries: [.success(discovery)], freeBusy: ServiceFixture.everyoneBusy([], organizer: f.alice)))
        return (FreeBusyService(server: server, cache: f.cache, policy: CachePolicy()), server)
    }

    /// What a query without the principal PROPFIND finds: no name.
    var unnamed: DiscoveryResult {
        var d = f.discovery()
        d.displayName = nil
        return d
    }

    @Test func aColdQueryDoesNotAskForTheName() async throws {
        defer { f.remove() }
        let (service, server) = service(unnamed)
        _ = try await service.query([f.bob], window: f.window, now: f.now)
        #expect(server.namesNeeded.withLock { $0 } == [false])
        // Cached as found: principal, outbox, organizer, addresses; no name.
        let cached = try #require(f.cache.loadDiscovery())
        #expect(cached.principal == "http://cal.example/alice/" && cached.outbox == "http://cal.example/alice/outbox/")
        #expect(cached.organizer == f.alice.uri && cached.addresses == ["mailto:alice@example.com"])
        #expect(cached.displayName == nil)
    }

    @Test func bookingAsksForTheName() async throws {
        defer { f.remove() }
        let (service, server) = service(f.discovery())
        let booking = try #require(BookingService(service))
        let (identity, checkable) = try await booking.identity(now: f.now)
        #expect(server.namesNeeded.withLock { $0 } == [true])
        #expect(identity.displayName == "Alice" && checkable)
    }

    /// The planner books with the cached discovery: one a query left without
    /// a name is asked again (and the name then cached), one with a name is used as it is.
    @Test func aCachedDiscoveryWithoutANameIsAskedAgainWhenTheNameIsNeeded() async throws {
        defer { f.remove() }
        let (service, server) = service(f.discovery())
        try f.cache.storeDiscovery(CachedDiscovery(fetched: f.now, principal: "http://cal.example/alice/", outbox: "http://cal.example/alice/outbox/",
                                                   organizer: f.alice.uri, displayName: nil, addresses: ["mailto:alice@example.com"]))
        let forQuery = try await service.discovery(fresh: false, now: f.now)
        #expect(server.count(.discover) == 0, "a query is content with the cached discovery")
        #expect(forQuery.displayName == nil)
        let forBooking = try await service.discovery(fresh: false, needsName: true, now: f.now)
        #expect(server.namesNeeded.withLock { $0 } == [true])
        #expect(forBooking.displayName == "Alice")
        #expect(f.cache.loadDiscovery()?.displayName == "Alice")
        _ = try await service.discovery(fresh: false, needsName: true, now: f.now)
        #expect(server.count(.discover) == 1, "the name is cached now")
    }

    /// Reading meetings needs the principal and addresses, never the name.
    @Test func readingMeetingsDoesNotAskForTheName() async throws {
        defer { f.remove() }
        let (_, server) = service(f.discovery())
        let window = f.window
        _ = try await MeetingReader(server: server).meetings(in: window, organizer: nil, zone: DisplayZone.named("UTC")!, eachOccurrence: true)
        #expect(server.count(.identity) == 1)
        #expect(server.namesNeeded.withLock { $0 } == [false])
    }

    @Test func setupShowsTheName() async throws {
        defer { f.remove() }
        let (_, server) = service(f.discovery())
        let check = try await AccountSetupService(server: server).check(now: f.now)
        #expect(server.namesNeeded.withLock { $0 } == [true])
        #expect(check.displayName == "Alice")
    }
}
