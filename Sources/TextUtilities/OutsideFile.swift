#if canImport(Glibc)
import Glibc
#endif

/// A file avail reads that something else could have put there: the config,
/// a theme, a cache entry, the cached discovery, the recent attendees. The one
/// place such files are opened, so that every reader gets the same guards:
///
/// - opened with O_NONBLOCK, so a FIFO or a device in the file's place cannot
///   hang the open (fstat then refuses it before any read);
/// - O_NOFOLLOW unless the caller allows symbolic links (a dotfile manager links
///   the config; nothing links into avail's own cache);
/// - fstat on the opened descriptor, not stat on the path, so what is checked is
///   what is read: a regular file, owned by the user (or by root, for files an
///   administrator may provide), no larger than the caller's limit.
public struct OutsideFile: Sendable {
    public let bytes: [UInt8]
    /// The permission bits (`st_mode & 0o7777`), for callers with rules of their
    /// own (a config holding a password must not be readable by others).
    public let permissions: UInt32
    public let owner: UInt32

    public enum Owners: Sendable {
        /// Files avail itself writes (the cache).
        case user
        /// Files the user or an administrator may provide (config, themes).
        case userOrRoot
    }

    /// Why a file was not read, phrased to follow "cannot read FILE: ".
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case absent
        case symbolicLink
        case notRegular(kind: String)
        case foreignOwner(uid: UInt32)
        case tooLarge(limit: Int)
        case unreadable(errno: Int32)

        public var description: String {
            switch self {
            case .absent: return "it does not exist"
            case .symbolicLink: return "it is a symbolic link"
            case let .notRegular(kind): return "it is \(kind), not a regular file"
            case let .foreignOwner(uid): return "it belongs to \(OutsideFile.userName(uid)), not to you"
            case let .tooLarge(limit): return "it is larger than \(limit) bytes"
            case let .unreadable(e): return String(cString: strerror(e))
            }
        }
    }

    /// Reads the whole file under the guards above.
    public static func read(_ path: String, limit: Int, owners: Owners = .user,
                            followSymbolicLinks: Bool = false) throws(Refusal) -> OutsideFile {
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (followSymbolicLinks ? 0 : O_NOFOLLOW)
        let fd = open(path, flags)
        guard fd >= 0 else {
            let e = errno
            switch e {
            case ENOENT, ENOTDIR: throw .absent
            case ELOOP where !followSymbolicLinks: throw .symbolicLink
            case ENXIO: throw .notRegular(kind: "a socket")
            default: throw .unreadable(errno: e)
            }
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .unreadable(errno: errno) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw .notRegular(kind: kind(st.st_mode)) }
        let uid = geteuid()
        guard st.st_uid == uid || (owners == .userOrRoot && st.st_uid == 0) else { throw .foreignOwner(uid: st.st_uid) }
        guard st.st_size <= limit else { throw .tooLarge(limit: limit) }
        // A regular file never blocks; the flag only had to cover the open.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var data: [UInt8] = []
        data.reserveCapacity(Int(st.st_size))
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw .unreadable(errno: errno) }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
            // The file grew after fstat.
            if data.count > limit { throw .tooLarge(limit: limit) }
        }
        return OutsideFile(bytes: data, permissions: UInt32(st.st_mode & 0o7777), owner: st.st_uid)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// `nobody (uid 65534)`, or the number alone when the password database does not know it.
    public static func userName(_ uid: UInt32) -> String {
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return "\(String(cString: name)) (uid \(uid))" }
        return "uid \(uid)"
    }
}
