import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension LocalServerSuites {
/// How the real binary ends against the real DAViCal when a refresh fails
/// behind a warm cache and when its output cannot be written.
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
        #expect(slots.stdout.contains("slots"), "\(slots.stdout)")
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

    @Test func aClosedPipeEndsQuietly() throws {
        // `true` has exited long before avail has an answer to print: its write gets EPIPE.
        let run = try shell(["query"] + Self.window + ["--format", "json", "bob@example.com"],
                            redirect: "| true; echo \"${PIPESTATUS[0]}\"", environment: try account())
        #expect(run.stdout == "0\n", "\(run.stderr)")
        #expect(run.stderr == "")
    }
}
}
