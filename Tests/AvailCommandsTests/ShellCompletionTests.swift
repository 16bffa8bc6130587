import Foundation
import FreeBusy
import FreeBusyCache
import Testing
@testable import AvailCommands

/// What `avail __complete` offers for the word under the cursor, from the
/// command specification and the user's local files.
@Suite struct ShellCompletionTests {
    let empty = ShellCompletion.Sources(environment: ["HOME": "/nonexistent"], zoneinfo: "/nonexistent")

    func words(_ typed: [String], _ sources: ShellCompletion.Sources? = nil) -> [String] {
        switch ShellCompletion.complete(typed, sources: sources ?? empty) {
        case let .words(w): return w.map(\.word)
        case .files: return [":files"]
        }
    }

    func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-complete-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, 0o700)
        return dir
    }

    @Test func subcommandsAndTheirSecondWords() {
        #expect(words(["qu"]) == ["query"])
        #expect(words(["c"]) == ["cancel", "cache", "completions"])
        #expect(words(["cache", ""]) == ["clear"])
        #expect(words(["hours", ""]) == ["set", "clear"])
        #expect(words([""]).starts(with: ["tui", "query", "slots", "book", "who"]))
        #expect(words([""]).contains("help"))
        // A subcommand only comes first: after an attendee it is a name.
        #expect(words(["bob@example.com", "qu"]) == [])
    }

    @Test func everyOptionOfEveryCommandIsOffered() {
        for c in AvailMain.commands {
            let typed = c.spec.name.split(separator: " ").map(String.init) + ["--"]
            let offered = Set(words(typed))
            for o in c.spec.options {
                #expect(offered.contains("--" + o.name), "avail \(c.spec.name) --\(o.name)")
            }
            #expect(offered.contains("--help"))
        }
        #expect(words(["query", "--for"]) == ["--format"])
    }

    @Test func anOptionGivenIsNotOfferedAgainUnlessRepeatable() {
        #expect(!words(["query", "--refresh", "--"]).contains("--refresh"))
        #expect(words(["slots", "--optional", "a@example.com", "--opt"]) == ["--optional"])
        // After `--` only attendees follow.
        #expect(words(["query", "--", "--"]) == [])
    }

    @Test func formatsAreEachCommandsOwn() {
        #expect(words(["query", "--format", ""]) == ["text", "json", "ics"])
        #expect(words(["slots", "--format", "j"]) == ["json"])
        #expect(words(["who", "--format", ""]) == ["text", "json"])
        #expect(words(["query", "--format=j"]) == ["--format=json"])
    }

    /// The formats the completion offers are the ones the parser accepts: its
    /// message for a wrong one lists them in the same order.
    @Test func formatChoicesAreWhatTheParserAccepts() throws {
        var checked = 0
        for c in AvailMain.commands {
            guard let option = c.spec.options.first(where: { $0.name == "format" }) else { continue }
            guard case let .words(choices) = option.valueSet, !choices.isEmpty else {
                Issue.record("avail \(c.spec.name) --format offers nothing")
                continue
            }
            // What else the command needs before it reads --format.
            let has = { (name: String) in c.spec.options.contains { $0.name == name } }
            let needed = (has("at") ? ["--at", "2026-12-08T15:00"] : []) + (has("title") ? ["--title", "Planning"] : [])
                + (c.spec.positional == nil ? [] : Array(["Planning", "dave@example.com"].prefix(c.spec.maxPositionals)))
            let parsed = try #require(try CommandLineParser.parse(needed + ["--format", "bogus"], spec: c.spec))
            do {
                _ = try c.init(parsed)
                Issue.record("avail \(c.spec.name) accepted --format bogus")
            } catch {
                #expect(error.message.contains("--format must be one of \(choices.joined(separator: ", ")),"), "avail \(c.spec.name): \(error.message)")
            }
            checked += 1
        }
        #expect(checked >= 6)
    }

    @Test func durationsDatesAndFiles() {
        #expect(words(["slots", "--duration", ""]) == OptionSpec.durationExamples)
        #expect(words(["slots", "--step", "1"]) == ["15m", "1h", "1h30m"])
        #expect(words(["query", "--from", "to"]) == ["today", "tomorrow"])
        #expect(words(["query", "--config", ""]) == [":files"])
        #expect(words(["query", "--debug=x"]) == [":files"])
        // Free text has nothing to offer, and is not mistaken for a subcommand.
        #expect(words(["book", "--title", ""]) == [])
    }

    @Test func zonesComeFromZoneinfoOneAreaAtATime() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for dir in ["Europe", "America/Argentina", "posix/Europe", "right"] {
            try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        for file in ["Europe/Berlin", "Europe/Paris", "America/New_York", "America/Argentina/Salta", "UTC", "zone.tab", "posixrules"] {
            #expect(FileManager.default.createFile(atPath: root + "/" + file, contents: Data()))
        }
        let sources = ShellCompletion.Sources(environment: [:], zoneinfo: root)
        #expect(words(["slots", "--tz", ""], sources) == ["America/", "Europe/", "UTC"])
        #expect(words(["slots", "--tz", "Europe/"], sources) == ["Europe/Berlin", "Europe/Paris"])
        #expect(words(["book", "--tz", "America/A"], sources) == ["America/Argentina/"])
        #expect(words(["slots", "--tz", "../"], sources) == [])
    }

    @Test func themesAreBuiltInAndTheUsers() throws {
        let config = try scratch()
        defer { try? FileManager.default.removeItem(atPath: config) }
        try FileManager.default.createDirectory(atPath: config + "/avail/themes", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: config + "/avail/themes/solarized", contents: Data()))
        #expect(FileManager.default.createFile(atPath: config + "/avail/themes/.hidden", contents: Data()))
        #expect(FileManager.default.createFile(atPath: config + "/avail/themes/two\nlines", contents: Data()))
        let sources = ShellCompletion.Sources(environment: ["XDG_CONFIG_HOME": config], zoneinfo: "/nonexistent")
        #expect(words(["tui", "--theme", ""], sources) == ["default", "light", "mono", "solarized"])
        #expect(words(["--theme", "s"], sources) == ["solarized"])
    }

    /// Groups from the config, then the attendees used before; the config's
    /// password_command is not run for it.
    @Test func attendeesFromGroupsAndRecentOnes() throws {
        let home = try scratch()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let marker = home + "/password-command-ran"
        try FileManager.default.createDirectory(atPath: home + "/config/avail", withIntermediateDirectories: true)
        try """
        url = https://cal.example.com/dav/
        user = alice
        password_command = touch \(marker)
        group = team: bob@example.com, carol@example.com
        """.write(toFile: home + "/config/avail/config", atomically: false, encoding: .utf8)
        let cache = FreeBusyCache(root: home + "/cache/avail", account: "https://cal.example.com alice")
        try cache.rememberAttendees([try CalendarUserAddress("dave@example.com"), try CalendarUserAddress("erin@example.com")])
        let sources = ShellCompletion.Sources(environment: ["XDG_CONFIG_HOME": home + "/config", "XDG_CACHE_HOME": home + "/cache"],
                                              zoneinfo: "/nonexistent")
        #expect(words(["query", ""], sources) == ["team", "dave@example.com", "erin@example.com"])
        #expect(words(["da"], sources) == ["dave@example.com"])
        #expect(words(["book", "--optional", "e"], sources) == ["erin@example.com"])
        #expect(words(["who", "t"], sources) == ["team"])
        #expect(words(["who", "x", ""], sources) == [], "who takes one word")
        #expect(!FileManager.default.fileExists(atPath: marker))
        // The user named in the URL is the same account.
        try "url = https://alice@cal.example.com/dav/\n".write(toFile: home + "/in-url", atomically: false, encoding: .utf8)
        #expect(words(["query", "--config", home + "/in-url", ""], sources) == ["dave@example.com", "erin@example.com"])
        // Another config file (--config) is the one read.
        try "group = other: x@example.com\n".write(toFile: home + "/other", atomically: false, encoding: .utf8)
        #expect(words(["query", "--config", home + "/other", "o"], sources) == ["other"])
    }

    /// --room offers the config's rooms, then the rooms (and people) used
    /// before; --rooms the config's room groups. The planner takes both too.
    @Test func roomsFromTheConfigAndRecentOnes() throws {
        let home = try scratch()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home + "/config/avail", withIntermediateDirectories: true)
        try """
        url = https://cal.example.com/dav/
        user = alice
        room = Board room <board@example.com> capacity 8
        rooms = floor2: Board room, room2@example.com
        """.write(toFile: home + "/config/avail/config", atomically: false, encoding: .utf8)
        let cache = FreeBusyCache(root: home + "/cache/avail", account: "https://cal.example.com alice")
        // What `slots --room room2@example.com bob@example.com` leaves behind.
        try cache.rememberAttendees([try CalendarUserAddress("bob@example.com"), try CalendarUserAddress("room2@example.com")])
        let sources = ShellCompletion.Sources(environment: ["XDG_CONFIG_HOME": home + "/config", "XDG_CACHE_HOME": home + "/cache"],
                                              zoneinfo: "/nonexistent")
        #expect(words(["slots", "--room", ""], sources) == ["board@example.com", "bob@example.com", "room2@example.com"])
        #expect(words(["book", "--room", "r"], sources) == ["room2@example.com"])
        #expect(words(["tui", "--room", "b"], sources) == ["board@example.com", "bob@example.com"])
        #expect(words(["slots", "--rooms", ""], sources) == ["floor2"])
        #expect(words(["--rooms", "f"], sources) == ["floor2"])
        guard case let .words(described) = ShellCompletion.complete(["slots", "--room", "bo"], sources: sources) else { Issue.record("no words"); return }
        #expect(described.first == .init(word: "board@example.com", help: "room: Board room, capacity 8"))
    }

    @Test func zshAndFishSeeWhatEachWordIs() throws {
        guard case let .words(commands) = ShellCompletion.complete(["qu"], sources: empty) else { Issue.record("no words"); return }
        #expect(commands == [.init(word: "query", help: "Print the busy time of attendees over a time window")])
        guard case let .words(options) = ShellCompletion.complete(["slots", "--dur"], sources: empty) else { Issue.record("no words"); return }
        #expect(options == [.init(word: "--duration", help: "Meeting length: 30m, 1h, 1h30m (default 30m)")])
        #expect(ShellCompletion.Candidate.summary("One. Two.\tThree") == "One")
        #expect(ShellCompletion.Candidate.summary(String(repeating: "x", count: 100)).count == 70)
    }

    @Test func bashWordsAreRejoinedAndCandidatesCutWhereBashCuts() {
        #expect(ShellCompletion.rejoinedBashWords(["query", "--format", "=", "j"]) == ["query", "--format=j"])
        #expect(ShellCompletion.rejoinedBashWords(["query", "--format", "="]) == ["query", "--format="])
        #expect(ShellCompletion.rejoinedBashWords(["mailto", ":", "bo"]) == ["mailto:bo"])
        #expect(ShellCompletion.rejoinedBashWords(["a", "b"]) == ["a", "b"])
    }

    @Test func completionsNamesTheShellsItKnows() throws {
        func failure(_ args: [String]) -> String? {
            do {
                let parsed = try #require(try CommandLineParser.parse(args, spec: CompletionsCommand.spec))
                _ = try CompletionsCommand(parsed)
                return nil
            } catch let f as CommandFailure { return f.line(command: "completions") } catch { return "\(error)" }
        }
        #expect(failure([]) == "avail: name the shell: bash, zsh, fish (see `avail completions --help`)\n")
        #expect(failure(["tcsh"]) == "avail: no completions for \"tcsh\": give one of bash, zsh, fish (see `avail completions --help`)\n")
        #expect(failure(["bash", "zsh"]) == "avail: unexpected argument \"zsh\" (see `avail completions --help`)\n")
        #expect(try CompletionsCommand(#require(try CommandLineParser.parse(["fish"], spec: CompletionsCommand.spec))).script == .fish)
    }

    @Test func everyShellHasAScriptThatCallsTheHiddenEntryPoint() {
        for s in CompletionScript.allCases {
            #expect(s.text.contains("avail __complete \(s.rawValue) "), "\(s)")
        }
        #expect(CompletionScript.bash.text.contains("complete -F _avail avail"))
        #expect(CompletionScript.zsh.text.hasPrefix("#compdef avail\n"))
        #expect(CompletionScript.fish.text.contains("complete -c avail"))
        // fish 4's -x where it exists, fish 3's -o otherwise.
        #expect(CompletionScript.fish.text.contains("if commandline -x >/dev/null 2>&1\n        set words (commandline -xpc)\n    else\n        set words (commandline -opc)"))
    }
}
