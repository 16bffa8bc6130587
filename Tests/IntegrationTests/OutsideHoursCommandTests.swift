import Foundation
import Testing

extension LocalServerSuites.WorkingHoursIntegrationTests {
    /// Through the binary, as alice, while Cyrus applies carol's hours (Mon-Fri
    /// 09:00-17:00 Europe/Berlin, March 2027 only, removed afterwards):
    /// `query` calls her evenings outside working hours, `slots` avoids them
    /// unless --outside-hours (which ranks them last and says why), and a
    /// window that is all outside her hours says so.
    @Test func cyrusOutsideHoursInQueryAndSlots() async throws {
        let server = try LocalServers.cyrusURL()
        let env = ["AVAIL_URL": server.description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw", "TZ": "Europe/Berlin"]
        func slots(_ args: [String]) throws -> [String: Any] {
            let run = try runAvail(["slots", "--tz", "Europe/Berlin", "--hours", "00:00-24:00", "--weekdays", "all", "--duration", "1h",
                                    "--step", "1h", "--count", "100", "--format", "json"] + args + ["carol@example.com"], environment: env)
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)\(run.stderr)")
        }
        try await Self.withCarolsHours(on: server) { _ in
            // Friday 2027-03-26 (CET): her day is 08:00-16:00 UTC.
            let query = try runAvail(["query", "--from", "2027-03-26", "--to", "2027-03-26", "carol@example.com"], environment: env)
            #expect(query.status == 0, "\(query.stderr)")
            #expect(query.stdout.contains("Fri 2027-03-26 17:00 – Sat 2027-03-27 00:00  outside working hours (BUSY-UNAVAILABLE)"), "\(query.stdout)")

            let inside = try slots(["--from", "2027-03-26", "--to", "2027-03-26"])
            let starts = try #require(inside["slots"] as? [[String: Any]]).compactMap { $0["start"] as? String }
            #expect(starts == (8..<16).map { "2027-03-26T\($0 < 10 ? "0" : "")\($0):00:00Z" }, "\(inside)")

            let allowed = try slots(["--outside-hours", "--from", "2027-03-26", "--to", "2027-03-26"])
            let all = try #require(allowed["slots"] as? [[String: Any]])
            #expect(all.count == 24)
            #expect(all.prefix(8).allSatisfy { $0["reason"] as? String == "everyone free" && $0["score"] as? Int == 100 })
            #expect(all.dropFirst(8).allSatisfy { $0["reason"] as? String == "carol@example.com outside their hours" }, "\(all)")

            // Saturday is outside her hours from start to end.
            let weekend = try slots(["--from", "2027-03-27", "--to", "2027-03-27"])
            #expect((weekend["slots"] as? [Any])?.isEmpty == true)
            #expect(weekend["note"] as? String == "every time asked is outside the working hours of carol@example.com: --outside-hours offers such times")
        }
    }
}
