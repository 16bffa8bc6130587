import Foundation
import Testing
import CalDAVClient
#if canImport(Glibc)
import Glibc
#endif

/// The planner as an impatient user drives it, in tmux against the local
/// DAViCal: `r` really asks the server, Ctrl-Z suspends it under a job-control
/// shell, and a flood of keys neither freezes it nor floods the server.
/// Each test has a tmux server of its own (its own socket), so nothing clashes
/// with other tests' sessions.
extension LocalServerSuites {
@Suite(.serialized) struct PlannerUnderPressureTests {
    /// One tmux server with one pane running an interactive bash, and a private
    /// directory for the cache and the request trace.
    final class Pane: TmuxDriven {
        let session = "main"
        let socket = "avail-pressure-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let directory: String
        var trace: String { directory + "/trace" }

        init(width: Int = 120, height: Int = 40) throws {
            var template = Array((FileManager.default.temporaryDirectory.path + "/avail-pressure-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
            directory = String(cString: made)
            // --norc, a plain prompt: what the test reads is what avail and job control print.
            try tmux(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)",
                      "env -i PATH=/usr/bin:/bin TERM=tmux-256color PS1='$ ' bash --norc --noprofile -i"])
        }

        deinit {
            // kill-server leaves the socket file behind.
            let socketPath = (try? tmux(["display-message", "-p", "#{socket_path}"]))?.trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try? tmux(["kill-server"])
            if let socketPath, socketPath.hasSuffix("/" + socket) { unlink(socketPath) }
            _ = try? FileManager.default.removeItem(atPath: directory)
        }

        @discardableResult
        func tmux(_ args: [String]) throws -> String {
            try spawnAndWait(["tmux", "-L", socket] + args).output
        }

