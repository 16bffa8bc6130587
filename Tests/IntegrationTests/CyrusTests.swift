import Foundation
import Testing
import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar

/// Against the real Cyrus IMAP 3.6 CalDAV that `make test` starts
/// (Tests/Servers/cyrus.sh), seeded with the same week as DAViCal, so the
/// busy time expected is the same; what differs is how Cyrus says it
/// (Tests/Servers/README.md and ../SERVERS.md: CDATA calendar-data, merged and
/// clipped periods, `start/P1D` for all-day, 5.1 for an address it does not know).
extension LocalServerSuites {
@Suite(.serialized) struct CyrusTests {
    static let week = DAViCalTests.week
    var env: [String: String] {
        get throws { ["AVAIL_URL": try LocalServers.cyrusURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"] }
    }

    @Test(arguments: ["/", "/.well-known/caldav", "/dav/", "/dav/principals/user/alice/", "/dav/calendars/user/alice/Default/"])
    func discoversFromAnyStartingURL(path: String) async throws {
        var account = try LocalServers.account(server: try LocalServers.cyrusURL())
        account.serverURL = account.serverURL.withPath(path)
        let d = try await CalDAVSession(account: account, http: HTTPClient()).discover()
        #expect(d.outboxURL.path == "/dav/calendars/user/alice/Outbox/", "from \(path)")
        #expect(d.organizer.uri == "mailto:alice@example.com")
        #expect(d.principalURL.path == "/dav/principals/user/alice/")
    }

    @Test func freeBusyForEveryoneSeeded() async throws {
        let session = CalDAVSession(account: try LocalServers.account(server: try LocalServers.cyrusURL()), http: HTTPClient())
        let d = try await session.discover()
        let attendees = try ["bob@example.com", "carol@example.com", "nobody@example.com"].map { try CalendarUserAddress($0) }
        let request = FreeBusyRequest(organizer: d.organizer, attendees: attendees, window: Self.week,
                                      uid: "avail-integration-\(UInt32.random(in: 0...UInt32.max))",
                                      timestamp: UTCInstant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))
        let result = try await session.queryFreeBusy(request, outbox: d.outboxURL)
        #expect(result.recipients.map(\.recipient.uri) == attendees.map(\.uri))
        // Cyrus answers an address it does not know with 5.1 (not 3.7) and no calendar-data.
        #expect(result.recipients.map(\.status.code) == ["2.0", "2.0", "5.1"])
        #expect(result.recipients[0].busy == DAViCalTests().bobExpected)
        #expect(result.recipients[1].busy == [
            BusyPeriod(start: DAViCalTests.at(8, 10), end: DAViCalTests.at(8, 12), type: .busy),
            BusyPeriod(start: DAViCalTests.at(9, 13), end: DAViCalTests.at(9, 15), type: .busy),
        ])
        #expect(result.recipients[2].busy == nil)
    }

    @Test func queryJSONEndToEnd() throws {
        let run = try runAvail(["query", "--from", "2026-12-07", "--to", "2026-12-11", "--format", "json",
                                "bob@example.com", "carol@example.com", "nobody@example.com"], environment: try env)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["organizer"] as? String == "mailto:alice@example.com")
        let recipients = try #require(json["recipients"] as? [[String: Any]])
        #expect(recipients.map { $0["status"] as? String } == ["2.0", "2.0", "5.1"])
        let bob = try #require(recipients[0]["busy"] as? [[String: String]])
        #expect(bob.map { "\($0["start"]!)/\($0["end"]!) \($0["type"]!)" } == DAViCalTests().bobExpected.map(\.description))
        #expect(recipients[2]["known"] as? Bool == false)
    }

    @Test func textOutputNamesTheFailure() throws {
        let run = try runAvail(["query", "--from", "2026-12-07", "--days", "1", "carol@example.com", "nobody@example.com"], environment: try env)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("nobody@example.com  5.1 Service unavailable"), "\(run.stdout)")
        #expect(run.stdout.contains("busy time unknown"))
    }

    /// Cyrus lists only principals whose calendar home the searcher may look
    /// up; cyrus.sh grants `l` to anyone, as a site with a directory would.
    @Test func whoFindsBob() throws {
        let run = try runAvail(["who", "bo"], environment: try env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "bob <bob@example.com>\n")
    }

    @Test func wrongPasswordExits3() throws {
        var e = try env
        e["AVAIL_PASSWORD"] = "not-the-password"
        let run = try runAvail(["query", "bob@example.com"], environment: e)
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("avail: authentication failed for alice at "))
        #expect(!run.stderr.contains("not-the-password"))
    }
}
}
