#if canImport(Glibc)
import Glibc
#endif

/// Keeps the password out of core files. avail holds it (plain, and as Basic
/// base64 inside libcurl) for its whole run, so core dumps are turned off before
/// the config is read: a crash or `kill -SEGV` under `ulimit -c unlimited` must
/// not leave the password on disk.
enum SecretProtection {
    /// `PR_SET_DUMPABLE` from <linux/prctl.h>, which Swift's Glibc module does not import.
    static let setDumpable: Int32 = 4

    static func disableCoreDumps() {
        // RLIMIT_CORE 0 stops core files written by the kernel. It is not enough
        // alone: a core_pattern that pipes to a helper (systemd-coredump, apport)
        // does not obey it.
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit)
        // Not dumpable: no core at all, and other processes of the same user may
        // not ptrace us or read /proc/PID/mem. prctl is variadic in C, which Swift
        // cannot call directly; its arguments are all integers, passed the same
        // way to a variadic and a fixed signature on x86_64 and arm64 Linux.
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") {
            _ = unsafeBitCast(symbol, to: Prctl.self)(setDumpable, 0, 0, 0, 0)
        }
    }
}
