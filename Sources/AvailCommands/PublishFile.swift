#if canImport(Glibc)
import Glibc
#endif

/// `avail publish --to FILE`: the published free/busy written whole or not at
/// all. The text goes into a new temporary file in the same directory
/// (mkstemp: O_EXCL, so nothing planted there is opened), is synced, and is
/// renamed over the target: a reader (a web server serving the file, a cron
/// run in progress) sees the old copy or the new one, never half of one.
/// rename(2) replaces a symbolic link itself and never follows it; a link, a
/// FIFO, a device or a directory at the target is refused all the same,
/// because whoever put it there meant something else. 0644: a publication
/// is meant to be read by others.
struct PublishFile: Equatable {
    let path: String

    var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    /// Checked before the server is asked, so that a target that cannot be
    /// written fails at once; checked again just before the rename.
    func check() throws(CommandFailure) {
        if path.isEmpty || path.hasSuffix("/") { throw CommandFailure(usage: "--to needs a file name, - or an http(s) URL") }
        var st = stat()
        if lstat(path, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFLNK: throw CommandFailure(usage: "--to \(path) is a symbolic link; avail does not write through one (give the file it points to)")
            case S_IFDIR: throw CommandFailure(usage: "--to \(path) is a directory; give a file name in it")
            default: throw CommandFailure(usage: "--to \(path) exists and is not a regular file (a FIFO, socket or device); nothing was written")
            }
        } else if errno != ENOENT {
            throw CommandFailure(usage: "--to \(path): \(String(cString: strerror(errno)))")
        }
        if access(directory, W_OK) != 0 {
            throw CommandFailure(usage: "--to \(path): cannot write in \(directory): \(String(cString: strerror(errno)))")
        }
    }

    func write(_ text: String) throws(CommandFailure) {
        let base = path.split(separator: "/").last.map(String.init) ?? "freebusy"
        var template = Array((directory + "/." + base + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { b in b.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw failure(errno) }
        // Not inherited by a child (a password_command) started meanwhile.
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            close(fd)
            if !renamed { unlink(temporary) }
        }
        guard fchmod(fd, 0o644) == 0 else { throw failure(errno) }
        let written = writeAll(fd, text)
        guard written == 0 else { throw failure(written) }
        guard fsync(fd) == 0 || errno == EINVAL else { throw failure(errno) }
        // What was checked before the server was asked may have changed since.
        try check()
        guard rename(temporary, path) == 0 else { throw failure(errno) }
        renamed = true
    }

    private func failure(_ e: Int32) -> CommandFailure {
        CommandFailure(message: "cannot write --to \(path): \(String(cString: strerror(e))); the earlier copy, if any, is unchanged",
                       code: CommandFailure.outputFailed)
    }
}
