import Foundation
import Testing

extension LocalServerSuites {
/// `avail slots` against the seeded week on DAViCal, checked against the
/// hand-worked expectation (Tests/SlotsTests/SlotFinderTests.swift).
@Suite(.serialized) struct SlotsIntegrationTests {
    func env() throws -> [String: String] {
        ["AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"]
    }

    func slots(_ args: [String]) throws -> (CommandRun, [String: Any]) {
        let run = try runAvail(["slots", "--from", "2026-12-07", "--days", "5", "--tz", "UTC", "--format", "json"] + args, environment: try env())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        return (run, json)
    }

    @Test func oneHourForBobAndCarol() throws {
        let (run, json) = try slots(["--duration", "1h", "--step", "30m", "--count", "6", "bob@example.com", "carol@example.com"])
        #expect(run.status == 0)
        let starts = (json["slots"] as? [[String: Any]])?.compactMap { $0["start"] as? String }
        #expect(starts == ["2026-12-07T10:00:00Z", "2026-12-07T12:00:00Z", "2026-12-07T12:30:00Z",
                           "2026-12-07T13:00:00Z", "2026-12-07T13:30:00Z", "2026-12-07T14:00:00Z"])
    }

    @Test func unknownRequiredAttendeeMeansNoPromiseUnlessIgnored() throws {
        let (_, strict) = try slots(["bob@example.com", "dave@example.com"])
        #expect((strict["slots"] as? [Any])?.isEmpty == true)
        #expect((strict["note"] as? String)?.contains("1 of 2 required attendees known") == true)
        let (_, around) = try slots(["--ignore-unknown", "--count", "1", "bob@example.com", "nobody@example.com"])
        let first = try #require((around["slots"] as? [[String: Any]])?.first)
        #expect(first["start"] as? String == "2026-12-07T10:00:00Z")
        #expect(first["unknown"] as? [String] == ["mailto:nobody@example.com"])
    }

    @Test func optionalAttendeesRankSlots() throws {
        // Carol required; bob optional: the first slot is one where bob is free too.
        let (_, json) = try slots(["--duration", "1h", "--step", "30m", "--count", "1", "--optional", "bob@example.com", "carol@example.com"])
        let first = try #require((json["slots"] as? [[String: Any]])?.first)
        #expect(first["start"] as? String == "2026-12-07T10:00:00Z")
        #expect(first["free"] as? [String] == ["mailto:carol@example.com", "mailto:bob@example.com"])
    }

    /// Days the cache does not cover are unknown time, not free: with only
    /// Monday and Tuesday cached, an offline search finds slots on those days only.
    @Test(arguments: ["davical", "cyrus"]) func timeTheCacheDoesNotCoverIsNotFree(server: String) throws {
        let url = server == "cyrus" ? try LocalServers.cyrusURL() : try LocalServers.davicalURL()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("avail-gaps-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let environment = ["AVAIL_URL": url.description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw", "XDG_CACHE_HOME": cache]
        let query = try runAvail(["query", "--from", "2026-12-07", "--days", "2", "bob@example.com"], environment: environment)
        #expect(query.status == 0, "\(query.stderr)")
        let run = try runAvail(["slots", "--offline", "--from", "2026-12-07", "--days", "5", "--tz", "UTC", "--format", "json",
                                "--duration", "1h", "--step", "1h", "--count", "100", "bob@example.com"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        let starts = try #require((json["slots"] as? [[String: Any]])?.compactMap { $0["start"] as? String })
        #expect(!starts.isEmpty)
        #expect(starts.allSatisfy { $0 < "2026-12-09" }, "\(starts)")
        #expect(starts.contains { $0.hasPrefix("2026-12-08") })
    }

    /// `avail slots` splits required from optional as `avail book` does: named
    /// both ways is optional, and someone must be left required.
    @Test(arguments: ["davical", "cyrus"]) func someoneNamedBothWaysIsOptional(server: String) throws {
        let url = server == "cyrus" ? try LocalServers.cyrusURL() : try LocalServers.davicalURL()
        let environment = ["AVAIL_URL": url.description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"]
        let common = ["slots", "--from", "2026-12-07", "--days", "5", "--tz", "UTC", "--format", "json"]
        let run = try runAvail(common + ["bob@example.com", "carol@example.com", "--optional", "carol@example.com"], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        #expect(json["required"] as? [String] == ["mailto:bob@example.com"])
        #expect(json["optional"] as? [String] == ["mailto:carol@example.com"])
        let none = try runAvail(common + ["bob@example.com", "--optional", "bob@example.com"], environment: environment)
        #expect(none.status == 2)
        #expect(none.stdout.isEmpty)
        #expect(none.stderr == "avail: everyone named is --optional: name at least one required attendee (see `avail slots --help`)\n")
    }
}
}