        func type(_ line: String) throws { try tmux(["send-keys", "-t", "main", "-l", line]); try tmux(["send-keys", "-t", "main", "Enter"]) }
        func keys(_ keys: [String]) throws { try tmux(["send-keys", "-t", "main"] + keys) }
        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "main"]) }

        /// The shell command that starts the planner with its own cache and trace.
        func plannerCommand(_ arguments: String) throws -> String {
            let url = try LocalServers.davicalURL().description
            let bin = try LocalServers.availBinary().path
            return "AVAIL_URL=\(url) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 HOME=\(directory) "
                + "XDG_CACHE_HOME=\(directory)/cache AVAIL_DEBUG=\(trace) \(bin) \(arguments)"
        }

        /// The line `echo AVAIL_EXIT=$?` printed (not the command line that asks for it).
        static func exitLine(_ screen: String) -> String? {
            screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("AVAIL_EXIT=") }
        }

        /// How many requests of `method` the trace shows so far.
        func sent(_ method: String) -> Int {
            let text = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").filter { $0.hasPrefix("> \(method) ") }.count
        }

        /// The free/busy POSTs so far.
        var posts: Int { sent("POST") }
        /// The REPORTs so far (reading the user's own meetings).
        var reports: Int { sent("REPORT") }
    }

    /// `r` sends a request although every row's answer is younger than the
    /// cache's TTL; "answered" in the header is then true.
    @Test func rAsksTheServerWithinTheCacheTTL() throws {
        let pane = try Pane()
        try pane.type(try pane.plannerCommand("--from 2026-12-07 bob@example.com carol@example.com") + "; echo AVAIL_EXIT=$?")
        // Three rows: alice's own (added first once her meetings are read, and asked
        // about in a request of its own), bob and carol.
        try pane.waitFor(15, "the three rows to answer") { $0.components(separatedBy: "2.0 ok").count == 4 && $0.contains("answered") }
        #expect(pane.posts == 2)
        try pane.keys(["r"])
        let deadline = Date().addingTimeInterval(10)
        while pane.posts < 3, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(pane.posts == 3, "r within the TTL sent no request")
        try pane.waitFor(10, "the answer to r") { $0.components(separatedBy: "2.0 ok").count == 4 && $0.contains("answered") }
        try pane.keys(["q"])
        try pane.waitFor(5, "avail to exit") { Pane.exitLine($0) == "AVAIL_EXIT=0" }
    }

    /// Ctrl-Z under a job-control shell stops the planner with the terminal
    /// given back; `fg` brings it back, redrawn; q still quits cleanly.
    @Test func ctrlZSuspendsAndFgRedraws() throws {
        let pane = try Pane()
        // No `; echo $?` after it: the shell would run that as soon as the job stops.
        try pane.type(try pane.plannerCommand("--from 2026-12-07 bob@example.com carol@example.com"))
        try pane.waitFor(15, "the three rows to answer (alice's own first)") { $0.components(separatedBy: "2.0 ok").count == 4 }
        try pane.keys(["C-z"])
        let stopped = try pane.waitFor(5, "the shell to report the planner stopped") { $0.contains("Stopped") }
        #expect(stopped.contains("Stopped"))
        #expect(!stopped.contains("2.0 ok"), "the terminal is given back to the shell: \(stopped)")
        // The shell works while the planner is stopped.
        try pane.type("echo SHELL_$((6*7))")
        try pane.waitFor(5, "the shell to answer") { $0.contains("SHELL_42") }
        try pane.type("fg")
        let back = try pane.waitFor(5, "the planner to redraw after fg") { s in
            s.hasPrefix(" avail ") && s.components(separatedBy: "2.0 ok").count == 4 && !s.contains("SHELL_42")
        }
        #expect(back.hasPrefix(" avail "))
        // `kill -TSTP` from outside stops it the same way.
        let shell = try #require(Int32(pane.tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)))
        let avail = try #require(try spawnAndWait(["pgrep", "-P", "\(shell)"]).output.split(separator: "\n").compactMap { Int32($0) }.first)
        #expect(kill(avail, SIGTSTP) == 0)
        let stoppedAgain = try pane.waitFor(5, "the shell to report the planner stopped by kill -TSTP") { s in
            s.components(separatedBy: "Stopped").count >= 3 && !s.contains("2.0 ok") // the first stop's line is still there
        }
        #expect(!stoppedAgain.contains("2.0 ok"))
        try pane.type("clear; fg")
        try pane.waitFor(5, "the planner to redraw after the second fg") { s in
            s.hasPrefix(" avail ") && s.components(separatedBy: "2.0 ok").count == 4
        }
        try pane.keys(["q"])
        try pane.waitFor(5, "avail to exit and the prompt to return") { s in
            !s.contains("2.0 ok") && s.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })?
                .trimmingCharacters(in: .whitespaces) == "$"
        }
        try pane.type("echo AVAIL_EXIT=$?")
        let after = try pane.waitFor(5, "the exit status") { Pane.exitLine($0) != nil }
        #expect(Pane.exitLine(after) == "AVAIL_EXIT=0")
        try pane.type("stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'")
        let tty = try pane.waitFor(5, "stty to report") { $0.contains("\nicanon") || $0.contains("-icanon") }
        #expect(tty.contains("\nicanon"), "the terminal is back in canonical mode: \(tty)")
    }

    /// 250×L and 250×r with 200 attendees arrive faster than any answer: the planner keeps
    /// drawing, lands on the last week with one request for it (not one per
    /// week passed), and a second flood followed by q ends it within about a
    /// second with the terminal restored.
    @Test func aKeyFloodNeitherFreezesThePlannerNorFloodsTheServer() throws {
        let pane = try Pane()
        // 200 attendees, as in the report: per-key work that grows with them shows.
        let attendees = "bob@example.com carol@example.com dave@example.com " + (0..<197).map { "user\($0)@example.com" }.joined(separator: " ")
        try pane.type(try pane.plannerCommand("--from 2026-12-07 \(attendees)") + "; echo AVAIL_EXIT=$?")
        // Everyone answered, alice's own row too: it is known once her meetings
        // are read, so it is asked with the others or in a request of its own.
        try pane.waitFor(15, "the first week to answer") { $0.contains("Mon 7 Dec") && $0.contains("201/201 answered") }
        // One week's request for 200 people is this many POSTs, sent at once.
        let perWeek = BatchPolicy.standard.batches(count: 200).count
        let before = pane.posts
        // Reading alice's own meetings for one week: this many REPORTs.
        let reportsPerWeek = pane.reports
        #expect(reportsPerWeek >= 1, "the first week's meetings were read")
        #expect(before == perWeek + 1 || before == BatchPolicy.standard.batches(count: 201).count, "\(before) POSTs for the first week")
        try pane.keys(["-l", String(repeating: "L", count: 250) + String(repeating: "r", count: 250)])
        // 250 weeks on: Monday 22 September 2031.
        let landed = try pane.waitFor(20, "the week landed on to answer") { s in
            s.contains("22 Sep") && s.contains("2031") && s.contains("answered")
        }
        #expect(landed.contains("answered"))
        let afterFlood = pane.posts - before
        // A week passed on the way may already be on the wire before the rest of
        // the flood is read, then one request for the week landed on (the r's
        // coalesce with it); never one per week.
        #expect(afterFlood >= perWeek && afterFlood <= 4 * perWeek, "\(afterFlood) POSTs for a flood of 500 keys")
        // Her meetings are read for the week landed on (and perhaps one passed
        // on the way), not for each of the 250 weeks passed.
        let reportsAfterFlood = pane.reports - reportsPerWeek
        #expect(reportsAfterFlood <= 3 * reportsPerWeek, "\(reportsAfterFlood) REPORTs for a flood of 500 keys (\(reportsPerWeek) a week)")
        // The planner still answers keys at once.
        try pane.keys(["?"])
        try pane.waitFor(3, "the help overlay") { $0.contains("Keys (any key closes)") }
        try pane.keys(["q"])
        try pane.waitFor(3, "the help to close") { !$0.contains("Keys (any key closes)") }
        // A second flood, and q straight after it.
        try pane.keys(["-l", String(repeating: "L", count: 500)])
        let quitAt = Date()
        try pane.keys(["q"])
        let exited = try pane.waitFor(5, "avail to exit after q") { Pane.exitLine($0) != nil }
        let seconds = Date().timeIntervalSince(quitAt)
        #expect(Pane.exitLine(exited) == "AVAIL_EXIT=0")
        #expect(seconds < 1.5, "q took \(seconds) s to end the planner")
        #expect(pane.posts - before <= 8 * perWeek, "\(pane.posts - before) POSTs in all")
        try pane.type("stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'")
        let tty = try pane.waitFor(5, "stty to report") { $0.contains("\nicanon") || $0.contains("-icanon") }
        #expect(tty.contains("\nicanon"), "the terminal is back in canonical mode: \(tty)")
    }

    /// SIGTERM in the middle of a flood ends the planner at once, terminal restored.
    @Test func sigtermDuringAKeyFloodEndsThePlannerAtOnce() throws {
        let pane = try Pane()
        try pane.type(try pane.plannerCommand("--from 2026-12-07 bob@example.com carol@example.com dave@example.com") + "; echo AVAIL_EXIT=$?")
        try pane.waitFor(15, "the first week to answer") { $0.contains("Mon 7 Dec") && $0.contains("answered") }
        let shell = try #require(Int32(pane.tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)))
        let child = try spawnAndWait(["pgrep", "-P", "\(shell)"]).output.split(separator: "\n").compactMap { Int32($0) }
        let avail = try #require(child.first, "avail's pid under the shell")
        try pane.keys(["-l", String(repeating: "L", count: 500)])
        let sentAt = Date()
        #expect(kill(avail, SIGTERM) == 0)
        let exited = try pane.waitFor(5, "avail to exit after SIGTERM") { Pane.exitLine($0) != nil }
        let seconds = Date().timeIntervalSince(sentAt)
        #expect(Pane.exitLine(exited) == "AVAIL_EXIT=143")
        #expect(seconds < 1.5, "SIGTERM took \(seconds) s to end the planner")
        // The keys avail had no time to read went to the shell: drop that line.
        Thread.sleep(forTimeInterval: 0.2)
        try pane.keys(["C-c"])
        try pane.type("stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'")
        let tty = try pane.waitFor(5, "stty to report") { $0.contains("\nicanon") || $0.contains("-icanon") }
        #expect(tty.contains("\nicanon"), "the terminal is back in canonical mode: \(tty)")
    }
}
}
