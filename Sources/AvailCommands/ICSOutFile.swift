#if canImport(Glibc)
import Glibc
#endif

/// `--ics-out FILE`: the iTIP message for the people the server could not
/// reach, for the user to mail (iMIP, RFC 6047). Created new (O_EXCL), never
/// through a symbolic link (O_NOFOLLOW); an existing file is replaced only
/// with `--replace-ics-out`, and only if it is a regular file. 0644: an
/// invitation is meant to be read by others. (`--force` once meant this too;
/// it now means only "book or move onto a conflict": replacing a file and
/// overriding someone's busy time are different decisions.)
struct ICSOutFile {
    let path: String
    let replace: Bool

    static let replaceOption = OptionSpec.flag("replace-ics-out", "Replace the --ics-out file if it already exists (a regular file only).")

    /// `--ics-out FILE` and `--replace-ics-out` as given; nil without `--ics-out`.
    static func from(_ a: ParsedArguments) throws(CommandFailure) -> ICSOutFile? {
        guard let path = a.value("ics-out") else {
            if a.flag("replace-ics-out") { throw CommandFailure(usage: "--replace-ics-out goes with --ics-out FILE") }
            return nil
        }
        return ICSOutFile(path: path, replace: a.flag("replace-ics-out"))
    }

    /// Checked before the server is changed, so that a file that cannot be
    /// written does not leave a change made and its message lost.
    func check() throws(CommandFailure) {
        if path.isEmpty { throw CommandFailure(usage: "--ics-out needs a file name") }
        var st = stat()
        if lstat(path, &st) == 0 {
            if st.st_mode & S_IFMT != S_IFREG { throw CommandFailure(usage: "--ics-out \(path) exists and is not a regular file") }
            if !replace { throw CommandFailure(usage: "--ics-out \(path) exists; give another name, or --replace-ics-out to replace it") }
        } else if errno != ENOENT {
            throw CommandFailure(usage: "--ics-out \(path): \(String(cString: strerror(errno)))")
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        if access(directory.isEmpty ? "/" : directory, W_OK) != 0 {
            throw CommandFailure(usage: "--ics-out \(path): cannot write in \(directory.isEmpty ? "/" : directory): \(String(cString: strerror(errno)))")
        }
    }

    func write(_ text: String) throws(CommandFailure) {
        let flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (replace ? O_TRUNC : O_EXCL)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw failure(errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { throw failure(EINVAL) }
        let written = writeAll(fd, text)
        guard written == 0 else { throw failure(written) }
        guard fsync(fd) == 0 || errno == EINVAL else { throw failure(errno) }
    }

    private func failure(_ e: Int32) -> CommandFailure {
        CommandFailure(message: "cannot write --ics-out \(path): \(String(cString: strerror(e))); the server was changed, the file is missing",
                       code: CommandFailure.outputFailed)
    }
}
