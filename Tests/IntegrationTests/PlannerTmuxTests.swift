import Foundation
import Testing
import ICalendar

/// The real planner in a real terminal (tmux) against the local DAViCal:
/// rows fill in, keys work, and the terminal is restored on quit.
extension LocalServerSuites {
@Suite(.serialized) struct PlannerTmuxTests: TmuxDriven {
    let session = "avail-e2e-\(getpid())"

    @Test func plannerAgainstDAViCal() throws {
        let url = try LocalServers.davicalURL().description
        let bin = try LocalServers.availBinary().path
        // Credentials reach avail through the environment of the tmux command, never argv.
        let script = "AVAIL_URL=\(url) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 HOME=\(try scratchHome()) "
            + "\(bin) --from 2026-12-07 bob@example.com dave@example.com nobody@example.com; "
            + "echo AVAIL_EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'; sleep 30"
        try tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }

        // alice's own row comes first once her meetings are read.
        let filled = try waitFor(15, "the four rows to fill in") { s in
            s.components(separatedBy: "2.0 ok").count == 3 && s.contains("3.8 no auth") && s.contains("3.7 unknown")
                && s.contains("\nalice@example.com")
        }
        let lines = filled.split(separator: "\n").map(String.init)
        let bob = lines.first { $0.hasPrefix("bob@example.com") } ?? ""
        #expect(bob.contains("█") && bob.contains("▒") && bob.contains("·"), "bob's row: \(bob)")
        #expect(lines.first { $0.hasPrefix("dave@example.com") }?.contains("?") == true)
        #expect(filled.contains("Mon 7 Dec"))
        #expect(lines.first { $0.hasPrefix("all") }?.contains("2/4 known") == true)

        try tmux(["send-keys", "-t", session, "n"])
        _ = try waitFor(5, "n to find a free slot") { $0.contains("free: 30m from here") }
        try tmux(["send-keys", "-t", session, "L"])
        let next = try waitFor(10, "the next week to load") { $0.contains("Mon 14 Dec") && $0.contains("answered") }
        #expect(next.contains("2.0 ok"))
        try tmux(["send-keys", "-t", session, "?"])
        _ = try waitFor(5, "the help overlay") { $0.contains("Keys (any key closes)") }
        try tmux(["send-keys", "-t", session, "q"]) // closes the help
        try tmux(["send-keys", "-t", session, "q"]) // quits
        let after = try waitFor(5, "avail to exit and stty to report") { $0.contains("AVAIL_EXIT=") && $0.contains("icanon") }
        #expect(after.contains("AVAIL_EXIT=0"))
        #expect(after.contains("\nicanon") || after.hasPrefix("icanon"), "the terminal is back in canonical mode: \(after)")
        #expect(!after.contains("2.0 ok"), "the planner's screen is gone after quitting")
    }

    /// The same planner against Cyrus: its CDATA answers fill the rows, its 5.1
    /// for an unknown address shows as a failed row, the others unaffected.
    @Test func plannerAgainstCyrus() throws {
        let url = try LocalServers.cyrusURL().description
        let bin = try LocalServers.availBinary().path
        let script = "AVAIL_URL=\(url) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 HOME=\(try scratchHome()) "
            + "\(bin) --from 2026-12-07 bob@example.com carol@example.com nobody@example.com; "
            + "echo AVAIL_EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'; sleep 30"
        try tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }

