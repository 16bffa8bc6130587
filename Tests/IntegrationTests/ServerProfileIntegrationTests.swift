import Foundation
import Testing

extension LocalServerSuites {
/// The server profile through the binary: a query teaches it, `avail discover`
/// shows it, on DAViCal and on Cyrus, and a corrupt one is set aside and relearned.
@Suite(.serialized) struct ServerProfileIntegrationTests {
    func environment(_ server: FreeBusyBatchesIntegrationTests.Server, home: String) throws -> [String: String] {
        ["AVAIL_URL": try server.url().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw", "HOME": home]
    }

    func home() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("avail-profile-home-\(UUID().uuidString)").path
    }

    /// DAViCal answers an unknown address 3.7; Cyrus 5.1.
    @Test(arguments: FreeBusyBatchesIntegrationTests.Server.allCases)
    func discoverShowsHowTheServerAnswersUnknownUsers(server: FreeBusyBatchesIntegrationTests.Server) throws {
        let home = home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = try environment(server, home: home)
        let before = try runAvail(["discover"], environment: env)
        #expect(before.status == 0, "\(before.stderr)")
        // discover itself learns from the outbox's DAV classes: both servers do RFC 6638 scheduling.
        #expect(before.stdout.contains("  draft-era Originator/Recipient headers: not needed\n"), "on \(server): \(before.stdout)")
        #expect(!before.stdout.contains("unknown users"), "on \(server): \(before.stdout)")

        let query = try runAvail(["query", "--refresh", "bob@example.com", "nobody@example.com"], environment: env)
        #expect(query.status == 0, "on \(server): \(query.stderr)")

        let expected = server == .davical ? "3.7" : "5.1"
        let after = try runAvail(["discover"], environment: env)
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("  unknown users answered as \(expected)\n"), "on \(server): \(after.stdout)")
        #expect(after.stdout.contains("  batching: above 40 attendees, POSTs of at most 50, 4 at once\n"), "on \(server)")

        let json = try runAvail(["discover", "--json"], environment: env)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        let profile = object["profile"] as? [String: Any] ?? [:]
        #expect(!profile.isEmpty, "on \(server): \(json.stdout)")
        #expect(profile["unknownUsers"] as? String == expected, "on \(server)")
        #expect(profile["draftHeaders"] as? Bool == false, "on \(server)")
        #expect((profile["batching"] as? [String: Any])?["parallel"] as? Int == 4)
    }

    @Test func aCorruptProfileIsSetAsideWithOneWarningAndRelearned() throws {
        let home = home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = try environment(.davical, home: home)
        let first = try runAvail(["query", "--refresh", "bob@example.com", "nobody@example.com"], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let found = FileManager.default.enumerator(atPath: home)?.compactMap { $0 as? String }.filter { $0.hasSuffix("/server-profile") } ?? []
        #expect(found.count == 1, "one server-profile under \(home): \(found)")
        let path = home + "/" + (found.first ?? "server-profile")
        try "# avail server profile, format 1\nunknown-users: 3".write(toFile: path, atomically: false, encoding: .utf8)

        let second = try runAvail(["query", "--refresh", "bob@example.com", "nobody@example.com"], environment: env)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.components(separatedBy: "server-profile").count == 2, "one warning: \(second.stderr)")
        #expect(FileManager.default.fileExists(atPath: path + ".bad"))
        let relearned = try String(contentsOfFile: path, encoding: .utf8)
        #expect(relearned.contains("unknown-users: 3.7\n"))
        let third = try runAvail(["query", "bob@example.com"], environment: env)
        #expect(!third.stderr.contains("server-profile"), "said once: \(third.stderr)")
    }
}
}
