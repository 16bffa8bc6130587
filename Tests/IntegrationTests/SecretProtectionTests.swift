import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Starts `arguments` without waiting for it; its output goes to /dev/null.
func spawnInBackground(_ arguments: [String], environment: [String: String]) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
    return try startProcess(arguments, environment: environment, actions: &actions)
}

/// avail holds the password for its whole run: no core file may keep it.
@Suite struct SecretProtectionTests {
    /// Run as another user (nobody) so that the kernel's dumpable flag shows:
    /// the files in /proc/PID of a process that is not dumpable belong to root. Under
    /// `ulimit -c unlimited`, avail waits in password_command; then it gets SIGSYS.
    @Test func coreDumpsAreOffBeforeThePasswordIsRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-core-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(chmod(dir, 0o777) == 0) // nobody writes its core file here, if any
        try "url = http://127.0.0.1:9/\nuser = alice\npassword_command = sleep 4; echo secret\n"
            .write(toFile: dir + "/config", atomically: false, encoding: .utf8)
        #expect(chmod(dir + "/config", 0o644) == 0)
        let avail = try LocalServers.availBinary().resolvingSymlinksInPath().path
        let script = "cd \(dir) && ulimit -c unlimited && exec setpriv --reuid=65534 --regid=65534 --clear-groups -- \(avail) query --config \(dir)/config bob@example.com"
        let pid = try spawnInBackground(["/bin/sh", "-c", script], environment: ["PATH": "/usr/bin:/bin", "HOME": dir, "TZ": "UTC"])
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        // Until the shell has become avail, then a moment for its start-up.
        let deadline = Date().addingTimeInterval(10)
        while (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) != avail, Date() < deadline { usleep(10_000) }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe") == avail)
        usleep(800_000)

        let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
        let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map(String.init) ?? ""
        #expect(core.split(separator: " ", omittingEmptySubsequences: true).dropFirst(4).first == "0", "\(core)")
        var st = stat()
        #expect(stat("/proc/\(pid)/status", &st) == 0)
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        #expect(status.contains("Uid:\t65534"), "avail did not run as nobody: \(status)")
        #expect(st.st_uid == 0, "/proc/\(pid)/status belongs to uid \(st.st_uid): the process is still dumpable")

        // SIGSYS: its default action is a core dump, and Swift's crash handler
        // (which catches SIGSEGV, SIGQUIT and the like and, for one sent by kill,
        // lets the program go on) leaves it alone.
        kill(pid, SIGSYS)
        var waitStatus: Int32 = 0
        _ = waitpid(pid, &waitStatus, 0)
        #expect(waitStatus & 0x7f == SIGSYS, "\(status.split(separator: "\n").filter { $0.hasPrefix("Sig") })")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("core") }
        #expect(left.isEmpty, "core files: \(left)")
    }
}
