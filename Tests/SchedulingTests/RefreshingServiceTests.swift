import Foundation
import Testing
import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
@testable import Scheduling

/// The planner's `r`: the service it uses asks the server whatever the cache holds.
@Suite struct RefreshingServiceTests {
    @Test func refreshingIgnoresTheTTLButOfflineStaysOffline() {
        let service = FreeBusyService(server: nil, cache: nil, policy: CachePolicy())
        #expect(!service.policy.refresh)
        #expect(service.refreshing().policy.refresh)
        #expect(service.refreshing().policy.ttl == service.policy.ttl)
        var offline = CachePolicy()
        offline.offline = true
        // Offline, the cache is all there is: refreshing must not hide it.
        #expect(!FreeBusyService(server: nil, cache: nil, policy: offline).refreshing().policy.refresh)
    }

    /// An answer a second old, and a server that is gone (nothing listens on
    /// port 9): the TTL path answers from the cache, but `r` tries the server
    /// and says it failed, keeping the old answer marked stale.
    @Test func refreshingWithTheServerGoneReportsTheFailure() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("avail-refresh-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let url = try #require(HTTPURL(string: "http://127.0.0.1:9/"))
        let account = Account(serverURL: url, credentials: Credentials(user: "alice", password: "pw"))
        let cache = FreeBusyCache(root: root, account: FreeBusyService.accountName(account))
        let bob = try CalendarUserAddress("bob@example.com")
        let now = UTCInstant.now
        let start = UTCInstant(secondsSinceEpoch: now.secondsSinceEpoch / 86_400 * 86_400)
        let window = try #require(TimeWindow(start: start, end: start.adding(seconds: 7 * 86_400)))
        try cache.store(CacheEntry(account: cache.account, recipient: bob, window: window, fetched: now.adding(seconds: -1),
                                   status: RequestStatus(code: "2.0"), busy: [BusyPeriod(start: start, end: start.adding(seconds: 3600))]))
        let client = HTTPClient()
        defer { client.shutdown() }
        let service = FreeBusyService(server: CalDAVSession(account: account, http: client), cache: cache, policy: CachePolicy())

        let cached = try await service.query([bob], window: window, now: now)
        #expect(cached.networkError == nil && cached.rows.first?.source == .cache && cached.rows.first?.stale == false)

        let refreshed = try await service.refreshing().query([bob], window: window, now: now)
        #expect(refreshed.networkError != nil, "r with the server gone must say it failed")
        let row = try #require(refreshed.rows.first)
        #expect(row.stale && row.error != nil)
        #expect(row.result.busy?.count == 1, "the old answer stays on screen, marked stale")
    }
}
