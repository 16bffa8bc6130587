import Foundation
import Testing

extension LocalServerSuites {
/// Every suggestion says why, on both servers' seeded Monday (bob busy
/// 09:00-10:00, tentative 11:00-12:00; carol free): carol required, bob optional.
@Suite(.serialized) struct SlotReasonsCommandTests {
    func run(_ server: String) throws -> (CommandRun, [[String: Any]]) {
        let run = try runAvail(["slots", "--from", "2026-12-07", "--to", "2026-12-07", "--tz", "UTC", "--duration", "1h", "--step", "1h",
                                "--count", "8", "--tentative-free", "--optional", "bob@example.com", "--format", "json", "carol@example.com"],
                               environment: ["AVAIL_URL": server, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)\(run.stderr)")
        return (run, try #require(json["slots"] as? [[String: Any]]))
    }

    func check(_ server: String) throws {
        let (run, slots) = try run(server)
        #expect(run.status == 0, "\(run.stderr)")
        // Everyone free first, in time order; then bob tentative at 11; then bob busy at 9.
        #expect(slots.map { $0["start"] as? String } == [10, 12, 13, 14, 15, 16, 11, 9].map { "2026-12-07T\($0 < 10 ? "0" : "")\($0):00:00Z" })
        #expect(slots.map { $0["reason"] as? String } == Array(repeating: "everyone free", count: 6)
            + ["bob@example.com tentative", "optional bob@example.com busy"])
        #expect(slots.map { $0["score"] as? Int } == [100, 100, 100, 100, 100, 100, 95, 85])
        let last = try #require(slots.last?["reasons"] as? [[String: Any]])
        #expect(last.first?["kind"] as? String == "optional-busy" && last.first?["attendee"] as? String == "mailto:bob@example.com")
    }

    @Test func onDAViCal() throws { try check(try LocalServers.davicalURL().description) }
    @Test func onCyrus() throws { try check(try LocalServers.cyrusURL().description) }
}
}
