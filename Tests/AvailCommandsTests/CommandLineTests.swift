import Testing
@testable import AvailCommands

/// avail's own argument parsing (CommandLineSpec): what every command accepts,
/// the one-line errors, and the help.
@Suite struct CommandLineTests {
    func parse(_ args: [String], _ spec: CommandSpec = Query.spec) throws(CommandFailure) -> ParsedArguments? {
        try CommandLineParser.parse(args, spec: spec)
    }

    @Test func optionsFlagsAndPositionalsInAnyOrder() throws {
        let a = try #require(try parse(["bob@example.com", "--from", "2026-12-07", "--format=json", "--refresh", "carol@example.com"]))
        #expect(a.positionals == ["bob@example.com", "carol@example.com"])
        #expect(a.value("from") == "2026-12-07")
        #expect(a.value("format") == "json")
        #expect(a.flag("refresh") && !a.flag("offline"))
        let q = try Query(a)
        #expect(q.format == .json && q.span.from == "2026-12-07" && q.cache_.refresh)
    }

    @Test func doubleDashEndsOptions() throws {
        let a = try #require(try parse(["--", "--not-an-option@example.com"]))
        #expect(a.positionals == ["--not-an-option@example.com"])
    }

    @Test func repeatableOptionsKeepEveryValue() throws {
        let a = try #require(try parse(["--optional", "a@x.org", "--optional=b@x.org", "c@x.org"], SlotsCommand.spec))
        #expect(try SlotsCommand(a).optional == ["a@x.org", "b@x.org"])
    }

    @Test func mistakesAreOneClearLine() {
        func message(_ args: [String], _ spec: CommandSpec = Query.spec) -> String? {
            do { _ = try parse(args, spec); return nil } catch { return error.message }
        }
        #expect(message(["--frm", "x"]) == "unknown option --frm; did you mean --from?")
        #expect(message(["--zzzzzzzz"]) == "unknown option --zzzzzzzz")
        #expect(message(["-x"])?.hasPrefix("unknown option \"-x\"") == true)
        #expect(message(["--from"]) == "--from needs a value (<date>)")
        #expect(message(["--refresh=yes"]) == "--refresh is a flag and takes no value")
        #expect(message(["--from", "a", "--from", "b"]) == "--from is given twice")
        #expect(message(["extra"], Discover.spec) == "unexpected argument \"extra\"")
        #expect(message(["a", "b"], WhoCommand.spec) == "unexpected argument \"b\"")
    }

    @Test func theHelpIsPointedToOnce() {
        func printed(_ args: [String], _ spec: CommandSpec) -> String? {
            do { _ = try parse(args, spec); return nil } catch { return error.line(command: spec.name) }
        }
        #expect(printed(["--bogus"], Plan.spec) == "avail: unknown option --bogus (see `avail tui --help`)\n")
        #expect(printed(["--frm", "x"], Query.spec) == "avail: unknown option --frm; did you mean --from? (see `avail query --help`)\n")
        #expect(printed(["-x"], Query.spec)?.components(separatedBy: "--help").count == 2)
    }

    @Test func valuesAreChecked() {
        #expect(throws: CommandFailure.self) { try Query(try #require(try parse(["--format", "xml"]))) }
        #expect(throws: CommandFailure.self) { try Query(try #require(try parse(["--days", "many"]))) }
        #expect(throws: CommandFailure.self) { try Query(try #require(try parse(["--offline", "--refresh"]))) }
        #expect(throws: CommandFailure.self) { try Query(try #require(try parse(["--timeout", "0"]))) }
        #expect(throws: CommandFailure.self) { try BookCommand(try #require(try parse(["--title", "x"], BookCommand.spec))) }
    }

    @Test func helpIsAskedFor() throws {
        #expect(try parse(["bob@example.com", "--help"]) == nil)
        #expect(try parse(["-h"]) == nil)
    }

    @Test func commandsAreFoundByName() {
        #expect(AvailMain.command(named: ["query", "bob@example.com"])?.type == Query.self)
        #expect(AvailMain.command(named: ["cache", "clear", "--current"])?.type == CacheCommand.Clear.self)
        #expect(AvailMain.command(named: ["cache", "clear", "--current"])?.rest == ["--current"])
        #expect(AvailMain.command(named: ["cache"])?.type == CacheCommand.self)
        #expect(AvailMain.command(named: ["bob@example.com"]) == nil) // the planner, by default
        #expect(AvailMain.command(named: []) == nil)
    }

