import TextUtilities
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The one way avail's commands print what they were asked for. Every write(2)
/// is checked: output that is lost (a full disk, `> /dev/full`, an I/O error)
/// must not end as a silent exit 0, or a script keeps an empty file it believes.
///
/// A reader that went away (`avail query | head -1`, EPIPE; SIGPIPE is ignored
/// in AvailMain) is not an error: the rest of the output is dropped without a
/// word and the command ends with the exit code its work earned.
final class OutputWriter: Sendable {
    /// Standard output, for every command; -1 (every write fails, EBADF) when
    /// avail was started without one.
    static let standard = OutputWriter(fileDescriptor: isInherited(1) ? 1 : -1)
    /// Standard error, or -1 when avail was started without one.
    static let standardError: Int32 = isInherited(2) ? 2 : -1

    enum Failure: Error, Equatable, CustomStringConvertible {
        case cannotWrite(errno: Int32)
        var description: String {
            switch self {
            case let .cannotWrite(e): return "cannot write the output: \(String(cString: strerror(e)))"
            }
        }
    }

    let fileDescriptor: Int32
    /// Set once the reader has gone; later output is dropped.
    private let readerGone = Atomic<Bool>(false)

    init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    /// Started with stdin, stdout or stderr closed (`avail query >&-`), the next
    /// open(2) or socket(2) takes that number, and output meant for the user
    /// would go into an HTTP connection or a cache file. Called first thing:
    /// each closed one is held by /dev/null, read-only, so that writing to it
    /// fails (EBADF) and is reported instead.
    static func holdStandardDescriptors() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            _ = open("/dev/null", O_RDONLY) // the lowest free number: this one
        }
        _ = standard
        _ = standardError
    }

    /// Whether `fd` came from whoever started avail. The Swift runtime opens
    /// descriptors before `main` (libdispatch's eventfd took a closed stdout's
    /// number); those are close-on-exec, which no descriptor that came through
    /// exec(2) can be.
    static func isInherited(_ fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFD)
        return flags != -1 && flags & FD_CLOEXEC == 0
    }

    var isReaderGone: Bool { readerGone.load(ordering: .relaxed) }

    /// Writes all of `text`: partial writes are continued, EINTR retried, a
    /// non-blocking descriptor (EAGAIN) waited on until it takes more.
    func write(_ text: String) throws(Failure) {
        guard !isReaderGone else { return }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fileDescriptor, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes = bytes.dropFirst(n)
                continue
            }
            // write(2) of a non-empty buffer returning 0 is an error without errno; retrying could spin forever.
            let e = n == 0 ? EIO : errno
            switch e {
            case EINTR: continue
            case EAGAIN:
                var ready = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, -1)
            case EPIPE:
                readerGone.store(true, ordering: .relaxed)
                return
            default:
                throw .cannotWrite(errno: e)
            }
        }
    }
}

/// Prints to standard output; a write that fails ends the command with one
/// line and exit 8 (CommandFailure.outputFailed).
func write(_ text: String) throws(CommandFailure) {
    do { try OutputWriter.standard.write(text) } catch {
        throw CommandFailure(message: error.description, code: CommandFailure.outputFailed)
    }
}

/// Messages on stderr may quote servers: they go out cleaned (TerminalText).
/// A failure to write them has nowhere left to be reported, so it is ignored.
func writeStandardError(_ text: String) {
    _ = writeAll(OutputWriter.standardError, TerminalText.clean(text))
}
