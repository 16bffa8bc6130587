import Foundation
import Testing

/// `avail setup` against the real servers: a bare URL and a user turn into a
/// config that works (DAViCal, Cyrus); a server without scheduling (Radicale)
/// says it cannot answer free/busy requests and still gets a config that
/// works for published free/busy; the interactive prompts in a real terminal.
extension LocalServerSuites {
@Suite(.serialized) struct SetupCommandIntegrationTests {
    /// A fresh directory for the config and the password file.
    func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-setup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return dir
    }

    func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test(arguments: ["AVAIL_TEST_DAVICAL_URL", "AVAIL_TEST_CYRUS_URL"])
    func aBareURLBecomesAWorkingConfig(server: String) throws {
        let url = try LocalServers.value(server)
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/avail/config"
        let run = try runAvail(["setup", "--url", url, "--user", "alice", "--password-command", "echo alicepw", "--config", file],
                               environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("organizer:  mailto:alice@example.com"), "\(run.stdout)")
        #expect(run.stdout.contains("outbox:     http"), "\(run.stdout)")
        #expect(run.stdout.contains("the server schedules"), "\(run.stdout)")
        #expect(run.stdout.contains("Wrote \(file) (mode 0600)."))
        #expect(try mode(file) == 0o600)
        // The config works as it is: a query for bob answers from the server.
        let query = try runAvail(["query", "--config", file, "--from", "2026-12-07", "--days", "1", "--format", "json", "bob@example.com"],
                                 environment: [:])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.contains("\"status\""))

        // A second run refuses to overwrite; --force replaces.
        let again = try runAvail(["setup", "--url", url, "--user", "alice", "--password-command", "echo alicepw", "--config", file],
                                 environment: [:])
        #expect(again.status == 2)
        #expect(again.stderr == "avail: \(file) already exists; pass --force to replace it\n")
        let forced = try runAvail(["setup", "--url", url, "--user", "alice", "--password-command", "echo alicepw", "--config", file, "--force"],
                                  environment: [:])
        #expect(forced.status == 0, "\(forced.stderr)")
    }

    @Test(arguments: ["AVAIL_TEST_DAVICAL_URL", "AVAIL_TEST_CYRUS_URL"])
    func aWrongPasswordWritesNothing(server: String) throws {
        let url = try LocalServers.value(server)
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "wrong\n".write(toFile: dir + "/pw", atomically: true, encoding: .utf8)
        chmod(dir + "/pw", 0o600)
        let run = try runAvail(["setup", "--url", url, "--user", "alice", "--password-file", dir + "/pw", "--config", dir + "/config"],
                               environment: [:])
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.hasSuffix("; no config was written\n"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/config"))
    }

    @Test func aPasswordFromAFileIsKeptInAPrivateConfig() throws {
        let url = try LocalServers.value("AVAIL_TEST_DAVICAL_URL")
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "alicepw\n".write(toFile: dir + "/pw", atomically: true, encoding: .utf8)
        chmod(dir + "/pw", 0o600)
        let run = try runAvail(["setup", "--url", url, "--user", "alice", "--password-file", dir + "/pw", "--config", dir + "/config"],
                               environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try mode(dir + "/config") == 0o600)
        #expect(try String(contentsOfFile: dir + "/config", encoding: .utf8).contains("password = \"alicepw\""))
        #expect(!run.stdout.contains("alicepw") && !run.stderr.contains("alicepw"))
    }

    @Test func radicaleCannotAnswerFreeBusyButGetsAConfigForPublishedFiles() throws {
        let radicale = try LocalServers.value("AVAIL_TEST_RADICALE_URL")
        let plain = try LocalServers.noCalDAVURL()
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try runAvail(["setup", "--url", radicale, "--user", "alice", "--no-password", "--fburl", "\(plain){email}.ifb",
                                "--config", dir + "/config"], environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("this server cannot answer free/busy requests"), "\(run.stdout)")
        #expect(run.stdout.contains("outbox:     (none)"))
        #expect(run.stdout.contains("Wrote \(dir)/config"))

        // The config is used for published free/busy: a file on the plain web server answers.
        let state = ProcessInfo.processInfo.environment["AVAIL_TEST_STATE"] ?? "/tmp/avail-test-servers"
        let name = "setup-\(UUID().uuidString.prefix(8))@example.com"
        let ifb = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VFREEBUSY\r\nDTSTART:20261201T000000Z\r\nDTEND:20261231T000000Z\r\nFREEBUSY:20261207T130000Z/PT2H\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n"
        let ifbPath = state + "/davical/static/" + name + ".ifb"
        try ifb.write(toFile: ifbPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: ifbPath) }
        let query = try runAvail(["query", "--config", dir + "/config", "--from", "2026-12-07", "--format", "json", name], environment: [:])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.contains("\"source\":\"fburl\"") || query.stdout.contains("\"source\": \"fburl\""), "\(query.stdout)")
        #expect(query.stdout.contains("2026-12-07T13:00:00Z"))
    }

    @Test func withoutATerminalTheMissingFlagsAreNamed() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // setsid: no controlling terminal, as under cron.
        let bin = try LocalServers.availBinary().path
        let r = try spawn(["/usr/bin/setsid", "-w", bin, "setup", "--url", "http://127.0.0.1:1/", "--config", dir + "/config"],
                          environment: ["PATH": "/usr/bin:/bin", "HOME": dir], timeout: 20)
        #expect(r.status == 2)
        #expect(r.stderr == "avail: no terminal to ask on: give --url, --user and one of --password-command, --password-file, --no-password (see `avail setup --help`)\n")
    }
}

