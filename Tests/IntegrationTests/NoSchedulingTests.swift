import Foundation
import Testing
import CalDAVClient
import HTTPClient

extension LocalServerSuites {
/// Radicale and Xandikos have CalDAV but no scheduling: one line, exit 4.
/// (Xandikos announces `calendar-auto-scheduling` in its DAV: header all the
/// same: avail decides by the outbox, and the header only makes the line say
/// that it is announced but absent; ServerProfileLearningIntegrationTests.)
@Suite(.serialized) struct NoSchedulingTests {
    @Test(arguments: ["AVAIL_TEST_RADICALE_URL", "AVAIL_TEST_XANDIKOS_URL"])
    func queryAndDiscoverSaySoInOneLine(server: String) throws {
        let url = try LocalServers.value(server)
        for args in [["query", "bob@example.com"], ["discover"], ["slots", "bob@example.com"]] {
            let run = try runAvail(args, environment: ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"])
            #expect(run.status == 4, "\(args): \(run.stderr)")
            if server == "AVAIL_TEST_XANDIKOS_URL" {
                #expect(run.stderr.hasPrefix("avail: the server announces scheduling (calendar-auto-scheduling) but does not answer"
                                             + " free/busy requests (no schedule-outbox-URL on http://127.0.0.1:"), "\(run.stderr)")
            } else {
                #expect(run.stderr.hasPrefix("avail: http://127.0.0.1:"), "\(run.stderr)")
                #expect(run.stderr.contains(" does not support CalDAV scheduling (RFC 6638): no schedule-outbox-URL on http://127.0.0.1:"))
            }
            #expect(run.stderr.filter { $0 == "\n" }.count == 1)
            #expect(run.stdout.isEmpty)
        }
    }

    /// `avail hours` (show, set, clear) needs the scheduling Inbox: its own
    /// line says there is none and what applies instead, not the free/busy
    /// message about fburl.
    @Test(arguments: ["AVAIL_TEST_RADICALE_URL", "AVAIL_TEST_XANDIKOS_URL"])
    func hoursSaysThereIsNoInbox(server: String) throws {
        let url = try LocalServers.value(server)
        for args in [["hours"], ["hours", "set", "mon-fri", "09:00-17:00", "--tz", "Europe/Berlin"], ["hours", "clear"], ["hours", "--format", "json"]] {
            let run = try runAvail(args, environment: ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw", "HOME": try scratchHome()])
            #expect(run.status == 4, "\(args): \(run.stderr)")
            #expect(run.stderr == "avail: \(url.hasSuffix("/") ? String(url.dropLast()) : url) has no CalDAV scheduling (RFC 6638), so no scheduling Inbox "
                        + "to hold working hours; avail's own working hours apply (slots --hours, the planner's w)\n", "\(args): \(run.stderr)")
            #expect(!run.stderr.contains("fburl"))
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func thePlannerSaysItOnTheRows() throws {
        let url = try LocalServers.value("AVAIL_TEST_RADICALE_URL")
        let bin = try LocalServers.availBinary().path
        let session = "avail-nosched-\(getpid())"
        _ = try spawnAndWait(["tmux", "kill-session", "-t", session])
        _ = try spawnAndWait(["tmux", "new-session", "-d", "-s", session, "-x", "140", "-y", "24",
                              "AVAIL_URL=\(url) AVAIL_USER=alice AVAIL_PASSWORD=x HOME=\(try scratchHome()) TZ=UTC \(bin) bob@example.com; sleep 30"])
        defer { _ = try? spawnAndWait(["tmux", "kill-session", "-t", session]) }
        var screen = ""
        for _ in 0..<100 {
            screen = try spawnAndWait(["tmux", "capture-pane", "-p", "-t", session]).output
            if screen.contains("does not support CalDAV scheduling") { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(screen.contains("does not support CalDAV scheduling (RFC 6638)"), "\(screen)")
        #expect(screen.split(separator: "\n").first { $0.hasPrefix("bob@example.com") }?.contains("err") == true)
    }

    /// Booking where there is no scheduling: Xandikos stores the meeting (its
    /// calendar from --defaults) and avail says the invitations were not sent;
    /// Radicale's fresh user has no calendar at all: one line, exit 4.
    @Test func bookingStoresTheMeetingButSaysNobodyWasInvited() async throws {
        let url = try LocalServers.value("AVAIL_TEST_XANDIKOS_URL")
        let uid = "avail-nosched-\(UUID().uuidString)"
        let run = try runAvail(["book", "--organizer", "alice@example.com", "--at", "2029-01-08T10:00Z", "--title", "Stored only",
                                "--uid", uid, "bob@example.com"], environment: ["AVAIL_URL": url])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Booked \"Stored only\""), "\(run.stdout)")
        #expect(run.stderr.contains("no CalDAV scheduling (no schedule-outbox-URL)"))
        #expect(run.stderr.contains("the invitations were probably not sent"), "\(run.stderr)")
        // It is really there.
        let stored = try #require(run.stdout.split(separator: "\n").first { $0.contains("event:") }?.split(separator: " ").last)
        let session = CalDAVSession(account: Account(serverURL: try #require(HTTPURL(string: url)), credentials: nil), http: HTTPClient())
        let text = try await session.fetchEvent(try #require(HTTPURL(string: String(stored))))
        #expect(text.contains("UID:\(uid)"))
        #expect(text.contains("SUMMARY:Stored only"))
    }

    @Test func bookingWithNoCalendarSaysSo() throws {
        let url = try LocalServers.value("AVAIL_TEST_RADICALE_URL")
        let user = "nocal\(UInt32.random(in: 0...UInt32.max))"
        let run = try runAvail(["book", "--organizer", "\(user)@example.com", "--at", "2029-01-08T10:00Z", "--title", "Nowhere", "bob@example.com"],
                               environment: ["AVAIL_URL": url, "AVAIL_USER": user, "AVAIL_PASSWORD": "x"])
        #expect(run.status == 4, "\(run.stderr)")
        #expect(run.stderr.hasSuffix("avail: no calendar to store the meeting in: no calendar in \(url)\(user)/ takes events (VEVENT) (principal \(url)\(user)/)\n"),
                "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
}
