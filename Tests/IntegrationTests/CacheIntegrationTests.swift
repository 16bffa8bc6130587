import Foundation
import Testing

extension LocalServerSuites {
/// The cache against the real DAViCal: warm answers without the network, stale
/// answers with the error when the server is gone, --offline, and refresh.
@Suite(.serialized) struct CacheIntegrationTests {
    func environment(home: String) throws -> [String: String] {
        ["AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw", "HOME": home]
    }

    func recipients(_ run: CommandRun) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "stdout: \(run.stdout) stderr: \(run.stderr)")
        return try #require(json["recipients"] as? [[String: Any]])
    }

    @Test func warmQueryNeedsNoServerThenStaleThenRefresh() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-cache-home-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = try environment(home: home)
        let args = ["query", "--from", "2026-12-07", "--days", "5", "--format", "json", "bob@example.com", "dave@example.com"]

        let cold = try runAvail(args, environment: env)
        #expect(cold.status == 0, "\(cold.stderr)")
        #expect(try recipients(cold).map { $0["source"] as? String } == ["server", "server"])

        // The server is gone: a second query within the TTL still answers, from the
        // cache alone, which proves it made no request.
        try LocalServers.davical("pause")
        defer { try? LocalServers.davical("resume") }
        let warm = try runAvail(args, environment: env)
        #expect(warm.status == 0, "\(warm.stderr)")
        let warmRows = try recipients(warm)
        #expect(warmRows.map { $0["source"] as? String } == ["cache", "cache"])
        #expect(warmRows.map { $0["stale"] as? Bool } == [false, false])
        #expect(warmRows.map { $0["status"] as? String } == ["2.0", "3.8"])
        #expect((warmRows[0]["busy"] as? [Any])?.count == 9)
        #expect(warm.stderr.isEmpty)

        // Past the TTL: the stale answer is shown, with the network error.
        let stale = try runAvail(args + ["--max-age", "0"], environment: env)
        #expect(stale.status == 0)
        let staleRows = try recipients(stale)
        #expect(staleRows.map { $0["stale"] as? Bool } == [true, true])
        #expect((staleRows[0]["error"] as? String)?.contains("cannot connect") == true)
        #expect(stale.stderr.hasPrefix("avail: warning: showing cached answers"))

        // --refresh asked for the server's answer: the stale one is still shown, but
        // the failure to refresh is the exit code.
        let refused = try runAvail(args + ["--refresh"], environment: env)
        #expect(refused.status == 5, "\(refused.stderr)")
        #expect(try recipients(refused).map { $0["stale"] as? Bool } == [true, true], "\(refused.stdout)")
        #expect(refused.stderr.hasPrefix("avail: cannot connect"), "\(refused.stderr)")

        // --offline: the cache only; someone never asked about is unknown, not free.
        let offline = try runAvail(args + ["--offline", "carol@example.com"], environment: env)
        #expect(offline.status == 0)
        let offlineRows = try recipients(offline)
        #expect(offlineRows.map { $0["source"] as? String } == ["cache", "cache", "cache"])
        #expect(offlineRows[2]["known"] as? Bool == false)

        // Nothing cached and no server: the network error, as without a cache.
        let nothing = try runAvail(["query", "--from", "2026-12-07", "carol@example.com"], environment: env)
        #expect(nothing.status == 5)

        // Back: --refresh asks the server again.
        try LocalServers.davical("resume")
        let fresh = try runAvail(args + ["--refresh"], environment: env)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(try recipients(fresh).map { $0["source"] as? String } == ["server", "server"])
    }

    @Test func aMovedOutboxIsRediscoveredOnce() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-cache-home-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = try environment(home: home)
        let first = try runAvail(["query", "--from", "2026-12-07", "bob@example.com"], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        // Point the cached discovery at an outbox that does not exist.
        let root = home + "/.cache/avail"
        let account = try #require(try FileManager.default.contentsOfDirectory(atPath: root).first)
        let file = root + "/" + account + "/discovery"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "/caldav.php/alice/.out/", with: "/caldav.php/nobody-here/.out/")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let second = try runAvail(["query", "--from", "2026-12-07", "--refresh", "--format", "json", "bob@example.com"], environment: env)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try recipients(second).first?["status"] as? String == "2.0")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("/caldav.php/alice/.out/"))
    }
}
}

extension LocalServerSuites.CacheIntegrationTests {
    @Test func onlyTheMissingPartIsAskedForAndGapsShowOffline() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-cache-home-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = try environment(home: home)
        let first = try runAvail(["query", "--from", "2026-12-07", "--to", "2026-12-08", "--format", "json", "bob@example.com"], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let week = try runAvail(["query", "--from", "2026-12-07", "--to", "2026-12-11", "--format", "json", "bob@example.com"], environment: env)
        #expect(week.status == 0, "\(week.stderr)")
        let rows = try recipients(week)
        // The merged week is the same as asking for it whole.
        let busy = try #require(rows.first?["busy"] as? [[String: String]])
        #expect(busy.count == 9)
        // What was asked the second time: 9–12 December only.
        let root = home + "/.cache/avail"
        let account = try #require(try FileManager.default.contentsOfDirectory(atPath: root).first)
        let files = try FileManager.default.contentsOfDirectory(atPath: root + "/" + account + "/mailto=bob@example.com")
            .filter { $0.hasSuffix(".fb") }.sorted()
        #expect(files == ["20261207T000000Z_20261209T000000Z.fb", "20261209T000000Z_20261212T000000Z.fb"])
        // Offline, for a longer span: what is not cached is reported as unknown.
        let offline = try runAvail(["query", "--offline", "--from", "2026-12-07", "--to", "2026-12-13", "--format", "json", "bob@example.com"], environment: env)
        let unknown = try #require(try recipients(offline).first?["unknown"] as? [[String: String]])
        #expect(unknown == [["start": "2026-12-12T00:00:00Z", "end": "2026-12-14T00:00:00Z"]])
    }
}
