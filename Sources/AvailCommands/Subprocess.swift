#if canImport(Glibc)
import Glibc
#endif

/// The user's home: $HOME, else the password database's entry.
func homeDirectory() -> String {
    if let h = getenv("HOME"), h.pointee != 0 { return String(cString: h) }
    if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) }
    return "/"
}

/// How a command run by `runShell` ended.
enum ShellOutcome: Equatable {
    /// It exited (or was killed by a signal: 128 + the signal), with its standard output.
    case finished(status: Int32, output: [UInt8])
    /// It ran past the time limit; it and everything it started were killed.
    case timedOut
}

/// Runs `/bin/sh -c command` with stdin from /dev/null and returns its exit
/// status and standard output (at most `limit` bytes are kept). posix_spawn,
/// not Foundation's Process: this is all the config's password_command needs.
///
/// The command gets a process group of its own, so that on `timeout` the shell
/// and whatever it started (a `sleep`, a hung `gpg`) are killed together; `notice`
/// is called once if it is still running after `noticeAfter` seconds, so that a
/// wait is never silent. Returns nil if the command could not be started.
func runShell(_ command: String, limit: Int = 64 * 1024, timeout: Double = .infinity,
              noticeAfter: Double = .infinity, notice: () -> Void = {}) -> ShellOutcome? {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return nil }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    posix_spawn_file_actions_addclose(&actions, fds[1])
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // The child starts with default signal handling and nothing blocked.
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU] { sigaddset(&defaults, s) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    // Group 0: a new group led by the child, which a timeout kills as a whole.
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
    defer { for p in argv { free(p) } }
    let rc = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
    close(fds[1])
    guard rc == 0 else { close(fds[0]); return nil }
    let terminal = ForegroundHandoff(to: pid)
    defer { terminal.giveBack() } // after the command is reaped, on every path
    let started = monotonicSeconds()
    var noticed = false
    /// Milliseconds until the next thing to do (the notice or the deadline), or
    /// nil once the deadline has passed; calls `notice` when its time has come.
    func nextWait() -> Int32? {
        let elapsed = monotonicSeconds() - started
        if elapsed >= timeout { return nil }
        if !noticed, elapsed >= noticeAfter { noticed = true; notice() }
        let until = min(timeout, noticed ? .infinity : noticeAfter) - elapsed
        return until.isFinite ? Int32(min(max(until * 1000, 1), 60_000).rounded(.up)) : -1
    }
    func giveUp() -> ShellOutcome {
        kill(-pid, SIGKILL)
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return .timedOut
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        guard let wait = nextWait() else { return giveUp() }
        var entry = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, wait)
        if ready < 0 { if errno == EINTR { continue }; break }
        if ready == 0 { continue }
        let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
        if n < 0 { if errno == EINTR { continue }; break }
        if n == 0 { break }
        if output.count < limit { output += buffer[0..<min(n, limit - output.count)] }
    }
    close(fds[0])
    // Its output is closed; the shell itself may still be running (`exec >&-; sleep 1000`).
    var status: Int32 = 0
    while true {
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { break }
        if r < 0 && errno != EINTR { break }
        guard nextWait() != nil else {
            kill(-pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return .timedOut
        }
        usleep(10_000)
    }
    // WIFEXITED / WEXITSTATUS, spelled out (they are macros in C).
    let exited = status & 0x7F == 0
    return .finished(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), output: output)
}

/// A command in a process group of its own is in the terminal's background:
/// reading /dev/tty (a passphrase prompt) would stop it with SIGTTIN, and
/// Ctrl-C would end avail but leave it running. So while it runs, the terminal's
/// foreground goes to its group, if it was avail's; it comes back when it ends.
private final class ForegroundHandoff {
    private let tty: Int32
    private var handed = false
    private var savedMask = sigset_t()

    init(to group: pid_t) {
        tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard tty >= 0, tcgetpgrp(tty) == getpgrp() else { return }
        // SIGTTOU blocked: in the background meanwhile, avail may still write its
        // notice and take the terminal back without being stopped (POSIX tcsetpgrp).
        var ttou = sigset_t()
        sigemptyset(&ttou)
        sigaddset(&ttou, SIGTTOU)
        pthread_sigmask(SIG_BLOCK, &ttou, &savedMask)
        if tcsetpgrp(tty, group) == 0 {
            handed = true
            kill(-group, SIGCONT) // it may have touched the terminal before it was handed over
        } else {
            pthread_sigmask(SIG_SETMASK, &savedMask, nil)
        }
    }

    func giveBack() {
        guard handed else { return }
        handed = false
        tcsetpgrp(tty, getpgrp())
        pthread_sigmask(SIG_SETMASK, &savedMask, nil)
    }

    deinit {
        giveBack()
        if tty >= 0 { close(tty) }
    }
}

/// Seconds on a clock that never jumps (CLOCK_MONOTONIC), for deadlines.
private func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
