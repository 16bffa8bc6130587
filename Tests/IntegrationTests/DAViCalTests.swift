import Foundation
import Testing
import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar

/// Against the real DAViCal that `make test` starts (Tests/Servers/davical.sh),
/// seeded with a fixed week, Monday 2026-12-07 to Saturday 2026-12-12 UTC.
/// The seeded events and the busy time each must give are in Tests/Servers/README.md.
extension LocalServerSuites {
@Suite(.serialized) struct DAViCalTests {
    static func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> UTCInstant {
        UTCInstant(year: 2026, month: 12, day: day, hour: hour, minute: minute)!
    }
    static let week = TimeWindow(start: at(7, 0), end: at(12, 0))!

    func busy(_ d1: Int, _ h1: Int, _ m1: Int, _ d2: Int, _ h2: Int, _ m2: Int, _ type: BusyType = .busy) -> BusyPeriod {
        BusyPeriod(start: Self.at(d1, h1, m1), end: Self.at(d2, h2, m2), type: type)
    }

    /// What the seeded events must give for bob, normalised: the straddling event
    /// clipped at the window start, the transparent and cancelled ones absent, the
    /// EXDATE honoured (no Wednesday 08:00), the Berlin event at 14:00 UTC, the two
    /// overlapping Friday events merged, and Thursday taken by the all-day event.
    var bobExpected: [BusyPeriod] {
        [
            busy(7, 0, 0, 7, 1, 0),
            busy(7, 8, 0, 7, 8, 30),
            busy(7, 9, 0, 7, 10, 0),
            busy(7, 11, 0, 7, 12, 0, .busyTentative),
            busy(8, 8, 0, 8, 8, 30),
            busy(8, 14, 0, 8, 15, 0),
            busy(10, 0, 0, 11, 0, 0),
            busy(11, 8, 0, 11, 8, 30),
            busy(11, 10, 0, 11, 11, 30),
        ]
    }

    @Test func discoversTheOutboxAndOrganizer() async throws {
        let session = CalDAVSession(account: try LocalServers.account(), http: HTTPClient())
        let d = try await session.discover()
        #expect(d.organizer.uri.lowercased() == "mailto:alice@example.com")
        #expect(d.outboxURL.path.hasSuffix("/"))
        #expect(d.outboxURL.path.contains("alice"))
        #expect(d.principalURL.path.contains("alice"))
        #expect(d.calendarUserAddresses.contains { $0.lowercased() == "mailto:alice@example.com" })
    }

    /// Whatever URL the user has: the server root, /.well-known/caldav, the
    /// CalDAV root, their principal, or one of their collections.
    @Test(arguments: ["/", "/.well-known/caldav", "/caldav.php/", "/caldav.php/alice/", "/caldav.php/alice/.in/"])
    func discoversFromAnyStartingURL(path: String) async throws {
        var account = try LocalServers.account()
        account.serverURL = account.serverURL.withPath(path)
        let d = try await CalDAVSession(account: account, http: HTTPClient()).discover()
        #expect(d.outboxURL.path == "/caldav.php/alice/.out/", "from \(path)")
        #expect(d.organizer.uri.lowercased() == "mailto:alice@example.com")
    }

    @Test func freeBusyForEveryoneSeeded() async throws {
        let session = CalDAVSession(account: try LocalServers.account(), http: HTTPClient())
        let d = try await session.discover()
        let attendees = try ["bob@example.com", "carol@example.com", "dave@example.com", "nobody@example.com"]
            .map { try CalendarUserAddress($0) }
        let request = FreeBusyRequest(organizer: d.organizer, attendees: attendees, window: Self.week,
                                      uid: "avail-integration-\(UInt32.random(in: 0...UInt32.max))",
                                      timestamp: UTCInstant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))
        let result = try await session.queryFreeBusy(request, outbox: d.outboxURL)
        #expect(result.recipients.map(\.recipient.uri) == attendees.map(\.uri))
        #expect(result.recipients.map(\.status.code) == ["2.0", "2.0", "3.8", "3.7"])
        #expect(result.recipients[0].busy == bobExpected)
        #expect(result.recipients[1].busy == [busy(8, 10, 0, 8, 12, 0), busy(9, 13, 0, 9, 15, 0)])
        #expect(result.recipients[2].busy == nil)
        #expect(result.recipients[3].busy == nil)
    }

