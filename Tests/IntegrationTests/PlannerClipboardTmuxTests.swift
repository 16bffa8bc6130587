import Foundation
import Testing

/// `y` on a row puts the request on the clipboard with OSC 52; a tmux with
/// `set-clipboard on` (a tmux server of the test's own, so no other test's
/// tmux is changed) keeps it as a paste buffer. That text, run with sh
/// against DAViCal and Cyrus, gets carol's free/busy as avail gets it.
extension LocalServerSuites {
@Suite(.serialized) struct PlannerClipboardTmuxTests: TmuxDriven {
    typealias Server = BookingIntegrationTests.Server
    let socket = "avail-clip-\(getpid())"
    let session = "clip"

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        try spawnAndWait(["tmux", "-L", socket, "-f", "/dev/null"] + args).output
    }

    /// On the test's own tmux server.
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session]) }

    @Test(arguments: Server.allCases)
    func theCopiedRequestRunsAndGetsTheAnswer(server: Server) throws {
        let bin = try LocalServers.availBinary().path
        let script = "AVAIL_URL=\(try server.url().description) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 "
            + "TERM=xterm-256color HOME=\(try scratchHome()) \(bin) --from 2033-01-03 carol@example.com; echo AVAIL_EXIT=$?; sleep 30"
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", "sleep 1; " + script])
        // The server's socket file stays after kill-server: removed too.
        let socketPath = try tmux(["display-message", "-p", "#{socket_path}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        defer {
            _ = try? tmux(["kill-server"])
            if socketPath.hasSuffix("/" + socket) { unlink(socketPath) }
        }
        // tmux 3.3's default (external) ignores an application's OSC 52; on keeps it as a buffer.
        try tmux(["set-option", "-s", "set-clipboard", "on"])
        _ = try waitFor(15, "carol's answer") { s in
            s.split(separator: "\n").first { $0.hasPrefix("carol@example.com") }?.contains("2.0 ok") == true
        }
        try tmux(["send-keys", "-t", session, "9", "k", "j", "y"])
        _ = try waitFor(15, "the request as curl") { $0.contains("The request for carol@example.com, as curl") }
        var copied = ""
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, !copied.contains("AVAIL_BODY") {
            copied = (try? spawnAndWait(["tmux", "-L", socket, "show-buffer"]).output) ?? ""
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(copied.hasPrefix("#!/bin/sh"), "the clipboard holds the script: \(copied)")
        #expect(!copied.contains("alicepw"))
        try tmux(["send-keys", "-t", session, "q", "q"])
        _ = try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=0") }

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("avail-clip-\(getpid())-\(server).sh")
        try copied.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try spawn(["/bin/sh", file.path], environment: ["PATH": "/usr/bin:/bin", "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"],
                            mergeStandardError: true, timeout: 30)
        #expect(run.status == 0, "\(run.stdout)")
        // RFC 6638 §5: a schedule-response naming carol, with 2.0 and her VFREEBUSY.
        #expect(run.stdout.contains("schedule-response"), "\(run.stdout)")
        #expect(run.stdout.contains("mailto:carol@example.com"), "\(run.stdout)")
        #expect(run.stdout.contains("2.0"), "\(run.stdout)")
        #expect(run.stdout.contains("BEGIN:VFREEBUSY"), "\(run.stdout)")
    }
}
}
