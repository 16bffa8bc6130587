import TextUtilities
#if canImport(Glibc)
import Glibc
#endif

/// Where the cache lives, and whether its directories may be used.
///
/// The cache says whom the user meets and, read back, decides what avail shows
/// and where it sends the attendee list (the cached outbox). A directory someone
/// else can write would let them plant answers or redirect the POST, so:
///
/// - the root is `$XDG_CACHE_HOME/avail` (when absolute), else `HOME/.cache/avail`
///   with HOME from the environment when absolute, else from the password
///   database; never a shared directory such as /tmp;
/// - the directories avail makes (the root and the account directories) must be
///   the user's and writable by nobody else;
/// - every directory above them must belong to the user or to root, and may be
///   writable by others only if sticky (as /tmp is: nobody can then rename
///   away or replace what is the user's), and a link on the way must be the
///   user's or root's.
///
/// Like ssh with a key file others can read, avail then refuses the cache and
/// says why in one line; it works on without one.
public enum CacheLocation {
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "not using the cache: " + (path.isEmpty ? "it " : path + " ") + reason }
    }

    /// The cache root; a refusal when no home directory can be found.
    public static func root(environment: [String: String]) throws(Refusal) -> String {
        if let x = environment["XDG_CACHE_HOME"], x.hasPrefix("/") { return x + "/avail" }
        if let h = environment["HOME"], h.hasPrefix("/") { return h + "/.cache/avail" }
        if let pw = getpwuid(geteuid()), let dir = pw.pointee.pw_dir, dir.pointee == UInt8(ascii: "/") {
            return String(cString: dir) + "/.cache/avail"
        }
        throw Refusal(path: "", reason: "has no place: neither XDG_CACHE_HOME nor HOME is an absolute path, and the password database has no home for uid \(geteuid())")
    }

    /// The cheap check before each write, for a directory already checked whole
    /// at start: still a directory (not a link) of the user's that nobody else
    /// can write. Nothing to check when there is no directory there (yet, or a
    /// file in a parent's place): the write that follows fails or creates it.
    public static func checkOwnDirectory(_ path: String) throws(Refusal) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if st.st_mode & S_IFMT == S_IFLNK { throw Refusal(path: path, reason: "is a symbolic link; avail makes its own directories") }
        guard st.st_mode & S_IFMT == S_IFDIR else { return }
        guard st.st_uid == geteuid() else {
            throw Refusal(path: path, reason: "belongs to \(OutsideFile.userName(st.st_uid)), not to you; remove it, or set XDG_CACHE_HOME")
        }
        guard st.st_mode & 0o022 == 0 else {
            throw Refusal(path: path, reason: "can be written by others (mode \(String(st.st_mode & 0o7777, radix: 8))); run `chmod 700 \(path)`")
        }
    }

    /// Checks each existing directory from `/` down to `path` (which is `root`
    /// or below it) by the rules above. Missing directories are fine: avail
    /// makes them 0700 when it first writes (and checks again then).
    public static func check(_ path: String, root: String) throws(Refusal) {
        let me = geteuid()
        var current = ""
        let components = path.split(separator: "/")
        let rootDepth = root.split(separator: "/").count
        for (depth, component) in components.enumerated() {
            current += "/" + component
            var link = stat()
            guard lstat(current, &link) == 0 else {
                if errno == ENOENT { return }
                throw Refusal(path: current, reason: "cannot be checked: \(String(cString: strerror(errno)))")
            }
            let ours = depth + 1 >= rootDepth
            if link.st_mode & S_IFMT == S_IFLNK {
                // A link avail did not make: in avail's own directories it is refused;
                // above them (~/.cache linked to another disk) it must be the user's or root's.
                if ours { throw Refusal(path: current, reason: "is a symbolic link; avail makes its own directories") }
                guard link.st_uid == me || link.st_uid == 0 else {
                    throw Refusal(path: current, reason: "is a symbolic link of \(OutsideFile.userName(link.st_uid)), not yours")
                }
            }
            var st = stat()
            guard stat(current, &st) == 0 else {
                if errno == ENOENT { return }
                throw Refusal(path: current, reason: "cannot be checked: \(String(cString: strerror(errno)))")
            }
            // A file in a directory's place: nothing below it can be read, and
            // writes fail (and are said) as writes; no one can plant anything there.
            guard st.st_mode & S_IFMT == S_IFDIR else { return }
            let othersWrite = st.st_mode & 0o022 != 0
            if ours {
                guard st.st_uid == me else {
                    throw Refusal(path: current, reason: "belongs to \(OutsideFile.userName(st.st_uid)), not to you; remove it, or set XDG_CACHE_HOME")
                }
                guard !othersWrite else {
                    throw Refusal(path: current, reason: "can be written by others (mode \(String(st.st_mode & 0o7777, radix: 8))); run `chmod 700 \(current)`")
                }
            } else {
                guard st.st_uid == me || st.st_uid == 0 else {
                    throw Refusal(path: current, reason: "belongs to \(OutsideFile.userName(st.st_uid)), not to you or root; set XDG_CACHE_HOME to a directory of yours")
                }
                guard !othersWrite || st.st_mode & S_ISVTX != 0 else {
                    throw Refusal(path: current, reason: "can be written by others (mode \(String(st.st_mode & 0o7777, radix: 8))); set XDG_CACHE_HOME to a directory only you can write")
                }
            }
        }
    }
}
