import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a tool with posix_spawn and waitpid, its output in a temporary file.
/// Used instead of Foundation's Process for tmux: with tests running in
/// parallel, Process.waitUntilExit was seen to hang on an already-exited child.
func spawnAndWait(_ arguments: [String], timeout: Double = 20) throws -> (status: Int32, output: String) {
    let r = try spawn(["/usr/bin/env"] + arguments, environment: nil, mergeStandardError: true, timeout: timeout)
    return (r.status, r.stdout)
}

/// posix_spawn `argv[0]` with exactly `environment` (or ours when nil); waits up to `timeout`.
func spawn(_ argvStrings: [String], environment: [String: String]?, mergeStandardError: Bool = false,
           timeout: Double = 60) throws -> (status: Int32, stdout: String, stderr: String) {
    let arguments = argvStrings
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("avail-spawn-\(UUID().uuidString)").path
    let outPath = base + ".out", errPath = base + ".err"
    defer { unlink(outPath); unlink(errPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if mergeStandardError {
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
    } else {
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    }
    let pid = try startProcess(arguments, environment: environment, actions: &actions)
    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
        if Date() > deadline {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            throw SpawnFailed(arguments: arguments, code: -1)
        }
        usleep(5_000)
    }
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), out, err)
}

struct SpawnFailed: Error, CustomStringConvertible {
    var arguments: [String]
    var code: Int32
    var description: String { code == -1 ? "\(arguments.joined(separator: " ")) did not finish" : "cannot run \(arguments.first ?? ""): error \(code)" }
}

/// posix_spawn with these file actions; `environment` nil keeps this process's.
/// The child starts with no signal blocked and default handlers: a server it
/// starts (davical.sh resume) must still stop on SIGTERM, whatever this test
/// thread had blocked.
func startProcess(_ arguments: [String], environment: [String: String]?, actions: inout posix_spawn_file_actions_t) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
    defer { for p in envp ?? [] { free(p) } }
    let rc: Int32
    if let envp { rc = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp) }
    else { rc = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ) }
    guard rc == 0 else { throw SpawnFailed(arguments: arguments, code: rc) }
    return pid
}

/// A new, empty HOME for one run of avail: its cache and config are that run's
/// alone. (A HOME that does not exist is no isolation: avail then keeps its cache
/// in the password database's home, the real user's, shared by every test run.)
func scratchHome() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("avail-home-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    return path
}
