#if canImport(Glibc)
import Glibc
#endif

/// Questions asked on the controlling terminal (`/dev/tty`), so they work with
/// standard output redirected and never mix into what a script reads. The
/// descriptor is owned here and closed in `deinit`.
final class TerminalPrompt {
    private let fd: Int32

    /// Nil when the process has no controlling terminal (cron, CI, a pipe).
    init?() {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    func say(_ text: String) {
        _ = writeAll(fd, text)
    }

    /// One line, as typed (the terminal echoes and edits it); nil at end of input.
    func line(_ question: String) -> String? {
        say(question)
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }

    /// A secret, read with echo off (termios, POSIX.1 §11): nothing of it
    /// reaches the screen or the scrollback. Canonical mode and signals are off
    /// too while it is read, so Ctrl-C is seen here and the terminal is put
    /// back as it was before avail leaves (a signal would leave echo off).
    /// Nil when cancelled (Ctrl-C, Ctrl-D on an empty line) or at end of input.
    func secret(_ question: String) -> String? {
        say(question)
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | ISIG)
        withUnsafeMutableBytes(of: &quiet.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        // A signal from outside (kill, the terminal closing, systemd stopping
        // the session) while echo is off would leave the user's shell not
        // echoing: the handler puts the terminal back first, then dies of the
        // same signal as it would have.
        EchoRestorer.arm(fd: fd, saved: saved)
        guard tcsetattr(fd, TCSAFLUSH, &quiet) == 0 else { EchoRestorer.disarm(); return nil }
        defer {
            _ = tcsetattr(fd, TCSAFLUSH, &saved)
            EchoRestorer.disarm()
            say("\n")
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { return nil }
            switch byte {
            case 0x0A, 0x0D: return String(decoding: bytes, as: UTF8.self)
            case 0x03: return nil // Ctrl-C
            case 0x04: if bytes.isEmpty { return nil } // Ctrl-D
            case 0x7F, 0x08: if !bytes.isEmpty { bytes.removeLast() }
            case 0x15: bytes.removeAll() // Ctrl-U
            default: bytes.append(byte)
            }
        }
    }
}

/// The terminal state to put back if a signal ends avail while a secret is
/// being read. A signal handler can reach only global state, and only
/// async-signal-safe calls (tcsetattr, sigaction, raise: POSIX.1 §2.4.3).
private enum EchoRestorer {
    nonisolated(unsafe) static var fd: Int32 = -1
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var previous: [Int32: sigaction] = [:]
    static let signals: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]

    static func arm(fd: Int32, saved: termios) {
        self.saved = saved
        self.fd = fd
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                if EchoRestorer.fd >= 0 { _ = tcsetattr(EchoRestorer.fd, TCSANOW, &EchoRestorer.saved) }
                var original = sigaction()
                original.__sigaction_handler.sa_handler = SIG_DFL
                _ = sigaction(signal, &original, nil)
                _ = raise(signal)
            }
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            _ = sigaction(signal, &action, &old)
            previous[signal] = old
        }
    }

    static func disarm() {
        for (signal, var old) in previous { _ = sigaction(signal, &old, nil) }
        previous = [:]
        fd = -1
    }
}
