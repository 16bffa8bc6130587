import Foundation
import Synchronization
import Testing
import CalDAVClient
@testable import AvailCommands

@Suite struct ConfigurationTests {
    /// password_command runs through /bin/sh (posix_spawn): its first line is
    /// the password; a failure is one line with the exit status.
    @Test func passwordCommandRuns() throws {
        #expect(try Configuration.runPasswordCommand("printf 's3cret\\nsecond line'") == "s3cret")
        #expect(throws: CalDAVError.invalidConfiguration("password_command printed no password (its first line of output is empty)"),
                "stdin is /dev/null, so nothing hangs") {
            try Configuration.runPasswordCommand("cat")
        }
        #expect(throws: CalDAVError.invalidConfiguration("password_command failed with exit status 3")) {
            try Configuration.runPasswordCommand("echo nope; exit 3")
        }
        #expect(throws: CalDAVError.invalidConfiguration("password_command failed with exit status 143")) {
            try Configuration.runPasswordCommand("kill -TERM $$")
        }
    }

    /// A command that never finishes is announced after `noticeAfter`, then
    /// killed with everything it started (its process group) at the limit.
    @Test func aHangingPasswordCommandIsAnnouncedThenStopped() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let notices = Mutex<[String]>([])
        let started = ContinuousClock.now
        #expect(throws: CalDAVError.invalidConfiguration("password_command did not finish within 1.5 s and was stopped (raise password_command_timeout if it needs longer)")) {
            try Configuration.runPasswordCommand("sleep 1000 & echo $! > \(dir)/pid; wait", timeout: 1.5, noticeAfter: 0.3) { line in
                notices.withLock { $0.append(line) }
            }
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .seconds(1.5) && elapsed < .seconds(5), "\(elapsed)")
        #expect(notices.withLock { $0 } == ["waiting for password_command to print the password (giving up after 1.5 s; password_command_timeout in the config)"])
        // The grandchild (`sleep`) went with the shell: gone, or a zombie waiting for init.
        let pidText = try String(contentsOfFile: dir + "/pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(pidText))
        var gone = false
        for _ in 0..<100 {
            let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: ")").last?.split(separator: " ").first
            if state == nil || state == "Z" { gone = true; break }
            usleep(20_000)
        }
        #expect(gone, "sleep (pid \(pid)) still runs after the timeout")
        // A quick command says nothing.
        let quiet = Mutex<[String]>([])
        #expect(try Configuration.runPasswordCommand("echo pw", timeout: 5, noticeAfter: 2) { l in quiet.withLock { $0.append(l) } } == "pw")
        #expect(quiet.withLock { $0 }.isEmpty)
        // A shell that closes its output and lingers is stopped as well.
        #expect(throws: CalDAVError.self) {
            try Configuration.runPasswordCommand("echo pw; exec >&-; sleep 1000", timeout: 1, noticeAfter: 10)
        }
    }

    @Test func passwordCommandTimeoutIsAKey() throws {
        #expect(try Configuration.parse("password_command_timeout = 5").passwordCommandTimeout == 5)
        #expect(Configuration().passwordCommandTimeout == 60)
        #expect(throws: Configuration.ParseError.self) { try Configuration.parse("password_command_timeout = 0") }
    }

    @Test func anEmptyPasswordFromTheCommandIsNamed() {
        var c = Configuration()
        c.url = "http://h/"
        c.user = "alice"
        c.passwordCommand = "true"
        #expect(throws: CalDAVError.invalidConfiguration("password_command printed no password (its first line of output is empty)")) {
            try c.account(insecureFlag: false, userAgent: "a").resolvedCredentials()
        }
    }

    /// password_command runs on the first request that needs the password, once,
    /// and not at all for a run the cache answers; its failure is kept and said
    /// again by every later request.
    @Test func thePasswordCommandRunsOnceWhenFirstNeeded() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = Configuration()
        c.url = "http://h/"
        c.user = "alice"
        c.passwordCommand = "echo run >> \(dir)/runs; echo pw"
        let account = try c.account(insecureFlag: false, userAgent: "a")
        #expect(!FileManager.default.fileExists(atPath: dir + "/runs"), "not run by making the account")
        #expect(account.credentials?.user == "alice" && account.passwordSource?.fetched == false)
        #expect(try account.resolvedCredentials()?.password == "pw")
        #expect(try account.resolvedCredentials()?.password == "pw")
        #expect(try String(contentsOfFile: dir + "/runs", encoding: .utf8) == "run\n", "run once")
        c.passwordCommand = "echo run >> \(dir)/failures; exit 3"
        let failing = try c.account(insecureFlag: false, userAgent: "a")
        for _ in 0..<2 {
            #expect(throws: CalDAVError.invalidConfiguration("password_command failed with exit status 3")) { try failing.resolvedCredentials() }
        }
        #expect(try String(contentsOfFile: dir + "/failures", encoding: .utf8) == "run\n", "a failure is not run again")
    }

    /// Empty means unset for every AVAIL_* variable: an exported but empty
    /// AVAIL_PASSWORD does not hide the file's password_command.
    @Test func emptyEnvironmentVariablesAreUnset() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/config"
        try "url = http://file/\nuser = alice\npassword_command = echo frompass\n".write(toFile: file, atomically: true, encoding: .utf8)
        let env = ["AVAIL_URL": "", "AVAIL_USER": "", "AVAIL_PASSWORD": "", "HOME": dir]
        let c = try Configuration.load(path: file, environment: env)
        #expect(c.url == "http://file/" && c.user == "alice" && c.password == nil && c.passwordCommand == "echo frompass")
        #expect(try c.account(insecureFlag: false, userAgent: "a").resolvedCredentials()?.password == "frompass")
        let set = try Configuration.load(path: file, environment: ["AVAIL_PASSWORD": "envpw", "HOME": dir])
        #expect(set.password == "envpw" && set.passwordCommand == nil)
    }

    /// The README's own examples: a `#` after whitespace starts a comment; inside
    /// a word or quotes it is part of the value.
    @Test func trailingCommentsAreComments() throws {
        let c = try Configuration.parse("""
        url = https://cal.example.com/          # server root, /.well-known/caldav, principal or calendar URL
        user = alice#1
        password = "pa #ss"  # quoted keeps its #
        password_command = pass show caldav/alice   # first line of its output
        timeout = 30 # s
        connect_timeout = 5	# tab before the comment
        theme = light  # the planner's theme
        cache_ttl = 300                       # seconds
        fburl = https://cal.example.com/fb/{user}.ifb#part # a fragment stays
        fburl_for = carol@partner.example https://partner.example/fb/carol.ifb   # one person
        group = team: alice@example.com, bob@example.com   # a name
        insecure = false # no
        organizer = 'mailto:alice@example.com' # single quotes
        """)
        #expect(c.url == "https://cal.example.com/")
        #expect(c.user == "alice#1")
        #expect(c.password == "pa #ss")
        #expect(c.passwordCommand == "pass show caldav/alice")
        #expect(c.timeout == 30 && c.connectTimeout == 5 && c.cacheTTL == 300 && !c.insecure)
        #expect(c.theme == "light")
        #expect(c.fburl == "https://cal.example.com/fb/{user}.ifb#part")
        #expect(Array(c.fburlFor.values) == ["https://partner.example/fb/carol.ifb"])
        #expect(c.groups["team"] == ["alice@example.com", "bob@example.com"])
        #expect(c.organizer == "mailto:alice@example.com")
        #expect(throws: Configuration.ParseError.self, "nothing but a comment: an empty theme, refused") {
            try Configuration.parse("theme = # nothing left")
        }
    }

    @Test func quotesMustClose() {
        #expect(throws: Configuration.ParseError(path: "cfg", line: 1, message: "password: the value starts with \" but has no closing \"")) {
            try Configuration.parse("password = \"abc", path: "cfg")
        }
        #expect(throws: Configuration.ParseError(path: "cfg", line: 2, message: "user: text after the closing '; put a comment after ` #`")) {
            try Configuration.parse("# c\nuser = 'a' b", path: "cfg")
        }
    }

    /// A URL curl cannot use is a config error naming the line, not a network failure later.
    @Test func aBadURLNamesItsLine() {
        for bad in ["https://cal.example.com/ server root", "ftp://x/", "cal.example.com", "https://", "http://h/\u{7}"] {
            #expect(throws: Configuration.ParseError(path: "cfg", line: 2, message: "url must be an http:// or https:// URL without spaces, e.g. https://cal.example.com/")) {
                try Configuration.parse("user = a\nurl = \(bad)", path: "cfg")
            }
        }
        #expect(throws: Configuration.ParseError.self) { try Configuration.parse("fburl = https://h/fb/{user} .ifb") }
        #expect(throws: Configuration.ParseError.self) { try Configuration.parse("fburl_for = bob@example.com https://h/ x.ifb") }
        // From the environment the same URL is a config error too (exit 2), not a transfer error.
        var c = Configuration()
        c.url = "http://127.0.0.1:9/ x"
        #expect(throws: CalDAVError.invalidConfiguration("the server URL \"http://127.0.0.1:9/ x\" is not an http:// or https:// URL (without spaces: write them %20)")) {
            try c.account(insecureFlag: false, userAgent: "a")
        }
    }

    /// ca_file is checked when the account is made: missing or not a regular
    /// file (a FIFO must not hang avail) is a config error, exit 2.
    @Test func theCAFileIsCheckedUpFront() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = Configuration()
        c.url = "https://h/"
        c.caFile = dir + "/missing.pem"
        #expect(throws: CalDAVError.invalidConfiguration("ca_file \(dir)/missing.pem cannot be read: No such file or directory")) {
            try c.account(insecureFlag: false, userAgent: "a")
        }
        #expect(mkfifo(dir + "/fifo.pem", 0o600) == 0)
        c.caFile = dir + "/fifo.pem"
        #expect(throws: CalDAVError.invalidConfiguration("ca_file \(dir)/fifo.pem is not a regular file")) {
            try c.account(insecureFlag: false, userAgent: "a")
        }
        #expect(CalDAVError.invalidConfiguration("x").exitCode == 2)
        #expect(FileManager.default.createFile(atPath: dir + "/ca.pem", contents: Data("pem".utf8)))
        c.caFile = dir + "/ca.pem"
        #expect(try c.account(insecureFlag: false, userAgent: "a").options.caFile == dir + "/ca.pem")
    }

    func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func parsesEveryKey() throws {
        let c = try Configuration.parse("""
        # my account\r
        url = https://cal.example.com/dav/\r
        user = alice
        password_command = "pass show caldav/alice"
        organizer = mailto:alice@example.com
        auth = Digest
        insecure = yes
        connect_timeout = 5
        timeout = 12.5
        theme = light
        """)
        #expect(c.url == "https://cal.example.com/dav/")
        #expect(c.user == "alice")
        #expect(c.passwordCommand == "pass show caldav/alice")
        #expect(c.organizer == "mailto:alice@example.com")
        #expect(c.auth == "digest" && c.insecure && c.connectTimeout == 5 && c.timeout == 12.5)
        #expect(c.theme == "light")
    }

    /// `room` lines and `rooms` groups; each mistake names its line.
    @Test func roomsAndRoomGroups() throws {
        let c = try Configuration.parse("""
        room = Room 1 <room1@example.com> capacity 8
        room = room2@example.com   # no name
        rooms = floor2: Room 1, room2@example.com
        """, path: "cfg")
        #expect(c.rooms.rooms.map(\.label) == ["Room 1 <room1@example.com>", "room2@example.com"])
        #expect(c.rooms.rooms.map(\.capacity) == [8, nil])
        #expect(c.rooms.groups == ["floor2": ["Room 1", "room2@example.com"]])
        #expect(try c.rooms.resolve(rooms: [], groups: ["floor2"]).map(\.address.displayString) == ["room1@example.com", "room2@example.com"])
        let mistakes: [(String, String)] = [
            ("room = Room 1 <room1@example.com> capacity many", "cfg:2: room: capacity must be a whole number of people, e.g. `capacity 8`"),
            ("room = Room 1 <nowhere>", "cfg:2: room: \"nowhere\" is not an email address or mailto: URI"),
            ("room = room1@example.com", "cfg:2: room room1@example.com is already named above"),
            ("rooms = floor2 room1@example.com", "cfg:2: rooms must be `GROUP: room, room…`, e.g. rooms = floor2: room1@example.com, room2@example.com"),
            ("rooms = floor2:", "cfg:2: rooms group floor2 lists no rooms"),
            ("rooms = a@b: room1@example.com", "cfg:2: rooms needs a group name without spaces or @ before the colon"),
        ]
        for (line, message) in mistakes {
            #expect(throws: Configuration.ParseError.self) { try Configuration.parse("room = room1@example.com\n" + line, path: "cfg") }
            do { _ = try Configuration.parse("room = room1@example.com\n" + line, path: "cfg") } catch { #expect(error.description == message) }
        }
    }

    @Test func clipboardIsOneOfItsThreeWords() throws {
        #expect(try Configuration.parse("clipboard = OSC52\n").clipboard == "osc52")
        #expect(try Configuration.parse("clipboard = tmux-passthrough\n").clipboard == "tmux-passthrough")
        #expect(try Configuration.parse("url = http://h/\n").clipboard == nil)
        #expect(throws: Configuration.ParseError(path: "cfg", line: 1, message: "clipboard must be osc52, tmux-passthrough or off")) {
            try Configuration.parse("clipboard = yes\n", path: "cfg")
        }
    }

    @Test func namesTheLineOfAMistake() {
        #expect(throws: Configuration.ParseError(path: "cfg", line: 2, message: "unknown key `pasword` (known: url, user, password, password_command, password_command_timeout, organizer, auth, insecure, connect_timeout, timeout, theme, cache_ttl, attendee_tz, ca_file, fburl, fburl_for, group, originator_headers, room, rooms, domains, clipboard)")) {
            try Configuration.parse("url = http://h/\npasword = x\n", path: "cfg")
        }
        #expect(throws: Configuration.ParseError.self) { try Configuration.parse("just words") }
        #expect(throws: Configuration.ParseError.self) { try Configuration.parse("timeout = -1") }
        #expect(throws: Configuration.ParseError.self) { try Configuration.parse("insecure = maybe") }
        #expect(throws: Configuration.ParseError.self) { try Configuration.parse("auth = ntlm") }
    }

    @Test func environmentWinsOverTheFile() throws {
        let env = ["AVAIL_URL": "http://env/", "AVAIL_USER": "bob", "AVAIL_PASSWORD": "pw", "HOME": "/nonexistent"]
        let c = try Configuration.load(path: nil, environment: env)
        #expect(c.url == "http://env/" && c.user == "bob" && c.password == "pw")
    }

    @Test func credentialsInTheURLAreTakenOutOfIt() throws {
        var c = Configuration()
        c.url = "http://alice:p%40ss@cal.example.com/"
        let account = try c.account(insecureFlag: false, userAgent: "avail/test")
        #expect(account.credentials?.user == "alice" && account.credentials?.password == "p@ss")
        #expect(account.serverURL.description == "http://cal.example.com/")
        #expect(account.options.userAgent == "avail/test")
    }

    @Test func passwordCommandFirstLine() throws {
        var c = Configuration()
        c.url = "http://h/"
        c.user = "alice"
        c.passwordCommand = "printf 'secret\\nsecond line\\n'"
        #expect(try c.account(insecureFlag: false, userAgent: "a").resolvedCredentials()?.password == "secret")
        c.passwordCommand = "exit 3"
        #expect(throws: CalDAVError.invalidConfiguration("password_command failed with exit status 3")) {
            try c.account(insecureFlag: false, userAgent: "a").resolvedCredentials()
        }
    }

    @Test func missingOrBadURLIsAUsageError() {
        #expect(throws: CalDAVError.self) { try Configuration().account(insecureFlag: false, userAgent: "a") }
        var c = Configuration()
        c.url = "ftp://x/"
        #expect((try? c.account(insecureFlag: false, userAgent: "a")) == nil)
    }

    @Test func agesAndTimeoutsTakeTheCommandLinesWords() throws {
        #expect(try Configuration.parse("cache_ttl = 1h30m").cacheTTL == 5400)
        #expect(try Configuration.parse("cache_ttl = 0").cacheTTL == 0)
        #expect(try Configuration.parse("cache_ttl = 300").cacheTTL == 300)
        #expect(throws: Configuration.ParseError.self) { try Configuration.parse("cache_ttl = 31d") }
        #expect(throws: Configuration.ParseError.self) { try Configuration.parse("cache_ttl = soon") }
        // The message says 1-3600; a quarter second is not in it (and curl would
        // read 0 ms as no limit).
        #expect(throws: Configuration.ParseError(path: "config", line: 1, message: "timeout must be a number of seconds (1-3600)")) {
            try Configuration.parse("timeout = 0.25")
        }
        #expect(try Configuration.parse("connect_timeout = 1").connectTimeout == 1)
    }
}
