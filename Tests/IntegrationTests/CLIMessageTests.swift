import Foundation
import Testing

extension LocalServerSuites {
/// What the avail binary prints for the small mistakes of issue 13's list:
/// one line that says what is wrong, the right exit code, and each person once.
@Suite(.serialized) struct CLIMessageTests {
    func davical() throws -> [String: String] {
        ["AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"]
    }

    @Test func usageMistakesAreOneLineWithOneHint() throws {
        let cases: [([String], String)] = [
            (["tui", "--bogus"], "avail: unknown option --bogus (see `avail tui --help`)\n"),
            (["book", "--at", "2028-06-01T10:00", "--title", "T", "--duration", "25h", "bob@example.com"],
             "avail: --duration \"25h\" is longer than the 24h allowed (see `avail book --help`)\n"),
            (["book", "--at", "2028-06-01T10:00", "--title", "T", "--duration", "0m", "bob@example.com"],
             "avail: --duration \"0m\" is zero; give a length like 30m, 1h or 1h30m (see `avail book --help`)\n"),
            (["slots", "--hours", "17:00-09:00", "bob@example.com"],
             "avail: --hours \"17:00-09:00\" ends before it starts (working hours cannot cross midnight) (see `avail slots --help`)\n"),
            (["query", "--timeout", "0", "bob@example.com"], "avail: --timeout 0 is out of range: give 1 to 3600 seconds (see `avail query --help`)\n"),
        ]
        for (arguments, expected) in cases {
            let run = try runAvail(arguments, environment: try davical())
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.stderr == expected, "\(arguments)")
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func aBadClipboardSettingIsSaidBeforeThePlannerStarts() throws {
        var env = try davical()
        env["AVAIL_CLIPBOARD"] = "yes"
        let run = try runAvail(["tui", "bob@example.com"], environment: env)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("avail: AVAIL_CLIPBOARD must be osc52, tmux-passthrough or off"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func maxAgeTakesHoursAndMinutes() throws {
        let run = try runAvail(["query", "--max-age", "1h30m", "--from", "2028-06-01", "--days", "1", "--format", "json", "bob@example.com"],
                               environment: try davical())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"recipient\": \"mailto:bob@example.com\""))
    }

    @Test func onePersonTypedTwoWaysIsOneRow() throws {
        let run = try runAvail(["query", "--from", "2028-06-01", "--days", "1", "--format", "json",
                                "bob@example.com", "mailto:bob@example.com", "MAILTO:BOB@example.com"], environment: try davical())
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((json["recipients"] as? [Any])?.count == 1, "\(run.stdout)")
    }

    @Test func whoWithNoMatchExitsOneAndSaysSo() throws {
        let run = try runAvail(["who", "zzqxnobody"], environment: try davical())
        #expect(run.status == 1)
        #expect(run.stderr == "avail: nobody matches \"zzqxnobody\"\n")
        let json = try runAvail(["who", "--format", "json", "zzqxnobody"], environment: try davical())
        #expect(json.status == 1)
        #expect(json.stdout == "[]\n")
        let help = try runAvail(["who", "--help"], environment: [:])
        #expect(help.stdout.contains("1 nobody matches"))
    }

    /// RFC 5545 §3.3.5 through the binary: `book --dry-run` with TZ set, on the
    /// nights the clocks change in Europe/Berlin and America/New_York.
    @Test(arguments: [
        ("Europe/Berlin", "2028-10-29T02:30", "happens twice", "DTSTART:20281029T003000Z", "DTEND:20281029T013000Z"),
        ("Europe/Berlin", "2028-03-26T02:30", "does not exist", "DTSTART;TZID=Europe/Berlin:20280326T033000",
         "DTEND;TZID=Europe/Berlin:20280326T043000"),
        ("America/New_York", "2028-11-05T01:30", "happens twice", "DTSTART:20281105T053000Z", "DTEND:20281105T063000Z"),
        ("America/New_York", "2028-03-12T02:30", "does not exist", "DTSTART;TZID=America/New_York:20280312T033000",
         "DTEND;TZID=America/New_York:20280312T043000"),
    ])
    func bookingOnAClockChangeSaysWhichTimeAndKeepsTheLength(zone: String, at: String, note: String, dtstart: String, dtend: String) throws {
        var env = try davical()
        env["TZ"] = zone
        let run = try runAvail(["book", "--dry-run", "--at", at, "--duration", "1h", "--title", "Night", "bob@example.com"], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("avail: note: --at ") && run.stderr.contains(note) && run.stderr.components(separatedBy: "\n").count == 2,
                "\(run.stderr)")
        #expect(run.stdout.contains(dtstart + "\r\n"), "\(run.stdout)")
        #expect(run.stdout.contains(dtend + "\r\n"), "\(run.stdout)")
    }
}
}
