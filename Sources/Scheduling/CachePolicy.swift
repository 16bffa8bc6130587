import FreeBusyCache
import ICalendar

/// When a cached answer may be used without asking the server.
public struct CachePolicy: Sendable {
    /// Good answers younger than this are used as they are (default 5 minutes).
    public var ttl: Int64 = 300
    /// Failures (3.7, 3.8, 5.x) are remembered only briefly: they must not hide
    /// a fix on the server for long.
    public var failureTTL: Int64 = 60
    /// Cache only; never the network.
    public var offline = false
    /// Ignore the cache (but still write what comes back).
    public var refresh = false

    public init(ttl: Int64 = 300, offline: Bool = false, refresh: Bool = false) {
        self.ttl = ttl
        self.offline = offline
        self.refresh = refresh
    }

    /// RFC 9111 §4.2: fresh while the age is below the lifetime, so `--max-age 0`
    /// makes nothing fresh, not even an answer fetched the same second.
    public func isFresh(_ e: CacheEntry, now: UTCInstant) -> Bool {
        let age = now.secondsSinceEpoch - e.fetched.secondsSinceEpoch
        return age >= 0 && age < (e.isGood ? ttl : min(ttl, failureTTL))
    }

    /// The oldest fetch time a fresh answer can have (the same rule as `isFresh`).
    public func freshSince(_ now: UTCInstant) -> UTCInstant { now.adding(seconds: 1 - ttl) }
}
