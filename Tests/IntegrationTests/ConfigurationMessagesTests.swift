import Foundation
import Testing

/// The configuration as a user writes it, through the real binary: the README's
/// own example lines work, and every mistake is one line naming what to fix,
/// with exit 2 (a setting), never a network failure or a silent wait.
extension LocalServerSuites {
@Suite(.serialized) struct ConfigurationMessagesTests {
    /// A directory of its own with `config` (mode 600) holding `text`.
    func configFile(_ text: String) throws -> (directory: String, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-cfgmsg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/config"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        return (dir, path)
    }

    func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    /// The README's example, trailing comments and all, answers (it used to fail
    /// with "URL using bad/illegal format", exit 5).
    @Test func theReadmeExampleWithTrailingCommentsWorks() throws {
        let url = try LocalServers.davicalURL().description
        let (dir, path) = try configFile("""
        # avail account
        url = \(url)          # server root, /.well-known/caldav, principal or calendar URL
        user = alice
        password_command = echo alicepw   # first line of its output
        timeout = 30 # s
        theme = light  # the planner's theme
        """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try runAvail(["query", "--config", path, "--from", "2026-12-07", "bob@example.com"], environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("bob@example.com  2.0"), "\(run.stdout)")
    }

    @Test func aBadURLIsAConfigErrorWithItsLine() throws {
        let (dir, path) = try configFile("user = alice\nurl = http://127.0.0.1:9/ server root\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try runAvail(["query", "--config", path, "bob@example.com"], environment: [:])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr == "avail: \(path):2: url must be an http:// or https:// URL without spaces, e.g. https://cal.example.com/\n")
    }

    /// An exported but empty AVAIL_PASSWORD is unset, like an empty AVAIL_URL or
    /// AVAIL_USER: the file's password_command is used.
    @Test func anEmptyPasswordVariableDoesNotHideThePasswordCommand() throws {
        let url = try LocalServers.davicalURL().description
        let (dir, path) = try configFile("url = \(url)\nuser = alice\npassword_command = echo alicepw\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try runAvail(["query", "--config", path, "--from", "2026-12-07", "bob@example.com"],
                               environment: ["AVAIL_PASSWORD": "", "AVAIL_USER": "", "AVAIL_URL": ""])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("bob@example.com  2.0"), "\(run.stdout)")
    }

    @Test func aPasswordCommandThatPrintsNothingIsNamed() throws {
        let url = try LocalServers.davicalURL().description
        let (dir, path) = try configFile("url = \(url)\nuser = alice\npassword_command = true\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try runAvail(["query", "--config", path, "bob@example.com"], environment: [:])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr == "avail: password_command printed no password (its first line of output is empty)\n")
    }

    /// A hanging password_command is announced on stderr after 2 s and given up
    /// at password_command_timeout, with one line each and exit 2.
    @Test func aHangingPasswordCommandIsAnnouncedAndStopped() throws {
        let (dir, path) = try configFile("url = http://127.0.0.1:9/\nuser = alice\npassword_command = sleep 1000\npassword_command_timeout = 3\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let started = Date()
        let run = try runAvail(["query", "--config", path, "bob@example.com"], environment: [:], timeout: 30)
        let elapsed = Date().timeIntervalSince(started)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(elapsed >= 3 && elapsed < 15, "\(elapsed) s")
        #expect(lines(run.stderr) == [
            "avail: waiting for password_command to print the password (giving up after 3 s; password_command_timeout in the config)",
            "avail: password_command did not finish within 3 s and was stopped (raise password_command_timeout if it needs longer)",
        ])
    }

    /// A CA file that is not there is the user's setting: exit 2, without a nudge
    /// to --insecure and without touching the network.
    @Test func aMissingCAFileIsAConfigError() throws {
        let (dir, path) = try configFile("url = https://127.0.0.1:9/\nuser = alice\npassword = x\nca_file = /nonexistent/avail-ca.pem # ours\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try runAvail(["query", "--config", path, "bob@example.com"], environment: [:])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr == "avail: ca_file /nonexistent/avail-ca.pem cannot be read: No such file or directory\n")
    }

    /// The planner builds the account before it takes the screen: the wait for
    /// password_command is said in the terminal, not behind a blank screen.
    @Test func thePlannerSaysWhatItWaitsFor() throws {
        let session = "avail-pwcmd-\(getpid())"
        let (dir, path) = try configFile("url = http://127.0.0.1:9/\nuser = alice\npassword_command = sleep 1000\npassword_command_timeout = 4\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bin = try LocalServers.availBinary().path
        let script = "TZ=UTC LANG=C.UTF-8 HOME=\(dir) \(bin) --config \(path) bob@example.com; echo AVAIL_EXIT=$?; sleep 30"
        _ = try? spawnAndWait(["tmux", "kill-session", "-t", session])
        let started = try spawnAndWait(["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "20", script])
        #expect(started.status == 0, "\(started.output)")
        defer { _ = try? spawnAndWait(["tmux", "kill-session", "-t", session]) }
        func screen() throws -> String { try spawnAndWait(["tmux", "capture-pane", "-p", "-t", session]).output }
        var shown = ""
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            shown = try screen()
            if shown.contains("AVAIL_EXIT=") { break }
            if shown.contains("waiting for password_command") { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(shown.contains("avail: waiting for password_command to print the password"), "screen:\n\(shown)")
        #expect(!shown.contains("AVAIL_EXIT="), "it ended before saying it waits:\n\(shown)")
        while Date() < deadline, !shown.contains("AVAIL_EXIT=") {
            Thread.sleep(forTimeInterval: 0.2)
            shown = try screen()
        }
        #expect(shown.contains("avail: password_command did not finish within 4 s and was stopped"), "screen:\n\(shown)")
        #expect(shown.contains("AVAIL_EXIT=2"), "screen:\n\(shown)")
    }

    /// A config with a mistake is not "no account": the planner says what is
    /// wrong and exits 2 instead of opening the demo.
    @Test func thePlannerReportsAConfigMistake() throws {
        let session = "avail-badcfg-\(getpid())"
        let (dir, path) = try configFile("user = alice\nurl = http://127.0.0.1:9/ # ok\ntimeout = soon\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bin = try LocalServers.availBinary().path
        let script = "TZ=UTC LANG=C.UTF-8 HOME=\(dir) \(bin) --config \(path) bob@example.com; echo AVAIL_EXIT=$?; sleep 30"
        _ = try? spawnAndWait(["tmux", "kill-session", "-t", session])
        _ = try spawnAndWait(["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "20", script])
        defer { _ = try? spawnAndWait(["tmux", "kill-session", "-t", session]) }
        var shown = ""
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, !shown.contains("AVAIL_EXIT=") {
            Thread.sleep(forTimeInterval: 0.1)
            shown = try spawnAndWait(["tmux", "capture-pane", "-p", "-t", session]).output
        }
        #expect(shown.contains("avail: \(path):3: timeout must be a number of seconds (1-3600)"), "screen:\n\(shown)")
        #expect(shown.contains("AVAIL_EXIT=2") && !shown.contains("demo"), "screen:\n\(shown)")
    }
}
}
