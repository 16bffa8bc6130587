import Foundation
import Testing
import CalDAVClient
import ICalendar
import Meetings

/// A repeating meeting in the real planner against DAViCal and Cyrus: each
/// occurrence in view is drawn on alice's own row, marked ↻, and M or X on
/// one names the `avail move`/`avail cancel --occurrence` command instead of
/// changing the whole series.
extension LocalServerSuites {
@Suite(.serialized) struct PlannerSeriesTmuxTests: TmuxDriven {
    let session = "avail-series-\(getpid())"
    typealias Server = BookingIntegrationTests.Server
    let life = MeetingLifecycleTests()

    /// The 20 half hours 08:00–18:00 of alice's `n`th day in view.
    func aliceDay(_ screen: String, _ n: Int) -> String {
        let row = screen.split(separator: "\n").first { $0.hasPrefix("alice@example.com") } ?? ""
        let days = row.split(separator: "│")
        guard days.indices.contains(n) else { return "" }
        return n == 0 ? String(days[0].suffix(20)) : String(days[n].prefix(20))
    }

    @Test(arguments: Server.allCases)
    func eachOccurrenceIsDrawnAndNotChangedAsASeries(server: Server) async throws {
        let day = try PlannerMeetingTmuxTests().freeMonday(server)
        let uid = "avail-planner-series-\(UUID().uuidString)"
        let first = try MeetingLifecycleTests.instant(day + "T10:00")
        let alice = try await life.person("alice", on: server)
        let calendar = try #require(alice.calendars.first)
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//avail tests//EN\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\n"
            + "DTSTAMP:\(MeetingLifecycleTests.now.iCalendarString)\r\nDTSTART:\(first.iCalendarString)\r\nDTEND:\(first.adding(seconds: 3600).iCalendarString)\r\n"
            + "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4\r\nSUMMARY:Weekly planner\r\nSEQUENCE:0\r\nORGANIZER:mailto:alice@example.com\r\n"
            + "ATTENDEE;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:alice@example.com\r\n"
            + "ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;ROLE=REQ-PARTICIPANT:mailto:bob@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        _ = try await alice.session.storeNewEvent(text, uid: uid, in: calendar)
        defer { _ = try? runAvail(["cancel", uid, "--series", "--from", day], environment: try server.env()) }

        let bin = try LocalServers.availBinary().path
        let script = "AVAIL_URL=\(try server.url().description) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 "
            + "HOME=\(try scratchHome()) \(bin) --from \(day) carol@example.com; echo AVAIL_EXIT=$?; sleep 30"
        _ = try? tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }

        // Monday and Wednesday 10:00–11:00: two half hours each, the mark and the title's first
        // letter (the rest of alice's day may hold other tests' meetings: only bob's and carol's
        // 10:00 and 11:00 were checked free).
        let shown = try waitFor(15, "both occurrences on alice's own row") { s in
            aliceDay(s, 0).dropFirst(4).hasPrefix("↻W") && aliceDay(s, 2).dropFirst(4).hasPrefix("↻W")
        }
        #expect(!aliceDay(shown, 1).contains("↻"), "nothing on Tuesday: \(shown)")
        try tmux(["send-keys", "-t", session, "k", "l", "l", "l", "l", "m"])
        let list = try waitFor(5, "the meetings list") { $0.contains("Your meetings") && $0.contains("“Weekly planner”") }
        #expect(list.components(separatedBy: "repeats weekly · ").count == 3, "both occurrences listed: \(list)")
        try tmux(["send-keys", "-t", session, "x", "M"])
        _ = try waitFor(5, "M to name the command line") { $0.contains("“Weekly planner” repeats (weekly): run avail move \(uid.prefix(20))") }
        try tmux(["send-keys", "-t", session, "X"])
        let refused = try waitFor(5, "X to name the command line") { $0.contains("repeats (weekly): run avail cancel") }
        #expect(!refused.contains("Cancel this meeting?"))
        try tmux(["send-keys", "-t", session, "q"])
        _ = try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=0") }
        let after = try await life.copy(of: uid, for: alice, from: first, to: first.adding(seconds: 14 * 86_400))
        let stored = try #require(after, "the series is gone")
        #expect(try Meeting(CalendarObject(parsing: stored.text)).sequence == 0, "the series was not changed")
    }
}
}
