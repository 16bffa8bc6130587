import Foundation
import Testing

extension LocalServerSuites {
/// The two things the server profile learns from failures, on the real
/// servers: how they match addresses with capitals (DAViCal ignores case;
/// Cyrus matches exactly and knows its users lower-cased), and Xandikos's
/// scheduling announced in its DAV: header without an outbox.
@Suite(.serialized) struct ServerProfileLearningIntegrationTests {
    func home() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("avail-profile-home-\(UUID().uuidString)").path
    }

    /// The request lines of a trace (`> METHOD url`).
    func requests(_ trace: String) -> [String] {
        let text = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.hasPrefix("> ") }.map(String.init)
    }

    @Test(arguments: FreeBusyBatchesIntegrationTests.Server.allCases)
    func addressesWithCapitalsAnswerAndTheServersWayIsLearned(server: FreeBusyBatchesIntegrationTests.Server) throws {
        let home = home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let trace = home + "-trace"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        var env = ["AVAIL_URL": try server.url().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw", "HOME": home,
                   "AVAIL_DEBUG": trace]
        let first = try runAvail(["query", "--refresh", "--from", "2026-12-07", "--days", "1", "Bob@Example.com", "carol@example.com"],
                                 environment: env)
        #expect(first.status == 0, "on \(server): \(first.stderr)")
        #expect(first.stdout.contains("Bob@Example.com    2.0 Success\n    Mon 2026-12-07 00:00 – 01:00  BUSY\n"), "on \(server): \(first.stdout)")
        let posts = requests(trace).filter { $0.hasPrefix("> POST") }
        // Cyrus answers Bob@Example.com 5.1: one more POST, lower-cased; DAViCal answers at once.
        #expect(posts.count == (server == .cyrus ? 2 : 1), "on \(server): \(posts)")

        env["AVAIL_DEBUG"] = nil
        let discover = try runAvail(["discover"], environment: env)
        #expect(discover.status == 0, "\(discover.stderr)")
        let expected = server == .cyrus ? "  addresses: case-sensitive (sent lower-cased)\n" : "  addresses: case-insensitive\n"
        #expect(discover.stdout.contains(expected), "on \(server): \(discover.stdout)")
        let json = try runAvail(["discover", "--json"], environment: env)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        #expect((object["profile"] as? [String: Any])?["addresses"] as? String == (server == .cyrus ? "case-sensitive" : "case-insensitive"))

        // The next query sends the form that works at once: one POST.
        try? FileManager.default.removeItem(atPath: trace)
        env["AVAIL_DEBUG"] = trace
        let second = try runAvail(["query", "--refresh", "--from", "2026-12-07", "--days", "1", "Bob@Example.com"], environment: env)
        #expect(second.status == 0 && second.stdout.contains("Bob@Example.com  2.0 Success"), "on \(server): \(second.stdout)")
        #expect(requests(trace).filter { $0.hasPrefix("> POST") }.count == 1, "on \(server)")
        let body = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
        #expect(body.contains(server == .cyrus ? "ATTENDEE:mailto:bob@example.com" : "ATTENDEE:mailto:Bob@Example.com"), "on \(server)")
    }

    /// An address unknown in any case costs one retry and teaches nothing.
    @Test func anUnknownAddressWithCapitalsStaysUnknownOnCyrus() throws {
        let home = home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = ["AVAIL_URL": try LocalServers.cyrusURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw", "HOME": home]
        let run = try runAvail(["query", "--refresh", "--from", "2026-12-07", "--days", "1", "Nobody@Example.com"], environment: env)
        #expect(run.stdout.contains("Nobody@Example.com  5.1"), "\(run.stdout) \(run.stderr)")
        let discover = try runAvail(["discover"], environment: env)
        #expect(!discover.stdout.contains("  addresses: case"), "nothing learned: \(discover.stdout)")
    }

    /// Xandikos 0.2 announces `calendar-auto-scheduling` but has no
    /// schedule-outbox-URL: the first query finds out and says so; the next
    /// says it without a request; --refresh looks again.
    @Test func xandikosSchedulingIsAnnouncedButAbsentAndSaidAtOnce() throws {
        let home = home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let trace = home + "-trace"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let url = try LocalServers.value("AVAIL_TEST_XANDIKOS_URL")
        var env = ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw", "HOME": home]
        let said = "avail: the server announces scheduling (calendar-auto-scheduling) but does not answer free/busy requests"
            + " (no schedule-outbox-URL on \(url)user/); use published free/busy (fburl in the config) or `avail publish`\n"

        let first = try runAvail(["query", "bob@example.com"], environment: env)
        #expect(first.status == 4 && first.stderr == said, "\(first.stderr)")
        let found = FileManager.default.enumerator(atPath: home)?.compactMap { $0 as? String }.filter { $0.hasSuffix("/server-profile") } ?? []
        let profile = try String(contentsOfFile: home + "/" + (try #require(found.first)), encoding: .utf8)
        #expect(profile.contains("scheduling: announced-but-absent\nscheduling-announced: calendar-auto-scheduling\n"), "\(profile)")

        env["AVAIL_DEBUG"] = trace
        for args in [["query", "bob@example.com"], ["slots", "bob@example.com"]] {
            try? FileManager.default.removeItem(atPath: trace)
            let again = try runAvail(args, environment: env)
            #expect(again.status == 4 && again.stderr == said, "\(args): \(again.stderr)")
            #expect(requests(trace).isEmpty, "\(args): said without asking: \(requests(trace))")
        }
        try? FileManager.default.removeItem(atPath: trace)
        let refreshed = try runAvail(["query", "--refresh", "bob@example.com"], environment: env)
        #expect(refreshed.status == 4 && refreshed.stderr == said, "\(refreshed.stderr)")
        #expect(requests(trace).contains { $0.hasPrefix("> PROPFIND") }, "--refresh looks again")

        env["AVAIL_DEBUG"] = nil
        let discover = try runAvail(["discover"], environment: env)
        #expect(discover.status == 4 && discover.stderr == said && discover.stdout.isEmpty, "\(discover.stderr)")
    }
}
}
