import Testing
@testable import AvailCommands

/// The planner's `r`: the service it uses asks the server whatever the cache holds.
@Suite struct RefreshingServiceTests {
    @Test func refreshingIgnoresTheTTLButOfflineStaysOffline() {
        let service = FreeBusyService(session: nil, cache: nil, policy: CachePolicy())
        #expect(!service.policy.refresh)
        #expect(service.refreshing().policy.refresh)
        #expect(service.refreshing().policy.ttl == service.policy.ttl)
        var offline = CachePolicy()
        offline.offline = true
        // Offline, the cache is all there is: refreshing must not hide it.
        #expect(!FreeBusyService(session: nil, cache: nil, policy: offline).refreshing().policy.refresh)
    }
}
