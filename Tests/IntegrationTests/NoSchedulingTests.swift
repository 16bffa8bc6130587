import Foundation
import Testing

extension LocalServerSuites {
/// Radicale and Xandikos have CalDAV but no scheduling: one line, exit 4.
/// (Xandikos announces `calendar-auto-schedule` in its DAV: header all the same:
/// avail decides by the outbox, never by that header.)
@Suite(.serialized) struct NoSchedulingTests {
    @Test(arguments: ["AVAIL_TEST_RADICALE_URL", "AVAIL_TEST_XANDIKOS_URL"])
    func queryAndDiscoverSaySoInOneLine(server: String) throws {
        let url = try LocalServers.value(server)
        for args in [["query", "bob@example.com"], ["discover"], ["slots", "bob@example.com"]] {
            let run = try runAvail(args, environment: ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"])
            #expect(run.status == 4, "\(args): \(run.stderr)")
            #expect(run.stderr.hasPrefix("avail: http://127.0.0.1:"), "\(run.stderr)")
            #expect(run.stderr.contains(" does not support CalDAV scheduling (RFC 6638): no schedule-outbox-URL on http://127.0.0.1:"))
            #expect(run.stderr.filter { $0 == "\n" }.count == 1)
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func thePlannerSaysItOnTheRows() throws {
        let url = try LocalServers.value("AVAIL_TEST_RADICALE_URL")
        let bin = try LocalServers.availBinary().path
        let session = "avail-nosched-\(getpid())"
        _ = try spawnAndWait(["tmux", "kill-session", "-t", session])
        _ = try spawnAndWait(["tmux", "new-session", "-d", "-s", session, "-x", "140", "-y", "24",
                              "AVAIL_URL=\(url) AVAIL_USER=alice AVAIL_PASSWORD=x HOME=/nonexistent TZ=UTC \(bin) bob@example.com; sleep 30"])
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
}
}
