import Foundation
import Testing

/// `avail hours`, `hours set`, `hours clear` through the real binary. carol's
/// hours are bounded to March 2027 (--from/--until) and cleared afterwards,
/// so tests running at the same time see her seeded week unchanged.
extension LocalServerSuites {
@Suite(.serialized) struct HoursCommandTests {
    static let season = ["--tz", "Europe/Berlin", "--from", "2027-03-01", "--until", "2027-03-31"]

    static func env(_ user: String, _ server: String) throws -> [String: String] {
        let url = server == "cyrus" ? try LocalServers.cyrusURL() : try LocalServers.davicalURL()
        return ["AVAIL_URL": url.description, "AVAIL_USER": user, "AVAIL_PASSWORD": user + "pw"]
    }

    /// carol's busy time as alice's `query --format json` reports it, "start/end TYPE" in UTC.
    static func carolSeenByAlice(_ server: String) throws -> [String] {
        let run = try runAvail(["query", "--from", "2027-03-26", "--to", "2027-03-29", "--format", "json", "carol@example.com"],
                               environment: try env("alice", server))
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let recipients = try #require(json["recipients"] as? [[String: Any]])
        let busy = try #require(recipients.first?["busy"] as? [[String: Any]])
        return busy.map { "\($0["start"] as? String ?? "?")/\($0["end"] as? String ?? "?") \($0["type"] as? String ?? "?")" }
    }

    @Test func onCyrusCarolsHoursChangeWhatAliceSeesAndClearRestores() throws {
        let carol = try Self.env("carol", "cyrus")
        defer { _ = try? runAvail(["hours", "clear"], environment: carol) }
        let set = try runAvail(["hours", "set", "mon-fri", "09:00-17:00"] + Self.season, environment: carol)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("stored on ") && set.stdout.contains("mon-fri 09:00-17:00 (Europe/Berlin)"), "\(set.stdout)")
        #expect(set.stdout.contains("the server applies them"), "\(set.stdout)")

        let shown = try runAvail(["hours"], environment: carol)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout == "mon-fri 09:00-17:00 (Europe/Berlin) from Mon 2027-03-01 00:00 CET until Thu 2027-04-01 00:00 CEST\n")

        // Friday in CET, Monday in CEST: 09:00-17:00 Berlin is 08:00-16:00 and 07:00-15:00 UTC.
        #expect(try Self.carolSeenByAlice("cyrus") == [
            "2027-03-26T00:00:00Z/2027-03-26T08:00:00Z BUSY-UNAVAILABLE",
            "2027-03-26T16:00:00Z/2027-03-29T07:00:00Z BUSY-UNAVAILABLE",
            "2027-03-29T15:00:00Z/2027-03-30T00:00:00Z BUSY-UNAVAILABLE",
        ])

        let clear = try runAvail(["hours", "clear"], environment: carol)
        #expect(clear.status == 0, "\(clear.stderr)")
        #expect(try Self.carolSeenByAlice("cyrus") == [])
        let none = try runAvail(["hours", "--format", "json"], environment: carol)
        #expect(none.status == 0 && none.stdout == "{\n  \"hours\": null\n}\n", "\(none.stdout)")
    }

    @Test func onDAViCalSetSaysTheServerOnlyStoresThem() throws {
        let carol = try Self.env("carol", "davical")
        defer { _ = try? runAvail(["hours", "clear"], environment: carol) }
        let set = try runAvail(["hours", "set", "--format", "json", "mon-thu 09:00-12:00,13:00-17:00", "fri", "09:00-13:00"] + Self.season,
                               environment: carol)
        #expect(set.status == 0, "\(set.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(set.stdout.utf8)) as? [String: Any])
        #expect(json["applied"] as? String == "stored-only")
        #expect(json["hours"] as? String == "mon-thu 09:00-12:00,13:00-17:00 fri 09:00-13:00")
        #expect((json["detail"] as? String)?.contains("only stores them") == true)
        // Stored all the same, and read back as written.
        let shown = try runAvail(["hours"], environment: carol)
        #expect(shown.stdout.hasPrefix("mon-thu 09:00-12:00,13:00-17:00 fri 09:00-13:00 (Europe/Berlin)"), "\(shown.stdout)")
        // alice's view of carol does not change.
        #expect(try Self.carolSeenByAlice("davical") == [])
        let clear = try runAvail(["hours", "clear"], environment: carol)
        #expect(clear.status == 0 && clear.stdout.hasPrefix("working hours removed from "), "\(clear.stderr)")
        #expect(try runAvail(["hours"], environment: carol).stdout.hasPrefix("no working hours stored on "))
    }

    @Test(arguments: [
        (["mon-fri", "9-17"], "avail: working hours: \"9-17\" is not a time range"),
        ([], "avail: give your working hours"),
        (["mon-fri", "09:00-17:00", "--tz", "Mars/Base"], "avail: --tz Mars/Base is not a time zone"),
        (["mon", "17:00-09:00"], "avail: working hours: 17:00-09:00 does not end after it starts"),
        (["mon", "09:00-10:00", "--from", "2027-04-01", "--until", "2027-03-01"], "avail: --until 2027-03-01 is not after --from 2027-04-01"),
    ])
    func badHoursExit2WithOneLine(arguments: [String], message: String) throws {
        let run = try runAvail(["hours", "set"] + arguments, environment: try Self.env("carol", "davical"))
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stdout.isEmpty)
    }

    @Test func aWrongPasswordExits3() throws {
        var env = try Self.env("carol", "cyrus")
        env["AVAIL_PASSWORD"] = "wrong"
        let run = try runAvail(["hours"], environment: env)
        #expect(run.status == 3)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }
}
}