    @Test func queryJSONEndToEnd() throws {
        let url = try LocalServers.davicalURL().description
        let run = try runAvail(["query", "--from", "2026-12-07", "--to", "2026-12-11", "--format", "json",
                                "bob@example.com", "carol@example.com", "dave@example.com", "nobody@example.com"],
                               environment: ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((json["organizer"] as? String)?.lowercased() == "mailto:alice@example.com")
        #expect(json["start"] as? String == "2026-12-07T00:00:00Z")
        #expect(json["end"] as? String == "2026-12-12T00:00:00Z")
        let recipients = try #require(json["recipients"] as? [[String: Any]])
        #expect(recipients.map { $0["status"] as? String } == ["2.0", "2.0", "3.8", "3.7"])
        #expect(recipients.map { $0["recipient"] as? String } == ["mailto:bob@example.com", "mailto:carol@example.com", "mailto:dave@example.com", "mailto:nobody@example.com"])
        let bob = try #require(recipients[0]["busy"] as? [[String: String]])
        #expect(bob.map { "\($0["start"]!)/\($0["end"]!) \($0["type"]!)" } == bobExpected.map(\.description))
        #expect(recipients[2]["known"] as? Bool == false)
    }

    @Test func textAndICSFormats() throws {
        let env = ["AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"]
        let text = try runAvail(["query", "--from", "2026-12-07", "--days", "5", "bob@example.com", "dave@example.com"], environment: env)
        #expect(text.status == 0, "stderr: \(text.stderr)")
        #expect(text.stdout.contains("Mon 2026-12-07 11:00 – 12:00  BUSY-TENTATIVE"))
        #expect(text.stdout.contains("3.8"))
        let ics = try runAvail(["query", "--from", "2026-12-07", "--days", "5", "--format", "ics", "bob@example.com"], environment: env)
        #expect(ics.status == 0)
        let vfb = try #require(try Component.parse(ics.stdout).first?.descendants(named: "VFREEBUSY").first)
        #expect(vfb.properties(named: "FREEBUSY").count == bobExpected.count)
    }

    @Test func discoverCommand() throws {
        let run = try runAvail(["discover", "--json"], environment: [
            "AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((json["outbox"] as? String)?.contains("alice") == true)
        #expect((json["dav"] as? [String])?.contains("calendar-access") == true)
    }

    @Test func wrongPasswordExits3WithOneLine() throws {
        let run = try runAvail(["query", "bob@example.com"], environment: [
            "AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "wrong-password"])
        #expect(run.status == 3)
        #expect(run.stderr == "avail: authentication failed for alice at \(try LocalServers.davicalURL().withPath("/.well-known/caldav").description)\n"
                || (run.stderr.hasPrefix("avail: authentication failed for alice at ") && run.stderr.filter { $0 == "\n" }.count == 1),
                "\(run.stderr)")
        #expect(!run.stderr.contains("wrong-password"))
        #expect(run.stdout.isEmpty)
    }

    @Test func aServerWithoutCalDAVExits4() throws {
        let run = try runAvail(["query", "bob@example.com"], environment: [
            "AVAIL_URL": try LocalServers.noCalDAVURL(), "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"])
        #expect(run.status == 4, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("does not look like a CalDAV server"))
        #expect(run.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func aDeadServerExits5() throws {
        let run = try runAvail(["query", "--connect-timeout", "3", "bob@example.com"], environment: [
            "AVAIL_URL": "http://127.0.0.1:9/", "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"])
        #expect(run.status == 5)
        #expect(run.stderr.hasPrefix("avail: cannot connect to http://127.0.0.1:9/"))
    }

    @Test func credentialsInTheURLNeverShowUp() throws {
        var url = try LocalServers.davicalURL()
        url.userinfo = nil
        let withCreds = url.description.replacingOccurrences(of: "://", with: "://alice:alicepw@")
        let run = try runAvail(["query", "bob@example.com", "--from", "2026-12-07", "--days", "1"],
                               environment: ["AVAIL_URL": withCreds])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let bad = try runAvail(["query", "bob@example.com"], environment: [
            "AVAIL_URL": withCreds.replacingOccurrences(of: "alicepw", with: "hunter3")])
        #expect(bad.status == 3)
        #expect(!bad.stderr.contains("hunter3"))
    }
}
}

extension LocalServerSuites.DAViCalTests {
    @Test func debugTraceHasTheExchangesButNoCredentials() throws {
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("avail-trace-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let run = try runAvail(["query", "--from", "2026-12-07", "bob@example.com"], environment: [
            "AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw", "AVAIL_DEBUG": trace])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: trace, encoding: .utf8)
        #expect(text.contains("> PROPFIND "))
        #expect(text.contains("> POST "))
        #expect(text.contains("METHOD:REQUEST"))
        #expect(text.contains("< 200 "))
        #expect(text.contains("> Authorization: [redacted: Basic for alice]"))
        #expect(!text.contains("alicepw"))
        #expect(!text.contains("Basic YWxp")) // base64 of "ali…"
        #expect(try FileManager.default.attributesOfItem(atPath: trace)[.posixPermissions] as? Int == 0o600)
    }
}

extension LocalServerSuites.DAViCalTests {
    @Test func draftEraHeadersOnRequest() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-draft-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let file = home + "/config"
        try "url = \(try LocalServers.davicalURL())\nuser = alice\npassword = alicepw\noriginator_headers = yes\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let run = try runAvail(["query", "--config", file, "--debug", home + "/trace", "--from", "2026-12-07", "bob@example.com"], environment: ["HOME": home])
        #expect(run.status == 0, "\(run.stderr)")
        let trace = try String(contentsOfFile: home + "/trace", encoding: .utf8)
        #expect(trace.contains("> Originator: mailto:alice@example.com"))
        #expect(trace.contains("> Recipient: mailto:bob@example.com"))
    }
}
