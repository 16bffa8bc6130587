import Foundation
import Testing

/// `avail slots` prints free stretches by default, on both servers: one line
/// per stretch, in the reader's zone with the zone named; ics as one
/// VFREEBUSY of FBTYPE=FREE periods; JSON with the stretches; --starts the
/// every-step listing.
extension LocalServerSuites {
@Suite struct SlotStretchesCommandTests {
    static let servers = ["AVAIL_TEST_DAVICAL_URL", "AVAIL_TEST_CYRUS_URL"]

    func env(_ server: String) throws -> [String: String] {
        ["AVAIL_URL": try LocalServers.value(server), "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"]
    }

    static let week = ["slots", "--from", "2026-12-07", "--days", "5", "--duration", "1h", "bob@example.com", "carol@example.com"]

    @Test(arguments: servers)
    func stretchesAreTheDefault(server: String) throws {
        let run = try runAvail(Self.week, environment: try env(server))
        #expect(run.status == 0, "\(run.stderr)")
        // Bob's and Carol's seeded week (Tests/Servers/README.md), 09:00-17:00 UTC on weekdays;
        // Thursday is Bob's all-day event.
        #expect(run.stdout == """
        Free for 1h or longer, in UTC:
        Mon 7 Dec 10:00–11:00 (1h)
        Mon 7 Dec 12:00–17:00 (5h)
        Tue 8 Dec 09:00–10:00 (1h)
        Tue 8 Dec 12:00–14:00 (2h)
        Tue 8 Dec 15:00–17:00 (2h)
        Wed 9 Dec 09:00–13:00 (4h)
        Wed 9 Dec 15:00–17:00 (2h)
        Fri 11 Dec 09:00–10:00 (1h)
        Fri 11 Dec 11:30–17:00 (5h30)

        """)
    }

    @Test(arguments: servers)
    func theReadersZoneIsNamed(server: String) throws {
        let run = try runAvail(["slots", "--from", "2026-12-07", "--days", "2", "--duration", "1h", "--tz", "America/New_York",
                                "bob@example.com"], environment: try env(server))
        #expect(run.status == 0, "\(run.stderr)")
        // 09:00-17:00 New York is 14:00-22:00 UTC: Bob is free then, but for Tuesday 14:00-15:00 UTC (09:00-10:00 there).
        #expect(run.stdout == """
        Free for 1h or longer, in New York time (America/New_York):
        Mon 7 Dec 09:00–17:00 (8h)
        Tue 8 Dec 10:00–17:00 (7h)

        """)
    }

    @Test(arguments: servers)
    func icsIsOneVFreeBusyOfFreePeriodsThatDoNotOverlap(server: String) throws {
        let run = try runAvail(Self.week + ["--format", "ics"], environment: try env(server))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.components(separatedBy: "\r\n")
        #expect(lines.filter { $0 == "BEGIN:VFREEBUSY" }.count == 1)
        let periods = lines.filter { $0.hasPrefix("FREEBUSY") }
        #expect(periods.allSatisfy { $0.hasPrefix("FREEBUSY;FBTYPE=FREE:") })
        #expect(periods.count == 9)
        let spans = periods.map { $0.split(separator: ":").last.map(String.init) ?? "" }.map { $0.split(separator: "/").map(String.init) }
        #expect(spans.first == ["20261207T100000Z", "20261207T110000Z"])
        for (a, b) in zip(spans, spans.dropFirst()) { #expect(a[1] < b[0], "\(a) overlaps or touches \(b)") }
    }

    /// Rooms exist on DAViCal only; room1 is busy Tuesday 09:00-11:00.
    @Test func eachStretchNamesARoomFreeThroughout() throws {
        let run = try runAvail(["slots", "--from", "2026-12-08T09:00Z", "--to", "2026-12-08T12:00Z", "--tz", "UTC", "--duration", "1h",
                                "--room", "room1@example.com", "--room", "room2@example.com", "bob@example.com"],
                               environment: try env("AVAIL_TEST_DAVICAL_URL"))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
        Free for 1h or longer, in UTC:
        Tue 8 Dec 09:00–12:00 (3h), in room2@example.com
        Tue 8 Dec 11:00–12:00 (1h), in room1@example.com

        """)
    }

    @Test(arguments: servers)
    func jsonHasTheStretchesAndStartsKeepsTheSteps(server: String) throws {
        let json = try runAvail(Self.week + ["--format", "json"], environment: try env(server))
        #expect(json.status == 0, "\(json.stderr)")
        let top = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let stretches = try #require(top["stretches"] as? [[String: Any]])
        #expect(stretches.count == 9)
        #expect(stretches.first?["start"] as? String == "2026-12-07T10:00:00Z")
        #expect(stretches.last?["minutes"] as? Int == 330)
        #expect((top["slots"] as? [Any])?.count == 5)

        let starts = try runAvail(Self.week + ["--starts", "--count", "3"], environment: try env(server))
        #expect(starts.status == 0, "\(starts.stderr)")
        #expect(starts.stdout.hasPrefix("1h slots, 09:00–17:00 "), "\(starts.stdout)")
        #expect(starts.stdout.split(separator: "\n").count == 4)
        #expect(starts.stdout.contains("everyone free"))
    }
}
}
