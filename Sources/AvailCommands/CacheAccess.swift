import FreeBusyCache
import Synchronization

/// The one way commands get at the cache: under the root CacheLocation picks,
/// only when its directories pass CacheLocation's checks. Otherwise avail works
/// without a cache and says why once.
enum CacheAccess {
    private static let warned = Mutex(false)

    /// The account's cache, or nil (with one warning on stderr per run, unless
    /// `quiet`: a look ahead, or completion) when it may not be used.
    static func cache(account: String, environment: [String: String], quiet: Bool = false) -> FreeBusyCache? {
        do throws(CacheLocation.Refusal) {
            let root = try CacheLocation.root(environment: environment)
            let cache = FreeBusyCache(root: root, account: account)
            try CacheLocation.check(cache.directory.path, root: root)
            return cache
        } catch {
            if !quiet, !warned.withLock({ w in defer { w = true }; return w }) {
                writeStandardError("avail: warning: \(error.description)\n")
            }
            return nil
        }
    }
}