    /// The table's names are what the commands' specs say (they are matched
    /// without building the specs), each once.
    @Test func theCommandTableNamesEveryCommandAsItsSpecDoes() {
        for (name, type) in AvailMain.table { #expect(name == type.spec.name) }
        #expect(Set(AvailMain.table.map(\.name)).count == AvailMain.table.count)
        #expect(AvailMain.table.first?.type == Plan.self, "the planner first: it is the default")
    }

    @Test func everyCommandsHelpListsEveryOption() {
        for c in AvailMain.commands {
            let spec = c.spec
            let names = spec.options.map(\.name)
            #expect(Set(names).count == names.count, "\(spec.name) has an option twice")
            let help = CommandLineParser.help(spec)
            #expect(help.hasPrefix("OVERVIEW: \(spec.abstract)\n"))
            #expect(help.contains("USAGE: avail \(spec.name)"))
            for n in names { #expect(help.contains("--\(n)"), "\(spec.name) --help misses --\(n)") }
            #expect(help.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(spec.name) --help has a very long line")
        }
        #expect(AvailMain.rootHelp.contains("book "))
    }

    @Test func aBareWordNamesTheClosestCommandOrGroup() throws {
        func failure(_ args: [String], groups: [String: [String]] = [:], namingCommands: Bool = true) -> CommandFailure? {
            var settings = Configuration()
            settings.groups = groups
            do { _ = try AttendeeArguments.addresses(args, settings: settings, namingCommands: namingCommands); return nil } catch { return error }
        }
        let typo = try #require(failure(["qeury", "bob@example.com"]))
        #expect(typo.message == "unknown command or attendee 'qeury'; did you mean `avail query`?")
        #expect(typo.code == 2)
        // The hint is said once: no `--help` pointer is added to this line.
        #expect(typo.line(command: "tui") == "avail: unknown command or attendee 'qeury'; did you mean `avail query`?\n")
        #expect(failure(["tema"], groups: ["team": ["bob@example.com"]])?.message
            == "unknown command or attendee 'tema'; did you mean the group `team`?")
        #expect(failure(["zzzzzzzzzz"])?.message
            == "unknown command or attendee 'zzzzzzzzzz': not a subcommand, a group or an address (see `avail help`)")
        // After a subcommand (`avail query bob`) no command is offered: a near group, else the address error.
        let team = ["team": ["bob@example.com"]]
        #expect(failure(["tema"], groups: team, namingCommands: false)?.message == "unknown command or attendee 'tema'; did you mean the group `team`?")
        let bob = try #require(failure(["bob"], groups: team, namingCommands: false))
        #expect(bob.message == "\"bob\" is not an email address or mailto: URI")
        #expect(bob.isUsage)
        // Groups, addresses and URIs are not bare words.
        #expect(failure(["team", "mailto:carol@example.com", "urn:uuid:1234"], groups: ["team": ["bob@example.com"]]) == nil)
    }

    @Test func nearMisses() {
        #expect(CommandLineParser.editDistance("refesh", "refresh") == 1)
        #expect(CommandLineParser.editDistance("", "ab") == 2)
        #expect(CommandLineParser.editDistance("abc", "abc") == 0)
    }
}

/// Meeting lengths, cache ages and working hours: one duration reader, and a
/// message that says what is wrong.
@Suite struct DurationArgumentTests {
    func failure(_ args: [String], _ spec: CommandSpec) -> String? {
        do {
            guard let a = try CommandLineParser.parse(args, spec: spec) else { return "help" }
            switch spec.name {
            case "book": try BookCommand(a).validate()
            case "slots": try SlotsCommand(a).validate()
            default: try Query(a).validate()
            }
            return nil
        } catch { return error.message }
    }

    @Test func aMeetingHasALengthBetweenAMinuteAndADay() {
        let book = ["--at", "2028-10-29T02:30", "--title", "T", "bob@example.com", "--duration"]
        #expect(failure(book + ["0m"], BookCommand.spec) == "--duration \"0m\" is zero; give a length like 30m, 1h or 1h30m")
        #expect(failure(book + ["0"], BookCommand.spec) == "--duration \"0\" is zero; give a length like 30m, 1h or 1h30m")
        #expect(failure(book + ["-1h"], BookCommand.spec) == "--duration \"-1h\" is negative; give a length like 30m, 1h or 1h30m")
        #expect(failure(book + ["25h"], BookCommand.spec) == "--duration \"25h\" is longer than the 24h allowed")
        #expect(failure(book + ["soon"], BookCommand.spec) == "--duration \"soon\" is not a duration like 30m, 1h or 1h30m")
        #expect(failure(book + ["1h30m"], BookCommand.spec) == nil)
        #expect(failure(["--duration", "25h", "bob@example.com"], SlotsCommand.spec) == "--duration \"25h\" is longer than the 24h allowed")
    }
}

