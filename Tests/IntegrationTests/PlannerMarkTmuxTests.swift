import Foundation
import Testing
import ICalendar

/// Marking a range in the real planner against DAViCal and Cyrus: `v`, `l`×N,
/// `b`, a title, Enter, `y` books exactly the marked time (checked with
/// `avail meetings` afterwards); and `y` on a row shows its free/busy request
/// as curl, with no password on the screen.
extension LocalServerSuites {
@Suite(.serialized) struct PlannerMarkTmuxTests: TmuxDriven {
    let session = "avail-mark-\(getpid())"
    typealias Server = BookingIntegrationTests.Server

    /// A Monday in 2033 whose 10:00–12:00 is free for alice and carol (each
    /// run its own, so two runs at once do not meet).
    func freeMonday(_ server: Server) throws -> String {
        for _ in 0..<20 {
            var m = UTCInstant(year: 2033, month: Int.random(in: 1...12), day: Int.random(in: 1...21))!
            while (m.secondsSinceEpoch / 86_400 + 3) % 7 != 0 { m = m.adding(seconds: 86_400) } // 1970-01-01 was a Thursday
            let c = m.components
            let day = String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
            let who = ["alice@example.com", "carol@example.com"]
            let hours = try [day + "T10:00", day + "T11:00"].map { try BookingIntegrationTests().busy(server, at: $0, who) }
            if hours.allSatisfy({ h in who.allSatisfy { h[$0]?.isEmpty == true } }) { return day }
        }
        Issue.record("no free Monday morning in 2033 found for alice and carol in 20 tries")
        return "2033-03-07"
    }

    func startPlanner(_ server: Server, day: String) throws {
        let bin = try LocalServers.availBinary().path
        let script = "AVAIL_URL=\(try server.url().description) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 "
            + "HOME=\(try scratchHome()) \(bin) --from \(day) carol@example.com; echo AVAIL_EXIT=$?; sleep 30"
        _ = try? tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", script])
        // Alice's own row comes first once her meetings are read: both rows answered.
        _ = try waitFor(15, "alice's and carol's answers") { s in
            ["alice@example.com", "carol@example.com"].allSatisfy { who in
                s.split(separator: "\n").first { $0.hasPrefix(who) }?.contains("2.0 ok") == true
            }
        }
    }

    @Test(arguments: Server.allCases)
    func booksExactlyTheMarkedRange(server: Server) throws {
        let day = try freeMonday(server)
        let title = "Marked \(UUID().uuidString.prefix(8))"
        try startPlanner(server, day: day)
        defer { _ = try? tmux(["kill-session", "-t", session]) }

        // Column 0 is 08:00 in half hours: 4l is 10:00; v there, then l, l: 10:00–11:30.
        try tmux(["send-keys", "-t", session, "4", "l", "v", "l", "l"])
        _ = try waitFor(5, "the mark on the status line") { $0.contains("marked Mon") && $0.contains("10:00–11:30 UTC (1h30m)") }
        try tmux(["send-keys", "-t", session, "b"])
        _ = try waitFor(5, "the booking form") { $0.contains("Book a meeting") && $0.contains("1h30m") }
        try tmux(["send-keys", "-t", session, "-l", title])
        try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor(5, "the confirmation") { $0.contains("Book this meeting?") && $0.contains("10:00–11:30 UTC") }
        try tmux(["send-keys", "-t", session, "y"])
        _ = try waitFor(30, "the booking to be reported") { $0.contains("booked “\(title)”") }
        try tmux(["send-keys", "-t", session, "q"])
        _ = try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=0") }

        let meetings = try runAvail(["meetings", "--from", day, "--days", "1", "--format", "json"], environment: try server.env())
        #expect(meetings.status == 0, "meetings: \(meetings.stderr)")
        let list = (try? JSONSerialization.jsonObject(with: Data(meetings.stdout.utf8))) as? [[String: Any]] ?? []
        let entry = try #require(list.first { $0["summary"] as? String == title }, "the booked meeting: \(meetings.stdout)")
        #expect(entry["start"] as? String == day + "T10:00:00Z")
        #expect(entry["end"] as? String == day + "T11:30:00Z")
        if let uid = entry["uid"] as? String {
            let cancel = try runAvail(["cancel", uid], environment: try server.env())
            #expect(cancel.status == 0, "cancel: \(cancel.stderr)")
        }
    }

    @Test(arguments: Server.allCases)
    func yShowsTheRowsRequestAsCurl(server: Server) throws {
        try startPlanner(server, day: "2033-01-03")
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        // The first row is alice's own: up to it (a count), then j to carol's.
        try tmux(["send-keys", "-t", session, "9", "k", "j", "y"])
        let shown = try waitFor(15, "the request as curl") {
            $0.contains("The request for carol@example.com, as curl") && $0.contains("# 1. POST")
        }
        #expect(!shown.contains("alicepw"), "no password on the screen:\n\(shown)")
        // Down to the body: the VFREEBUSY asking about carol for the week shown.
        try tmux(["send-keys", "-t", session, "PageDown"])
        let body = try waitFor(5, "the end of the body") { $0.contains("END:VCALENDAR") }
        #expect(body.contains("BEGIN:VFREEBUSY") && body.contains("ATTENDEE:mailto:carol@example.com"), "\(body)")
        #expect(body.contains("DTSTART:20330103T000000Z") && body.contains("DTEND:20330110T000000Z"), "the week shown: \(body)")
        try tmux(["send-keys", "-t", session, "q"])
        _ = try waitFor(5, "the grid again") { !$0.contains("as curl") && $0.contains("carol@example.com") }
        try tmux(["send-keys", "-t", session, "q"])
        _ = try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=0") }
    }
}
}
