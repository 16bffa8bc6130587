import Foundation
import Testing

extension LocalServerSuites {
/// `avail who` on DAViCal's directory, config groups, and groups as attendees.
@Suite(.serialized) struct WhoTests {
    @Test func findsBobByPartOfHisName() throws {
        let run = try runAvail(["who", "bo"], environment: [
            "AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Bob Example <bob@example.com>\n")
    }

    @Test func groupsCompleteAndExpand() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-who-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let file = home + "/config"
        try "url = \(try LocalServers.davicalURL())\nuser = alice\npassword = alicepw\ngroup = team: bob@example.com, carol@example.com\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let who = try runAvail(["who", "--config", file, "tea"], environment: ["HOME": home])
        #expect(who.stdout.hasPrefix("team  (group: bob@example.com, carol@example.com)\n"), "\(who.stdout) \(who.stderr)")
        let query = try runAvail(["query", "--config", file, "--from", "2026-12-07", "--format", "json", "team", "bob@example.com"],
                                 environment: ["HOME": home])
        #expect(query.status == 0, "\(query.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [String: Any])
        #expect((json["recipients"] as? [[String: Any]])?.compactMap { $0["recipient"] as? String }
                == ["mailto:bob@example.com", "mailto:carol@example.com"])
    }
}
}
