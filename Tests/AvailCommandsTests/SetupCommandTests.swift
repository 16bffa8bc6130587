@testable import AvailCommands
import FreeBusy
import Foundation
import HTTPClient
import ICalendar
import Scheduling
import Testing

/// What `avail setup` writes reads back as the same settings, and the file is
/// made as a file with a password must be.
@Suite struct SetupCommandTests {
    @Test func theWrittenConfigParsesToTheSameSettings() throws {
        var c = Configuration()
        c.url = "https://cal.example.com/dav/"
        c.user = "alice"
        c.password = " p#ss word with \"quotes\" and # hash"
        c.fburl = "https://cal.example.com/freebusy.php/{user}/?start={start}&end={end}"
        c.insecure = true
        let text = try c.fileText(comment: ["written by setup"])
        #expect(text.hasPrefix("# written by setup\n"))
        #expect(try Configuration.parse(text) == c)

        var d = Configuration()
        d.url = "http://127.0.0.1:58080/"
        d.user = "bob"
        d.passwordCommand = "pass show caldav/bob # not a comment"
        #expect(try Configuration.parse(try d.fileText()) == d)
    }

    /// --organizer, --auth and --ca-file end up in the file as the keys the
    /// config reads; bad values are said before anything is asked.
    @Test func theAccountFlagsAreWrittenAndCheckedFirst() throws {
        var e = Configuration()
        e.url = "https://cal.example.com/"
        e.organizer = "mailto:alice@example.com"
        e.auth = "digest"
        e.caFile = "/etc/ssl/certs/ca-certificates.crt"
        let text = try e.fileText()
        #expect(text.contains("organizer = \"mailto:alice@example.com\"\nauth = \"digest\"\nca_file = \"/etc/ssl/certs/ca-certificates.crt\"\n"))
        #expect(try Configuration.parse(text) == e)

        func setup(_ args: [String]) throws -> SetupCommand {
            try SetupCommand(try #require(try CommandLineParser.parse(args, spec: SetupCommand.spec)))
        }
        let good = try setup(["--auth", "Digest", "--organizer", "alice@example.com", "--ca-file", "/dev/null"])
        #expect(good.auth == "digest" && good.organizer == "alice@example.com")
        for (args, words) in [(["--auth", "ntlm"], "--auth must be basic or digest"), (["--organizer", "not an address"], "--organizer"),
                              (["--ca-file", "/no/such/ca.pem"], "--ca-file"), (["--ca-file", "/tmp"], "not a regular file")] {
            let failure = #expect(throws: CommandFailure.self) { try setup(args).validate() }
            #expect(failure?.code == 2 && failure?.message.contains(words) == true, "\(args): \(String(describing: failure?.message))")
        }
        #expect(SetupCommand.absolute("ca.pem").hasPrefix("/") && SetupCommand.absolute("ca.pem").hasSuffix("/ca.pem"))
        #expect(SetupCommand.absolute("/etc/ca.pem") == "/etc/ca.pem")
    }

    @Test func aValueAConfigLineCannotHoldIsRefused() {
        var c = Configuration()
        c.password = "a\"b'c"
        #expect(throws: Configuration.Unwritable.self) { try c.fileText() }
        c.password = "line\nbreak"
        #expect(throws: Configuration.Unwritable.self) { try c.fileText() }
    }

    @Test func theFileIsPrivateAndNeverOverwrittenUnlessAsked() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-setup-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/avail/config"
        try NewConfigFile.write("user = \"a\"\n", to: path, replace: false)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let dirAttributes = try FileManager.default.attributesOfItem(atPath: dir + "/avail")
        #expect((dirAttributes[.posixPermissions] as? Int) == 0o700)
        #expect(throws: NewConfigFile.Failure.exists(path: path)) { try NewConfigFile.write("user = \"b\"\n", to: path, replace: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "user = \"a\"\n")
        try NewConfigFile.write("user = \"b\"\n", to: path, replace: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "user = \"b\"\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/avail") == ["config"])
    }

    @Test func theReportSaysWhatTheServerCanDo() throws {
        let window = TimeSpan(start: UTCInstant(secondsSinceEpoch: 0), end: UTCInstant(secondsSinceEpoch: 86_400))!
        let outbox = try #require(HTTPURL(string: "http://cal.example/alice/outbox/"))
        let schedules = AccountCheck(principal: "http://cal.example/alice/", displayName: "Alice",
                                     organizer: CalendarUserAddress(uncheckedURI: "mailto:alice@example.com"), outbox: outbox,
                                     selfFreeBusy: .answered(busyPeriods: 2), window: window)
        #expect(SetupCommand.report(schedules) == """
            principal:  http://cal.example/alice/
            name:       Alice
            organizer:  mailto:alice@example.com
            outbox:     http://cal.example/alice/outbox/
            free/busy:  the server schedules (RFC 6638): your next 24 hours hold 2 busy periods

            """)
        let radicale = AccountCheck(principal: "http://cal.example/alice/", displayName: nil, organizer: nil, outbox: nil,
                                    selfFreeBusy: .notAsked, window: window)
        let text = SetupCommand.report(radicale)
        #expect(text.contains("organizer:  (no mailto: address listed)\noutbox:     (none)\n"))
        #expect(text.contains("this server cannot answer free/busy requests"))
        #expect(text.contains("fburl"))
    }

    @Test func aBareHostIsTriedAsHTTPS() throws {
        #expect(try SetupCommand.serverURL(" cal.example.com ") == "https://cal.example.com")
        #expect(try SetupCommand.serverURL("http://127.0.0.1:58080/") == "http://127.0.0.1:58080/")
        #expect(throws: CommandFailure.self) { try SetupCommand.serverURL("ftp://x y") }
    }
}
