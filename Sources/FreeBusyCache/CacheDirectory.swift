import FreeBusy
import ICalendar
import TextUtilities
#if canImport(Glibc)
import Glibc
#endif

/// Plain files under one directory, written so that a crash, `kill -9` or a
/// second avail at the same moment can never leave a torn file: each write goes
/// to a temporary file of its own in the same directory, then is renamed over
/// the old one (rename is atomic on POSIX). Readers see the old file or the new
/// one, never part of either.
///
/// No fsync: it cost 2-5 ms per file, most of a `--refresh` query's time. A
/// killed process loses nothing (its writes are in the page cache); after a
/// power cut the rename may reach the disk before the data, and then the entry
/// is short or empty: every entry carries its length and an end marker
/// (CacheEntry), so such a file fails to read, is set aside as `*.bad` and the
/// answer is asked again. A cache may lose its newest entries, never serve a
/// wrong one.
public struct CacheDirectory: Sendable {
    public let path: String
    /// The cache root this directory is in (CacheLocation's rules start there).
    public let root: String

    public init(path: String, root: String? = nil) {
        self.path = path
        self.root = root ?? path
    }

    public enum WriteError: Error, Equatable, CustomStringConvertible {
        case cannotCreate(String, errno: Int32)
        case cannotWrite(String, errno: Int32)
        case unsafe(CacheLocation.Refusal)
        public var description: String {
            switch self {
            case let .cannotCreate(p, e): return "cannot create \(p): \(String(cString: strerror(e)))"
            case let .cannotWrite(p, e): return "cannot write \(p): \(String(cString: strerror(e)))"
            case let .unsafe(refusal): return refusal.description
            }
        }
    }

    /// Creates the directory and its parents, mode 0700 (the cache says who
    /// meets whom: nobody else on the machine should read it), then checks
    /// what is there: a directory someone else made first, between the check
    /// at start and this write, is refused, not written into.
    public func create() throws(WriteError) {
        var partial = ""
        let rootDepth = root.split(separator: "/").count
        for (depth, component) in path.split(separator: "/").enumerated() {
            partial += "/" + component
            if mkdir(partial, 0o700) != 0, errno != EEXIST { throw .cannotCreate(partial, errno: errno) }
            // Each of avail's own levels is checked before anything is made in
            // it: a planted account directory gets no recipient directory.
            if depth + 1 >= rootDepth {
                do throws(CacheLocation.Refusal) { try CacheLocation.checkOwnDirectory(partial) } catch { throw .unsafe(error) }
            }
        }
        do throws(CacheLocation.Refusal) { try CacheLocation.check(path, root: root) } catch { throw .unsafe(error) }
    }

    public func file(_ name: String) -> String { path + "/" + name }

    /// Atomic replace: temp file (0600) → rename.
    public func write(_ text: String, to name: String) throws(WriteError) {
        var random = SystemRandomNumberGenerator()
        let temp = file(".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max, using: &random))")
        // The directory is checked again before each write (one lstat): one that
        // someone else made or opened up since the start is not written into.
        do throws(CacheLocation.Refusal) { try CacheLocation.checkOwnDirectory(path) } catch { throw .unsafe(error) }
        var fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd < 0, errno == ENOENT {
            // The first write of a run into a new cache: make the directories then.
            try create()
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        }
        guard fd >= 0 else { throw .cannotWrite(temp, errno: errno) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd)
                unlink(temp)
                throw .cannotWrite(temp, errno: e)
            }
            bytes = bytes.dropFirst(n)
        }
        close(fd)
        // The old file goes first, so that the rename replaces nothing: ext4
        // (auto_da_alloc) starts writing a file's data out at once when a rename
        // replaces another, about 0.1 ms per file, which a --refresh of 200
        // paid 200 times. A process killed in between leaves the entry absent
        // (asked again), never torn. A power cut before the data reaches the disk
        // may leave it empty, as it may any new file: an empty file reads as
        // absent (FreeBusyCache.contents).
        unlink(file(name))
        guard rename(temp, file(name)) == 0 else {
            let e = errno
            unlink(temp)
            throw .cannotWrite(file(name), errno: e)
        }
    }

    /// The file's text. Only a regular file the user owns, not a symbolic link,
    /// at most `limit` bytes, is read (OutsideFile): a FIFO planted in an
    /// entry's place must not hang avail, nor a file of another user be served
    /// as an answer. The refusal says why, for a warning.
    public func text(of name: String, limit: Int = 4 * 1024 * 1024) throws(OutsideFile.Refusal) -> String {
        try OutsideFile.read(file(name), limit: limit, owners: .user).text
    }

    /// The file's text, or nil when it is absent or refused (see `text(of:)`).
    public func read(_ name: String, limit: Int = 4 * 1024 * 1024) -> String? {
        try? text(of: name, limit: limit)
    }

    public struct Listing: Sendable {
        public var name: String
        public var size: Int
        public var modified: Int64
    }

    /// Regular files, temporary files of writers included only when asked.
    public func list(includeTemporary: Bool = false) -> [Listing] {
        Self.entries(of: path).compactMap { name, st in
            guard name != ".", name != "..", includeTemporary || !name.hasPrefix(".tmp-"),
                  (st.st_mode & S_IFMT) == S_IFREG else { return nil }
            return Listing(name: name, size: Int(st.st_size), modified: Int64(st.st_mtim.tv_sec))
        }
    }

    /// Every name in a directory with its stat(2), in directory order.
    static func entries(of path: String) -> [(name: String, stat: stat)] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var out: [(String, stat)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            var st = stat()
            if stat(path + "/" + name, &st) == 0 { out.append((name, st)) }
        }
        return out
    }

    public func remove(_ name: String) { unlink(file(name)) }

    /// Moves a file that could not be read aside (`*.bad`), so it is not read again
    /// but can still be looked at.
    public func quarantine(_ name: String) {
        if rename(file(name), file(name + ".bad")) != 0 { unlink(file(name)) }
    }
}
