#if canImport(Glibc)
import Glibc
#endif

/// Writes the config file `avail setup` made: mode 0600 from the first byte
/// (it may hold a password), created with O_EXCL so that an existing file is
/// never overwritten by accident. `replace` (setup --force) writes a new file
/// beside it and renames it over the old one, so a crash leaves either the old
/// config or the new one, never half of either.
enum NewConfigFile {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case exists(path: String)
        case cannotWrite(path: String, reason: String)

        var description: String {
            switch self {
            case let .exists(path): return "\(path) already exists; pass --force to replace it"
            case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
            }
        }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func write(_ text: String, to path: String, replace: Bool) throws(Failure) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        try makeDirectory(directory.isEmpty ? "/" : directory, for: path)
        let target = replace ? "\(directory)/.config-\(getpid()).new" : path
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST && !replace { throw .exists(path: path) }
            throw .cannotWrite(path: target, reason: String(cString: strerror(errno)))
        }
        var ok = fchmod(fd, 0o600) == 0 // whatever the umask made of it
        let bytes = Array(text.utf8)
        var offset = 0
        while ok && offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ok = false } else { offset += n }
        }
        let reason = String(cString: strerror(errno))
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok else {
            unlink(target)
            throw .cannotWrite(path: target, reason: reason)
        }
        if replace, rename(target, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(target)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    /// The config directory and its parents, 0700 where avail creates them.
    private static func makeDirectory(_ directory: String, for path: String) throws(Failure) {
        var info = stat()
        if stat(directory, &info) == 0 { return }
        let parent = directory.lastIndex(of: "/").map { String(directory[..<$0]) } ?? ""
        if !parent.isEmpty { try makeDirectory(parent, for: path) }
        guard mkdir(directory, 0o700) == 0 || errno == EEXIST else {
            throw .cannotWrite(path: path, reason: "cannot create \(directory): \(String(cString: strerror(errno)))")
        }
    }
}
