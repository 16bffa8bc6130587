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

    /// libcurl says "timed out" for both limits; the binary names the one that fired.
    @Test func aConnectTimeoutNamesConnectTimeout() throws {
        let listener = try LoopbackListener(.neverAccepting)
        let url = "http://127.0.0.1:\(listener.port)/"
        let run = try runAvail(["query", "--connect-timeout", "1", "--timeout", "20", "bob@example.com"],
                               environment: ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "x"], timeout: 30)
        #expect(run.status == 5, "\(run.stderr)")
        #expect(run.stderr == "avail: no connection to \(url).well-known/caldav within 1 s (connect_timeout, --connect-timeout)\n")
    }

    /// A header line over libcurl's 100 KB limit is said as such, not "Out of memory".
    @Test func aGiantHeaderIsNamed() throws {
        let answer = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Big: \(String(repeating: "b", count: 200 * 1024))\r\n\r\n".utf8)
        let listener = try LoopbackListener(.answering(answer))
        let url = "http://127.0.0.1:\(listener.port)/"
        let run = try runAvail(["query", "bob@example.com"], environment: ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "x"], timeout: 30)
        #expect(run.status == 5, "\(run.stderr)")
        #expect(run.stderr == "avail: the server at \(url).well-known/caldav sent a response header too large to read (over 100 KB)\n")
    }

    /// The planner builds the account before it takes the screen: the wait for
    /// password_command is said in the terminal, not behind a blank screen.
    @Test func thePlannerSaysWhatItWaitsFor() throws {
        let (dir, path) = try configFile("url = http://127.0.0.1:9/\nuser = alice\npassword_command = sleep 1000\npassword_command_timeout = 4\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bin = try LocalServers.availBinary().path
        try inTerminal("pwwait", "TZ=UTC LANG=C.UTF-8 HOME=\(dir) \(bin) --config \(path) bob@example.com") { _, waitFor in
            let waiting = try waitFor("the notice") { $0.contains("waiting for password_command") || $0.contains("AVAIL_EXIT=") }
            #expect(waiting.contains("avail: waiting for password_command to print the password"), "screen:\n\(waiting)")
            #expect(!waiting.contains("AVAIL_EXIT="), "it ended before saying it waits:\n\(waiting)")
            let done = try waitFor("avail to give up") { $0.contains("AVAIL_EXIT=") }
            #expect(done.contains("avail: password_command did not finish within 4 s and was stopped"), "screen:\n\(done)")
            #expect(done.contains("AVAIL_EXIT=2"), "screen:\n\(done)")
        }
    }

    /// Runs `script` in a tmux session of its own (a real terminal), calls
    /// `act` with a function that polls the screen for a condition, and cleans up.
    func inTerminal(_ name: String, _ script: String, _ act: (_ send: ([String]) throws -> Void, _ waitFor: (String, (String) -> Bool) throws -> String) throws -> Void) throws {
        let session = "avail-\(name)-\(getpid())"
        _ = try? spawnAndWait(["tmux", "kill-session", "-t", session])
        let started = try spawnAndWait(["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "25", script + "; echo AVAIL_EXIT=$?; sleep 30"])
        #expect(started.status == 0, "\(started.output)")
        defer { _ = try? spawnAndWait(["tmux", "kill-session", "-t", session]) }
        try act({ keys in _ = try spawnAndWait(["tmux", "send-keys", "-t", session] + keys) }, { what, condition in
            var shown = ""
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                shown = try spawnAndWait(["tmux", "capture-pane", "-p", "-t", session]).output
                if condition(shown) { return shown }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("timed out waiting for \(what); screen:\n\(shown)")
            return shown
        })
    }

    /// password_command runs in a process group of its own (so that a timeout
    /// kills all of it), which gets the terminal while it runs: a prompt on
    /// /dev/tty works, and Ctrl-C ends the command, and avail with one line.
    @Test func aPasswordCommandCanPromptAndBeInterrupted() throws {
        let url = try LocalServers.davicalURL().description
        let (dir, path) = try configFile("url = \(url)\nuser = alice\npassword_command = printf 'pw? ' > /dev/tty; read -r p < /dev/tty; echo \"$p\"\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bin = try LocalServers.availBinary().path
        try inTerminal("pwprompt", "TZ=UTC LANG=C.UTF-8 HOME=\(dir) \(bin) query --from 2026-12-07 --config \(path) bob@example.com") { send, waitFor in
            _ = try waitFor("the prompt") { $0.contains("pw? ") }
            try send(["alicepw", "Enter"])
            let done = try waitFor("the answer") { $0.contains("AVAIL_EXIT=") }
            #expect(done.contains("bob@example.com  2.0") && done.contains("AVAIL_EXIT=0"), "screen:\n\(done)")
        }
        let (dir2, path2) = try configFile("url = \(url)\nuser = alice\npassword_command = sleep 1000; echo late\n")
        defer { try? FileManager.default.removeItem(atPath: dir2) }
        try inTerminal("pwint", "TZ=UTC LANG=C.UTF-8 HOME=\(dir2) \(bin) --config \(path2) bob@example.com") { send, waitFor in
            _ = try waitFor("the notice") { $0.contains("waiting for password_command") }
            try send(["C-c"])
            let done = try waitFor("avail to end") { $0.contains("AVAIL_EXIT=") }
            #expect(done.contains("avail: password_command failed with exit status 130") && done.contains("AVAIL_EXIT=2"), "screen:\n\(done)")
        }
    }

    /// A config with a mistake is not "no account": the planner says what is
    /// wrong and exits 2 instead of opening the demo.
    @Test func thePlannerReportsAConfigMistake() throws {
        let (dir, path) = try configFile("user = alice\nurl = http://127.0.0.1:9/ # ok\ntimeout = soon\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bin = try LocalServers.availBinary().path
        try inTerminal("badcfg", "TZ=UTC LANG=C.UTF-8 HOME=\(dir) \(bin) --config \(path) bob@example.com") { _, waitFor in
            let done = try waitFor("avail to end") { $0.contains("AVAIL_EXIT=") }
            #expect(done.contains("avail: \(path):3: timeout must be a number of seconds (1-3600)"), "screen:\n\(done)")
            #expect(done.contains("AVAIL_EXIT=2") && !done.contains("demo"), "screen:\n\(done)")
        }
    }
}
}