/// The questions in a real terminal: the password typed is never echoed.
@Suite(.serialized) struct SetupPromptTmuxTests: TmuxDriven {
    let session = "avail-setup-\(getpid())"


    @Test func theQuestionsAreAskedAndThePasswordIsNotShown() throws {
        let url = try LocalServers.davicalURL().description
        let bin = try LocalServers.availBinary().path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-setup-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = "PATH=/usr/bin:/bin TZ=UTC LANG=C.UTF-8 HOME=\(dir) \(bin) setup; echo AVAIL_EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -- '-*echo'; sleep 30"
        _ = try? tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "40", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }

        // capture-pane drops trailing spaces, so the questions are matched without theirs.
        _ = try waitFor(10, "the URL question") { $0.contains("Server URL") }
        try tmux(["send-keys", "-t", session, "-l", url])
        try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor(10, "the user question") { $0.contains("User name:") }
        try tmux(["send-keys", "-t", session, "-l", "alice"])
        try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor(10, "the password_command question") { $0.contains("password_command:") }
        try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor(10, "the password question") { $0.contains("Password (not shown):") }
        try tmux(["send-keys", "-t", session, "-l", "alicepw"])
        try tmux(["send-keys", "-t", session, "Enter"])
        let done = try waitFor(20, "setup to finish") { $0.contains("AVAIL_EXIT=") }
        #expect(done.contains("AVAIL_EXIT=0"), "\(done)")
        #expect(!done.contains("alicepw"), "the password was echoed:\n\(done)")
        #expect(done.contains("the server schedules"))
        // Echo is back on after the password was read.
        #expect(done.split(separator: "\n").contains("echo"), "\(done)")
        let config = try String(contentsOfFile: dir + "/.config/avail/config", encoding: .utf8)
        #expect(config.contains("user = \"alice\"") && config.contains("password = \"alicepw\""))
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/.config/avail/config")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// SIGTERM (or SIGHUP, SIGINT) while the password is being read, echo
    /// off: avail puts the terminal back before it dies of the signal, so the
    /// user's shell echoes again.
    @Test(arguments: ["TERM", "HUP"])
    func aSignalDuringThePasswordLeavesEchoOn(signal: String) throws {
        let bin = try LocalServers.availBinary().path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-setup-signal-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = "PATH=/usr/bin:/bin TZ=UTC LANG=C.UTF-8 HOME=\(dir) \(bin) setup --url http://127.0.0.1:1/ --user alice & "
            + "echo AVAIL_PID=$!; wait $!; echo AVAIL_EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -- '-*echo'; echo STTY_DONE; sleep 30"
        _ = try? tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "40", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        _ = try waitFor(10, "the password_command question") { $0.contains("password_command:") }
        try tmux(["send-keys", "-t", session, "Enter"])
        let asking = try waitFor(10, "the password question") { $0.contains("Password (not shown):") }
        let pid = try #require(asking.split(separator: "\n").first { $0.hasPrefix("AVAIL_PID=") }.flatMap { Int32($0.dropFirst("AVAIL_PID=".count)) })
        // Echo is off now (the shell's stty below would say so if it stayed off).
        try tmux(["send-keys", "-t", session, "-l", "sec"])
        Thread.sleep(forTimeInterval: 0.3)
        _ = try spawnAndWait(["/bin/kill", "-\(signal)", "\(pid)"])
        let done = try waitFor(10, "avail to end and stty to report") { $0.contains("STTY_DONE") }
        let code = signal == "TERM" ? 143 : 129
        #expect(done.contains("AVAIL_EXIT=\(code)"), "\(done)")
        #expect(done.split(separator: "\n").contains("echo"), "echo is still off after SIG\(signal):\n\(done)")
        #expect(!done.contains("sec"), "the typed secret was echoed:\n\(done)")
    }
}
}