        let filled = try waitFor(15, "the four rows to fill in") { s in
            s.contains("5.1 failed") && s.components(separatedBy: "2.0 ok").count == 4 && s.contains("\nalice@example.com")
        }
        let lines = filled.split(separator: "\n").map(String.init)
        let bob = lines.first { $0.hasPrefix("bob@example.com") } ?? ""
        #expect(bob.contains("█") && bob.contains("▒") && bob.contains("·"), "bob's row: \(bob)")
        #expect(lines.first { $0.hasPrefix("carol@example.com") }?.contains("2.0 ok") == true)
        #expect(lines.first { $0.hasPrefix("nobody@example.com") }?.contains("?") == true)
        #expect(lines.first { $0.hasPrefix("all") }?.contains("3/4 known") == true)
        try tmux(["send-keys", "-t", session, "n"])
        _ = try waitFor(5, "n to find a free slot") { $0.contains("free: 30m from here") }
        try tmux(["send-keys", "-t", session, "q"])
        let after = try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=") && $0.contains("icanon") }
        #expect(after.contains("AVAIL_EXIT=0"))
    }

    /// b in the planner against DAViCal: form, confirmation, booked, and the
    /// rows asked again show the new meeting.
    @Test func plannerBooksAMeeting() throws {
        let url = try LocalServers.davicalURL().description
        let bin = try LocalServers.availBinary().path
        // A random Monday far ahead whose 10:00 is free for both (DAViCal keeps
        // earlier runs' meetings), checked with a query first.
        var monday = UTCInstant(year: 2041, month: 1, day: 7)!
        var free = false
        for _ in 0..<20 {
            var m = UTCInstant(year: Int.random(in: 2041...2099), month: Int.random(in: 1...12), day: Int.random(in: 1...21))!
            while (m.secondsSinceEpoch / 86_400 + 3) % 7 != 0 { m = m.adding(seconds: 86_400) } // 1970-01-01 was a Thursday
            let ten = m.adding(seconds: 10 * 3600)
            let check = try runAvail(["query", "--from", ten.iso8601String, "--to", ten.adding(seconds: 1800).iso8601String, "--format", "json",
                                      "bob@example.com", "carol@example.com"],
                                     environment: ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"])
            let json = try? JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
            let rows = (json?["recipients"] as? [[String: Any]]) ?? []
            if rows.count == 2, rows.allSatisfy({ ($0["busy"] as? [Any])?.isEmpty == true }) {
                monday = m
                free = true
                break
            }
        }
        #expect(free, "no free Monday found")
        let c = monday.components
        let from = String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
        let script = "AVAIL_URL=\(url) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 HOME=\(try scratchHome()) "
            + "\(bin) --from \(from) bob@example.com carol@example.com; echo AVAIL_EXIT=$?; sleep 30"
        try tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        _ = try waitFor(15, "alice's own row and both others to answer") {
            $0.components(separatedBy: "2.0 ok").count == 4 && $0.contains("\nalice@example.com")
        }
        // Column 4 is Monday 10:00 (08:00 + four half hours).
        try tmux(["send-keys", "-t", session, "l", "l", "l", "l", "b"])
        _ = try waitFor(5, "the booking form") { $0.contains("Book a meeting") && $0.contains("Title") }
        try tmux(["send-keys", "-t", session, "-l", "Planner booking"])
        try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor(5, "the confirmation") { $0.contains("Book this meeting?") && $0.contains("10:00–10:30") }
        try tmux(["send-keys", "-t", session, "y"])
        let booked = try waitFor(15, "the booking to be reported") { $0.contains("booked “Planner booking”") }
        #expect(booked.contains("2 of 2 invitations delivered"), "\(booked)")
        let after = try waitFor(10, "both rows to show the meeting among free time") { s in
            let rows = s.split(separator: "\n")
            return rows.first { $0.hasPrefix("bob@example.com") }?.contains("····█") == true
                && rows.first { $0.hasPrefix("carol@example.com") }?.contains("····█") == true
        }
        let bob = after.split(separator: "\n").first { $0.hasPrefix("bob@example.com") } ?? ""
        let carol = after.split(separator: "\n").first { $0.hasPrefix("carol@example.com") } ?? ""
        #expect(bob.contains("····█"), "bob busy at 10:00: \(bob)")
        #expect(carol.contains("····█"), "carol busy at 10:00: \(carol)")
        try tmux(["send-keys", "-t", session, "q"])
        _ = try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=0") }
    }
}
}
