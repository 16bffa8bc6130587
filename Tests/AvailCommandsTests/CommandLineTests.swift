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
        #expect(message(["--zzzzzzzz"]) == "unknown option --zzzzzzzz; see `avail query --help`")
        #expect(message(["-x"])?.hasPrefix("unknown option \"-x\"") == true)
        #expect(message(["--from"]) == "--from needs a value (<date>)")
        #expect(message(["--refresh=yes"]) == "--refresh is a flag and takes no value")
        #expect(message(["--from", "a", "--from", "b"]) == "--from is given twice")
        #expect(message(["extra"], Discover.spec) == "unexpected argument \"extra\"")
        #expect(message(["a", "b"], WhoCommand.spec) == "unexpected argument \"b\"")
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

    @Test func nearMisses() {
        #expect(CommandLineParser.editDistance("refesh", "refresh") == 1)
        #expect(CommandLineParser.editDistance("", "ab") == 2)
        #expect(CommandLineParser.editDistance("abc", "abc") == 0)
    }
}
