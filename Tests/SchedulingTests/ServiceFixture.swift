import Foundation
import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
import Scheduling

/// A temporary cache, people and times shared by the service tests.
struct ServiceFixture {
    let root: String
    let cache: FreeBusyCache
    let now = UTCInstant(year: 2026, month: 12, day: 7, hour: 12)!
    let alice = CalendarUserAddress(uncheckedURI: "mailto:alice@example.com")
    let bob = CalendarUserAddress(uncheckedURI: "mailto:bob@example.com")
    let carol = CalendarUserAddress(uncheckedURI: "mailto:carol@example.com")

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("avail-scheduling-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
        cache = FreeBusyCache(root: root, account: "http://cal.example alice")
        homeCache = FreeBusyCache(root: root, account: "http://home.example alice")
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Local midnight (UTC) of December `day`, plus `hour`.
    func at(_ day: Int, _ hour: Int = 0) -> UTCInstant { UTCInstant(year: 2026, month: 12, day: day, hour: hour)! }

    /// Monday 7 and Tuesday 8 December.
    var window: TimeWindow { TimeWindow(start: at(7), end: at(9))! }

    func url(_ s: String) -> HTTPURL { HTTPURL(string: s)! }

    func discovery(outbox: String = "http://cal.example/alice/outbox/") -> DiscoveryResult {
        DiscoveryResult(principalURL: url("http://cal.example/alice/"), displayName: "Alice",
                        calendarUserAddresses: ["mailto:alice@example.com"], outboxURL: url(outbox), organizer: alice,
                        davCapabilities: [])
    }

    /// The discovery as an earlier run left it in the cache.
    func cacheDiscovery(outbox: String) throws {
        try cache.storeDiscovery(CachedDiscovery(fetched: now.adding(seconds: -86_400), principal: "http://cal.example/alice/",
                                                 outbox: outbox, organizer: alice.uri, displayName: "Alice",
                                                 addresses: ["mailto:alice@example.com"]))
    }

    /// A second account's cache (home.example, the routing tests' other
    /// account), beside the first's under the same root.
    let homeCache: FreeBusyCache

    /// Both accounts' discoveries in their caches, as earlier runs left them.
    func cacheBothDiscoveries() throws {
        try cacheDiscovery(outbox: "http://cal.example/alice/outbox/")
        try homeCache.storeDiscovery(CachedDiscovery(fetched: now, principal: "http://home.example/alice/", outbox: "http://home.example/alice/outbox/",
                                                     organizer: alice.uri, displayName: "Alice", addresses: ["mailto:alice@example.com"]))
    }

    /// An answer stored `age` seconds before `now`.
    func cacheAnswer(_ who: CalendarUserAddress, window: TimeWindow? = nil, age: Int64, busy: [BusyPeriod],
                     status: RequestStatus = RequestStatus(code: "2.0", text: "Success")) throws {
        try cache.store(CacheEntry(account: cache.account, recipient: who, window: window ?? self.window,
                                   fetched: now.adding(seconds: -age), status: status, busy: busy))
    }

    /// The outbox answers everyone busy over `busy` (clipped to what was asked).
    static func everyoneBusy(_ busy: [BusyPeriod], organizer: CalendarUserAddress,
                             status: [String: String] = [:]) -> @Sendable (FreeBusyRequest, HTTPURL) -> Result<FreeBusyResult, CalDAVError> {
        { request, _ in
            .success(FreeBusyResult(organizer: organizer, window: request.window, recipients: request.attendees.map { a in
                if let code = status[a.matchKey] { return RecipientResult(recipient: a, status: RequestStatus(code: code), busy: nil) }
                return RecipientResult(recipient: a, status: RequestStatus(code: "2.0", text: "Success"),
                                       busy: busy.normalized(within: request.window))
            }))
        }
    }

    static let down = CalDAVError.network(.cannotConnect("http://cal.example/", detail: "Connection refused"))
}