/// The same person typed two ways is one attendee, in every command.
@Suite struct AttendeeArgumentTests {
    @Test func spellingsOfOneAddressAreOnePerson() throws {
        let a = try AttendeeArguments.addresses(["bob@example.com", "mailto:bob@example.com", "MAILTO:Bob@Example.com", "carol@example.com"],
                                                settings: nil)
        #expect(a.map(\.uri) == ["mailto:bob@example.com", "mailto:carol@example.com"])
        var settings = Configuration()
        settings.groups["team"] = ["mailto:carol@example.com", "dave@example.com"]
        let g = try AttendeeArguments.addresses(["carol@example.com", "team"], settings: settings)
        #expect(g.map(\.uri) == ["mailto:carol@example.com", "mailto:dave@example.com"])
        #expect(throws: CommandFailure.self) { try AttendeeArguments.addresses(["not an address"], settings: nil) }
    }

    /// `avail book` and `avail slots` split required from optional by one rule.
    @Test func someoneNamedBothWaysIsOptional() throws {
        var settings = Configuration()
        settings.groups["team"] = ["mailto:carol@example.com", "dave@example.com"]
        let (required, optional) = try AttendeeArguments.requiredAndOptional(["team", "bob@example.com"], optional: ["Carol@Example.com"],
                                                                             settings: settings)
        #expect(required.map(\.uri) == ["mailto:dave@example.com", "mailto:bob@example.com"])
        #expect(optional.map(\.uri) == ["mailto:Carol@Example.com"])
    }
}

/// --max-age reads ages with the same reader as --duration; --timeout says its real bounds.
@Suite struct CacheAndTimeoutArgumentTests {
    func failure(_ args: [String]) -> String? {
        do {
            guard let a = try CommandLineParser.parse(args + ["bob@example.com"], spec: Query.spec) else { return "help" }
            _ = try Query(a)
            return nil
        } catch { return error.message }
    }

    @Test func maxAgeTakesWhatDurationTakes() {
        #expect(CacheOptions.seconds("1h30m") == 5400)
        #expect(CacheOptions.seconds("0s") == 0)
        #expect(CacheOptions.seconds("45") == 45)
        #expect(failure(["--max-age", "1h30m"]) == nil)
        #expect(failure(["--max-age", "0"]) == nil)
        #expect(failure(["--max-age", "soon"]) == "--max-age \"soon\" is not a duration like 30s, 10m, 1h30m or 2d")
        #expect(failure(["--max-age", "-5m"])?.contains("is negative") == true)
    }

    @Test func timeoutsSayTheirRange() {
        #expect(failure(["--timeout", "0"]) == "--timeout 0 is out of range: give 1 to 3600 seconds")
        #expect(failure(["--connect-timeout", "5000"]) == "--connect-timeout 5000 is out of range: give 1 to 3600 seconds")
        #expect(failure(["--timeout", "2.5"]) == nil)
    }

    @Test func anAttendeeAfterDebugIsNotTakenForItsFile() {
        #expect(failure(["--debug", "alice@example.com"])
            == "--debug takes a file to write the trace to, and alice@example.com looks like an attendee: give the file first (--debug FILE alice@example.com), or ./alice@example.com for a file of that name")
        #expect(failure(["--debug", "./alice@example.com"]) == nil)
        #expect(failure(["--debug", "trace.txt"]) == nil)
    }

    @Test func slotHoursSayWhatIsWrong() {
        func slots(_ hours: String) -> String? {
            do {
                guard let a = try CommandLineParser.parse(["--hours", hours, "bob@example.com"], spec: SlotsCommand.spec) else { return "help" }
                try SlotsCommand(a).validate()
                return nil
            } catch { return error.message }
        }
        #expect(slots("17:00-09:00") == "--hours \"17:00-09:00\" ends before it starts (working hours cannot cross midnight)")
        #expect(slots("09:00-09:00") == "--hours \"09:00-09:00\" is empty: it ends when it starts")
        #expect(slots("9-5") == "--hours \"9-5\" is not a range of times like 09:00-17:00")
        #expect(slots("09:00-17:00") == nil)
    }
}
