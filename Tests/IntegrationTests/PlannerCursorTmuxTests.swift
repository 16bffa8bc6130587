import Foundation
import Testing

/// The accessible planner in a real terminal against each server: the
/// terminal's own cursor is shown and follows the focus (a braille display or
/// a screen reader follows that cursor), the grid is in letters, and the
/// answers are announced on the status line.
extension LocalServerSuites {
@Suite(.serialized) struct PlannerCursorTmuxTests {
    let session = "avail-cursor-\(getpid())"

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        try spawnAndWait(["tmux"] + args).output
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session]) }

    /// Column, row and whether the cursor is shown, as tmux sees the terminal.
    func cursor() throws -> (x: Int, y: Int, shown: Bool) {
        let fields = try tmux(["display", "-p", "-t", session, "#{cursor_x} #{cursor_y} #{cursor_flag}"])
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard fields.count == 3 else {
            Issue.record("tmux gave no cursor position")
            return (-1, -1, false)
        }
        return (fields[0], fields[1], fields[2] == 1)
    }

    func waitFor(_ seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \(what); screen was:\n\(try screen())\ncursor: \(try cursor())")
    }

    func cursorFollowsTheFocus(url: String, attendees: String, answered: String) throws {
        let bin = try LocalServers.availBinary().path
        let script = "AVAIL_URL=\(url) AVAIL_USER=alice AVAIL_PASSWORD=alicepw AVAIL_ACCESSIBLE=1 TZ=Europe/Berlin LANG=C.UTF-8 "
            + "HOME=\(try scratchHome()) \(bin) --from 2026-12-07 \(attendees); sleep 30"
        _ = try? tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }

        // At 100 columns the names take 20, the status 11: the grid starts at column 33, row 4,
        // alice's own row; bob's, where the cursor starts, is row 5.
        try waitFor(15, "bob's answer to be announced and alice's own row") {
            let s = try screen()
            return s.contains(answered) && s.contains("\nalice@example.com")
        }
        let text = try screen()
        let bob = text.split(separator: "\n").first { $0.hasPrefix("bob@example.com") } ?? ""
        #expect(bob.contains("B") && bob.contains("T") && bob.contains("."), "bob's row in letters: \(bob)")
        #expect(!text.contains("█") && !text.contains("…"), "block glyphs in the accessible mode:\n\(text)")
        let start = try cursor()
        #expect(start.shown, "the cursor is hidden")
        #expect(start.x == 33 && start.y == 5, "the cursor is not on the focused cell: \(start)")

        try tmux(["send-keys", "-t", session, "l"])
        try waitFor(5, "the cursor to move right") { try cursor().x == 34 && cursor().y == 5 }
        #expect(try screen().contains("bob@example.com, Monday 7 December 08:30 to 09:00 Berlin time: "))
        try tmux(["send-keys", "-t", session, "j"])
        try waitFor(5, "the cursor to move down") { try cursor().x == 34 && cursor().y == 6 }
        try tmux(["send-keys", "-t", session, "l"])
        try waitFor(5, "the cursor to move right again") { try cursor().x == 35 && cursor().y == 6 }
        #expect(try cursor().shown)
        // The all row: the cursor goes there too, and the sentence says who is busy.
        try tmux(["send-keys", "-t", session, "j"])
        try waitFor(5, "the cursor on the all row") { try cursor().x == 35 && cursor().y == 7 }
        #expect(try screen().split(separator: "\n", omittingEmptySubsequences: false)[7].hasPrefix("all"))
        #expect(try screen().contains("all attendees, Monday 7 December"))
        try tmux(["send-keys", "-t", session, "q"])
    }

    @Test func onDAViCal() throws {
        try cursorFollowsTheFocus(url: try LocalServers.davicalURL().description, attendees: "bob@example.com carol@example.com",
                                  answered: "bob@example.com answered: busy")
    }

    @Test func onCyrus() throws {
        try cursorFollowsTheFocus(url: try LocalServers.cyrusURL().description, attendees: "bob@example.com carol@example.com",
                                  answered: "bob@example.com answered: busy")
    }
}
}
