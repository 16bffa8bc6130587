import Foundation
import Testing
import ICalendar

/// The user's own meetings in the real planner against DAViCal and Cyrus: a
/// meeting booked with the binary shows labelled on alice's own row, and
/// M on it, M an hour later, y moves it there (checked with `avail meetings`
/// and `avail query` afterwards).
extension LocalServerSuites {
@Suite(.serialized) struct PlannerMeetingTmuxTests: TmuxDriven {
    let session = "avail-meet-\(getpid())"
    typealias Server = BookingIntegrationTests.Server

    /// A Monday far ahead (2032–2037) whose 10:00–12:00 is free for bob and carol.
    func freeMonday(_ server: Server) throws -> String {
        for _ in 0..<20 {
            var m = UTCInstant(year: Int.random(in: 2032...2037), month: Int.random(in: 1...12), day: Int.random(in: 1...21))!
            while (m.secondsSinceEpoch / 86_400 + 3) % 7 != 0 { m = m.adding(seconds: 86_400) } // 1970-01-01 was a Thursday
            let c = m.components
            let day = String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
            let b = try BookingIntegrationTests().busy(server, at: day + "T10:00", ["bob@example.com", "carol@example.com"])
            let b2 = try BookingIntegrationTests().busy(server, at: day + "T11:00", ["bob@example.com", "carol@example.com"])
            if [b, b2].allSatisfy({ $0["bob@example.com"]?.isEmpty == true && $0["carol@example.com"]?.isEmpty == true }) { return day }
        }
        Issue.record("no free Monday morning found for bob and carol in 20 tries")
        return "2036-01-07"
    }

    /// Alice's Monday as drawn: the 20 half hours 08:00–18:00 before the first day separator.
    func aliceMonday(_ screen: String) -> String {
        let row = screen.split(separator: "\n").first { $0.hasPrefix("alice@example.com") } ?? ""
        let monday = row.split(separator: "│").first ?? ""
        return String(monday.suffix(20))
    }

    @Test(arguments: Server.allCases)
    func movesAMeetingFromItsOwnRow(server: Server) throws {
        let day = try freeMonday(server)
        let uid = "avail-planner-move-\(UUID().uuidString)"
        let book = try runAvail(["book", "--at", day + "T10:00Z", "--duration", "30m", "--title", "Moved by planner", "--uid", uid,
                                 "bob@example.com", "carol@example.com"], environment: try server.env())
        try #require(book.status == 0, "book: \(book.stderr)")

        let bin = try LocalServers.availBinary().path
        let script = "AVAIL_URL=\(try server.url().description) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 "
            + "HOME=\(try scratchHome()) \(bin) --from \(day) carol@example.com; echo AVAIL_EXIT=$?; sleep 30"
        _ = try? tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }

        // Alice's own row comes first, the meeting labelled on it at 10:00 (column 4: 08:00 + four
        // half hours; half an hour is one column, room for the title's first letter).
        let shown = try waitFor(15, "alice's own row with the meeting") { s in
            s.split(separator: "\n").first { $0.hasPrefix("alice@example.com") }?.contains("2.0 ok") == true
                && aliceMonday(s) == "····M···············"
        }
        #expect(shown.split(separator: "\n").first { $0.hasPrefix("carol@example.com") }?.contains("····█") == true, "\(shown)")
        try tmux(["send-keys", "-t", session, "k", "l", "l", "l", "l", "m"])
        let list = try waitFor(5, "the meetings list") { $0.contains("Your meetings") && $0.contains("“Moved by planner”") }
        #expect(list.contains("0 of 2 accepted"), "\(list)")
        try tmux(["send-keys", "-t", session, "x", "M"]) // x closes the list; M picks the meeting up
        _ = try waitFor(5, "the meeting to be picked up") { $0.contains("moving “Moved by planner”") }
        try tmux(["send-keys", "-t", session, "l", "l", "M"])
        _ = try waitFor(5, "the move confirmation") { $0.contains("Move this meeting?") && $0.contains("to   Mon") && $0.contains("11:00–11:30") }
        try tmux(["send-keys", "-t", session, "y"])
        _ = try waitFor(20, "the move to be reported") { $0.contains("moved “Moved by planner”") }
        _ = try waitFor(15, "the grid to show it at 11:00, not at 10:00") { aliceMonday($0) == "······M·············" }
        try tmux(["send-keys", "-t", session, "q"])
        _ = try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=0") }

        // The stored meeting is at 11:00, and carol's copy moved with it.
        let meetings = try runAvail(["meetings", "--from", day, "--days", "1", "--format", "json"], environment: try server.env())
        #expect(meetings.status == 0, "meetings: \(meetings.stderr)")
        let list2 = (try? JSONSerialization.jsonObject(with: Data(meetings.stdout.utf8))) as? [[String: Any]] ?? []
        let entry = list2.first { $0["uid"] as? String == uid }
        #expect(entry?["start"] as? String == day + "T11:00:00Z", "\(meetings.stdout)")
        let carol = try BookingIntegrationTests().busy(server, at: day + "T11:00", ["carol@example.com"])
        #expect(carol["carol@example.com"]?.isEmpty == false, "carol is busy at the new time: \(carol)")
        // DAViCal frees the old time in carol's free/busy; Cyrus, measured here, still reports
        // her busy at 10:00 after the move (also after `avail move`), so only DAViCal is held to it.
        if server == .davical {
            let before = try BookingIntegrationTests().busy(server, at: day + "T09:30", ["carol@example.com"])
            #expect(before["carol@example.com"]?.contains { ($0["start"] ?? "").contains("T10:00") } == false,
                    "carol is no longer busy at 10:00: \(before)")
        }
        _ = try runAvail(["cancel", uid], environment: try server.env())
    }
}
}
