import Testing
import CalDAVClient
@testable import AvailCommands

@Suite struct ConfigurationTests {
    /// password_command runs through /bin/sh (posix_spawn): its first line is
    /// the password; a failure is one line with the exit status.
    @Test func passwordCommandRuns() throws {
        #expect(try Configuration.runPasswordCommand("printf 's3cret\\nsecond line'") == "s3cret")
        #expect(try Configuration.runPasswordCommand("cat") == "", "stdin is /dev/null, so nothing hangs")
        #expect(throws: CalDAVError.invalidConfiguration("password_command failed with exit status 3")) {
            try Configuration.runPasswordCommand("echo nope; exit 3")
        }
        #expect(throws: CalDAVError.invalidConfiguration("password_command failed with exit status 143")) {
            try Configuration.runPasswordCommand("kill -TERM $$")
        }
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

    @Test func namesTheLineOfAMistake() {
        #expect(throws: Configuration.ParseError(path: "cfg", line: 2, message: "unknown key `pasword` (known: url, user, password, password_command, organizer, auth, insecure, connect_timeout, timeout, theme, cache_ttl, attendee_tz, ca_file, fburl, fburl_for, group, originator_headers)")) {
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
        #expect(try c.account(insecureFlag: false, userAgent: "a").credentials?.password == "secret")
        c.passwordCommand = "exit 3"
        #expect(throws: CalDAVError.invalidConfiguration("password_command failed with exit status 3")) {
            try c.account(insecureFlag: false, userAgent: "a")
        }
    }

    @Test func missingOrBadURLIsAUsageError() {
        #expect(throws: CalDAVError.self) { try Configuration().account(insecureFlag: false, userAgent: "a") }
        var c = Configuration()
        c.url = "ftp://x/"
        #expect((try? c.account(insecureFlag: false, userAgent: "a")) == nil)
    }
}
