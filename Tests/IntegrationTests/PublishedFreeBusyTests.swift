import Foundation
import Testing

extension LocalServerSuites {
/// Published free/busy (FBURL): DAViCal's real freebusy.php for someone the
/// outbox does not know, and .ifb files on a plain web server for an account
/// whose server (Radicale) has no scheduling at all.
@Suite(.serialized) struct PublishedFreeBusyTests {
    func config(_ lines: String) throws -> (home: String, file: String) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-fburl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let file = home + "/config"
        try lines.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        return (home, file)
    }

    func recipients(_ run: CommandRun) throws -> [[String: Any]] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        return try #require(json["recipients"] as? [[String: Any]])
    }

    @Test func davicalFreebusyPhpForSomeoneTheOutboxDoesNotKnow() throws {
        let url = try LocalServers.davicalURL().description
        // carol@elsewhere.example is unknown to the outbox (3.7); her published free/busy is DAViCal's carol.
        let (home, file) = try config("""
        url = \(url)
        user = alice
        password = alicepw
        fburl_for = carol@elsewhere.example \(url)freebusy.php/carol/?start={start}&end={end}
        """)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let run = try runAvail(["query", "--config", file, "--from", "2026-12-07", "--days", "5", "--format", "json",
                                "bob@example.com", "carol@elsewhere.example", "nobody@example.com"], environment: ["HOME": home])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try recipients(run)
        #expect(rows.map { $0["source"] as? String } == ["server", "fburl", "server"])
        #expect(rows[1]["status"] as? String == "2.0")
        let busy = try #require(rows[1]["busy"] as? [[String: String]])
        #expect(busy.map { "\($0["start"]!)/\($0["end"]!)" } == ["2026-12-08T10:00:00Z/2026-12-08T12:00:00Z", "2026-12-09T13:00:00Z/2026-12-09T15:00:00Z"])
        #expect(rows[2]["status"] as? String == "3.7") // no URL for nobody: the outbox's answer stands
    }

    @Test func aServerWithoutSchedulingUsesPublishedFiles() throws {
        let radicale = try LocalServers.value("AVAIL_TEST_RADICALE_URL")
        let plain = try LocalServers.noCalDAVURL()
        let state = ProcessInfo.processInfo.environment["AVAIL_TEST_STATE"] ?? "/tmp/avail-test-servers"
        let ifb = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VFREEBUSY\r\nDTSTART:20261201T000000Z\r\nDTEND:20261231T000000Z\r\nFREEBUSY:20261207T130000Z/PT2H\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n"
        let name = "erin-\(UUID().uuidString.prefix(8))@example.com"
        let path = state + "/davical/static/" + name + ".ifb"
        try ifb.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (home, file) = try config("url = \(radicale)\nuser = alice\nfburl = \(plain){email}.ifb\n")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let run = try runAvail(["query", "--config", file, "--from", "2026-12-07", "--format", "json", name, "nobody@example.com"],
                               environment: ["HOME": home])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try recipients(run)
        #expect(rows.map { $0["source"] as? String } == ["fburl", "fburl"])
        #expect((rows[0]["busy"] as? [[String: String]])?.first?["start"] == "2026-12-07T13:00:00Z")
        #expect(rows[1]["known"] as? Bool == false)
        #expect((rows[1]["error"] as? String)?.contains("HTTP 404") == true)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((json["note"] as? String)?.contains("does not support CalDAV scheduling") == true)
    }
}
}
