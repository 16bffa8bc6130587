import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension LocalServerSuites {
/// How the real binary ends against the real DAViCal when a refresh fails
/// behind a warm cache, when its output cannot be written, and when its cache
/// cannot be written.
@Suite(.serialized) struct ExitCodeTests {
    static let window = ["--from", "2026-12-07", "--days", "5"]

    func account(password: String = "alicepw") throws -> [String: String] {
        ["AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": password]
    }

    func temporaryDirectory(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avail-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    /// Runs avail under bash, its stdout sent where `redirect` says; bash's own stdout holds
    /// avail's exit status when `redirect` is a pipe (`| true`).
    func shell(_ arguments: [String], redirect: String, environment: [String: String]) throws -> CommandRun {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let home = try temporaryDirectory("shell-home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        var env = ["PATH": "/usr/bin:/bin", "HOME": home, "TZ": "UTC", "LANG": "C.UTF-8", "AVAIL": try LocalServers.availBinary().path]
        env.merge(environment) { $1 }
        let r = try spawn(["/bin/bash", "-c", "\"$AVAIL\" \(quoted) \(redirect)"], environment: env)
        return CommandRun(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    // MARK: A refresh that fails behind a warm cache

    @Test func aWrongPasswordBehindAWarmCacheExits3WithTheStaleAnswerMarked() throws {
        let home = try temporaryDirectory("exit-home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        var good = try account()
        good["HOME"] = home
        let query = ["query"] + Self.window + ["--format", "json", "bob@example.com"]
        let warm = try runAvail(query, environment: good)
        #expect(warm.status == 0, "\(warm.stderr)")

        var bad = try account(password: "not-alicepw")
        bad["HOME"] = home
        // Within the same second as the warm query, too: --max-age 0s leaves nothing fresh.
        for flags in [["--refresh"], ["--max-age", "0s"]] {
            let flag = flags.joined(separator: " ")
            let run = try runAvail(query + flags, environment: bad)
            #expect(run.status == 3, "\(flag): \(run.stderr)")
            // The stale answer is still printed, marked stale and from the cache.
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(flag): \(run.stdout)")
            let rows = try #require(json["recipients"] as? [[String: Any]])
            #expect(rows.map { $0["source"] as? String } == ["cache"], "\(flag)")
            #expect(rows.map { $0["stale"] as? Bool } == [true], "\(flag)")
            // One line, the failure first.
            #expect(lines(run.stderr).count == 1, "\(flag): \(run.stderr)")
            #expect(run.stderr.hasPrefix("avail: authentication failed for alice at "), "\(flag): \(run.stderr)")
            #expect(run.stderr.contains("showing cached answers"), "\(flag): \(run.stderr)")
        }

        let slots = try runAvail(["slots"] + Self.window + ["--max-age", "0s", "bob@example.com"], environment: bad)
        #expect(slots.status == 3, "\(slots.stderr)")
        #expect(slots.stdout.contains("Free for 30m or longer"), "\(slots.stdout)")
        #expect(lines(slots.stderr).count == 1 && slots.stderr.hasPrefix("avail: authentication failed for alice"), "\(slots.stderr)")

        // who: the recent attendees still answer, the directory's failure decides the exit.
        let who = try runAvail(["who", "bo"], environment: bad)
        #expect(who.status == 3, "\(who.stderr)")
        #expect(who.stdout == "bob@example.com  (recent)\n")
        #expect(lines(who.stderr).count == 1 && who.stderr.hasPrefix("avail: authentication failed for alice"), "\(who.stderr)")
    }

    // MARK: Output that cannot be written

    @Test(arguments: [
        ["discover"],
        ["query"] + window + ["bob@example.com"],
        ["query"] + window + ["--format", "json", "bob@example.com"],
        ["book", "--dry-run", "--at", "2026-12-08T15:00", "--duration", "1h", "--title", "Full disk", "bob@example.com"],
        ["--help"],
    ])
    func aFullDiskExits8WithOneLine(arguments: [String]) throws {
        let run = try shell(arguments, redirect: "> /dev/full", environment: try account())
        #expect(run.status == 8, "\(arguments): \(run.stderr)")
        #expect(run.stderr == "avail: cannot write the output: No space left on device\n", "\(arguments)")
    }

    @Test func aClosedStandardOutputExits8() throws {
        // Closed, fd 1 was taken by the next socket: the output went to an eventfd or the server.
        let run = try shell(["query"] + Self.window + ["bob@example.com"], redirect: ">&-", environment: try account())
        #expect(run.status == 8, "\(run.stderr)")
        #expect(run.stderr == "avail: cannot write the output: Bad file descriptor\n")
    }

    @Test func aClosedPipeEndsQuietly() throws {
        // `true` has exited long before avail has an answer to print: its write gets EPIPE.
        let run = try shell(["query"] + Self.window + ["--format", "json", "bob@example.com"],
                            redirect: "| true; echo \"${PIPESTATUS[0]}\"", environment: try account())
        #expect(run.stdout == "0\n", "\(run.stderr)")
        #expect(run.stderr == "")
    }

    // MARK: A cache that cannot be written

    @Test func aFileInPlaceOfTheCacheIsSaidOnce() throws {
        let base = try temporaryDirectory("cache-file")
        defer { try? FileManager.default.removeItem(atPath: base) }
        try Data("not a directory\n".utf8).write(to: URL(fileURLWithPath: base + "/avail"))
        var env = try account()
        env["XDG_CACHE_HOME"] = base
        let run = try runAvail(["query"] + Self.window + ["--format", "json", "bob@example.com", "carol@example.com"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"source\": \"server\""))
        #expect(lines(run.stderr) == ["avail: warning: answers are not being cached: cannot write to \(base)/avail/"
                                      + "\(try cacheDirectoryName(run.stderr)): Not a directory"], "\(run.stderr)")
        let slots = try runAvail(["slots"] + Self.window + ["bob@example.com"], environment: env)
        #expect(slots.status == 0, "\(slots.stderr)")
        #expect(lines(slots.stderr).count == 1 && slots.stderr.contains("answers are not being cached"), "\(slots.stderr)")
    }

    /// The account's directory name, as the warning gives it.
    func cacheDirectoryName(_ stderr: String) throws -> String {
        let afterRoot = try #require(stderr.range(of: "/avail/"))
        return String(stderr[afterRoot.upperBound...].prefix { $0 != ":" })
    }

    @Test func aReadOnlyCacheIsSaidOnce() throws {
        // Root writes through mode 0500: the binary runs as nobody, as a user would.
        let base = try temporaryDirectory("cache-readonly")
        defer { try? FileManager.default.removeItem(atPath: base) }
        chmod(base, 0o755)
        let cache = base + "/cache"
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: false)
        let nobody = try #require(getpwnam("nobody"), "no user nobody on this machine").pointee
        try #require(chown(cache, nobody.pw_uid, nobody.pw_gid) == 0 && chmod(cache, 0o500) == 0)
        var env = ["PATH": "/usr/bin:/bin", "HOME": cache, "XDG_CACHE_HOME": cache, "TZ": "UTC", "LANG": "C.UTF-8"]
        env.merge(try account()) { $1 }
        let r = try spawn(["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", try LocalServers.availBinary().path,
                           "query"] + Self.window + ["--format", "json", "bob@example.com"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"source\": \"server\""), "\(r.stdout)")
        #expect(lines(r.stderr) == ["avail: warning: answers are not being cached: cannot create \(cache)/avail: Permission denied"], "\(r.stderr)")
    }
}
}
