import ICalendar
#if canImport(Glibc)
import Glibc
#endif

/// Bounds, statistics and clearing across every account under the cache root.
public enum CacheMaintenance {
    public static let maxAgeSeconds: Int64 = 30 * 86_400
    public static let maxTotalBytes = 50 * 1024 * 1024

    public struct Stats: Equatable, Sendable {
        public var accounts: Int
        public var entries: Int
        public var bytes: Int
    }

    static func accountDirectories(root: String) -> [CacheDirectory] {
        CacheDirectory.entries(of: root).compactMap { name, st in
            guard !name.hasPrefix("."), (st.st_mode & S_IFMT) == S_IFDIR else { return nil }
            return CacheDirectory(path: root + "/" + name)
        }
    }

    public static func stats(root: String) -> Stats {
        var s = Stats(accounts: 0, entries: 0, bytes: 0)
        for dir in accountDirectories(root: root) {
            s.accounts += 1
            for f in dir.list(includeTemporary: true) {
                s.bytes += f.size
                if f.name.hasSuffix(FreeBusyCache.entrySuffix) { s.entries += 1 }
            }
        }
        return s
    }

    /// Removes free/busy entries older than 30 days (by file time), then the
    /// oldest until the whole cache is under 50 MiB; also writers' temporary files
    /// left by a crash more than an hour ago and quarantined files over a day old.
    /// Returns how many files went.
    @discardableResult
    public static func prune(root: String, now: UTCInstant, maxAge: Int64 = maxAgeSeconds, maxBytes: Int = maxTotalBytes) -> Int {
        var removed = 0
        var all: [(dir: CacheDirectory, file: CacheDirectory.Listing)] = []
        for dir in accountDirectories(root: root) {
            for f in dir.list(includeTemporary: true) {
                let age = now.secondsSinceEpoch - f.modified
                if (f.name.hasPrefix(".tmp-") && age > 3600) || (f.name.hasSuffix(".bad") && age > 86_400)
                    || (f.name.hasSuffix(FreeBusyCache.entrySuffix) && age > maxAge) {
                    dir.remove(f.name)
                    removed += 1
                } else {
                    all.append((dir, f))
                }
            }
        }
        var total = all.reduce(0) { $0 + $1.file.size }
        for (dir, f) in all.filter({ $0.file.name.hasSuffix(FreeBusyCache.entrySuffix) }).sorted(by: { $0.file.modified < $1.file.modified }) {
            guard total > maxBytes else { break }
            dir.remove(f.name)
            total -= f.size
            removed += 1
        }
        return removed
    }

    /// Empties the cache, or one account's part of it.
    public static func clear(root: String, account: String?) -> Int {
        var removed = 0
        for dir in accountDirectories(root: root) {
            if let account, dir.path != root + "/" + FreeBusyCache.accountKey(account) { continue }
            for f in dir.list(includeTemporary: true) { dir.remove(f.name); removed += 1 }
            rmdir(dir.path)
        }
        return removed
    }
}
