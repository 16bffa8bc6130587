import ICalendar
#if canImport(Glibc)
import Glibc
#endif

/// Bounds, statistics and clearing across every account under the cache root.
public enum CacheMaintenance {
    public static let maxAgeSeconds: Int64 = 30 * 86_400
    public static let maxTotalBytes = 50 * 1024 * 1024
    /// Entries are small (a few hundred bytes), so the byte bound alone would
    /// allow a hundred thousand of them; this keeps a full scan (prune, stats)
    /// quick and the cache's directories small.
    public static let maxEntries = 10_000

    public struct Stats: Equatable, Sendable {
        public var accounts: Int
        public var entries: Int
        public var bytes: Int
    }

    static func accountDirectories(root: String) -> [CacheDirectory] {
        subdirectories(of: root)
    }

    /// The visible subdirectories: accounts under the root, recipients under an account.
    static func subdirectories(of path: String) -> [CacheDirectory] {
        CacheDirectory.entries(of: path).compactMap { name, st in
            guard !name.hasPrefix("."), (st.st_mode & S_IFMT) == S_IFDIR else { return nil }
            return CacheDirectory(path: path + "/" + name)
        }
    }

    /// An account directory's own files, then those of each recipient directory in it.
    static func files(of account: CacheDirectory) -> [(dir: CacheDirectory, file: CacheDirectory.Listing, flat: Bool)] {
        var out = account.list(includeTemporary: true).map { (account, $0, true) }
        for recipient in subdirectories(of: account.path) {
            out += recipient.list(includeTemporary: true).map { (recipient, $0, false) }
        }
        return out
    }

    public static func stats(root: String) -> Stats {
        var s = Stats(accounts: 0, entries: 0, bytes: 0)
        for dir in accountDirectories(root: root) {
            s.accounts += 1
            for (_, f, flat) in files(of: dir) {
                s.bytes += f.size
                if !flat && f.name.hasSuffix(FreeBusyCache.entrySuffix) { s.entries += 1 }
            }
        }
        return s
    }

    /// Removes free/busy entries older than 30 days (by file time), then the
    /// oldest until the whole cache is under 50 MiB and 10,000 entries; also
    /// writers' temporary files left by a crash more than an hour ago,
    /// quarantined files over a day old, entries of the older flat layout (no
    /// longer read), and recipient directories left empty. Returns how many
    /// files went.
    @discardableResult
    public static func prune(root: String, now: UTCInstant, maxAge: Int64 = maxAgeSeconds, maxBytes: Int = maxTotalBytes,
                             maxEntries: Int = maxEntries) -> Int {
        var removed = 0
        var kept: [(dir: CacheDirectory, file: CacheDirectory.Listing)] = []
        var recipientDirectories: [CacheDirectory] = []
        for account in accountDirectories(root: root) {
            recipientDirectories += subdirectories(of: account.path)
            for (dir, f, flat) in files(of: account) {
                let age = now.secondsSinceEpoch - f.modified
                let isEntry = f.name.hasSuffix(FreeBusyCache.entrySuffix)
                if (f.name.hasPrefix(".tmp-") && age > 3600) || (f.name.hasSuffix(".bad") && age > 86_400)
                    || (isEntry && (flat || age > maxAge)) {
                    dir.remove(f.name)
                    removed += 1
                } else {
                    kept.append((dir, f))
                }
            }
        }
        var total = kept.reduce(0) { $0 + $1.file.size }
        let entries = kept.filter { $0.file.name.hasSuffix(FreeBusyCache.entrySuffix) }.sorted { $0.file.modified < $1.file.modified }
        var count = entries.count
        for (dir, f) in entries {
            guard total > maxBytes || count > maxEntries else { break }
            dir.remove(f.name)
            total -= f.size
            count -= 1
            removed += 1
        }
        // Fails, harmlessly, for every directory that still holds a file (or a
        // writer's temporary file, which keeps a concurrent write safe).
        for dir in recipientDirectories { rmdir(dir.path) }
        return removed
    }

    /// How long after a prune a command need not prune again.
    public static let pruneInterval: Int64 = 3600
    /// The file in the cache root whose time says when the cache was last pruned.
    static let prunedMarker = "last-pruned"

    /// `prune`, at most once an hour. A prune reads every file of every account,
    /// so its cost grows with the cache (8 M instructions, as much as the rest of
    /// a warm query, once 200 people are cached), and a query that pays it every
    /// time gets slower the more the cache holds. The bounds it keeps are loose
    /// enough for an hour's growth. A marker from the future (the clock was set
    /// back) counts as due, so a clock change cannot stop pruning.
    @discardableResult
    public static func pruneIfDue(root: String, now: UTCInstant) -> Int {
        let directory = CacheDirectory(path: root)
        var st = stat()
        if lstat(directory.file(prunedMarker), &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
            let age = now.secondsSinceEpoch - Int64(st.st_mtim.tv_sec)
            if age >= 0 && age < pruneInterval { return 0 }
        }
        let removed = prune(root: root, now: now)
        try? directory.write("# avail: the cache was last pruned at this file's modification time\n", to: prunedMarker)
        return removed
    }

    /// Empties the cache, or one account's part of it.
    public static func clear(root: String, account: String?) -> Int {
        var removed = 0
        for dir in accountDirectories(root: root) {
            if let account, dir.path != root + "/" + FreeBusyCache.accountKey(account) { continue }
            for (owner, f, _) in files(of: dir) { owner.remove(f.name); removed += 1 }
            for recipient in subdirectories(of: dir.path) { rmdir(recipient.path) }
            rmdir(dir.path)
        }
        return removed
    }
}
