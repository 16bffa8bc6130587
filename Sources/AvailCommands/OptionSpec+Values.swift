/// What an option's value (or a command's positional argument) can be, for the
/// shell completions and the man page. Read from the spec itself (the value's
/// name in help, and for `--format` the choices its help lists), so an option
/// added to a command completes without a second table to keep in step.
enum ValueSet: Equatable, Sendable {
    /// Free text, a number: nothing to offer.
    case none
    /// A closed or suggested set of words.
    case words([String])
    /// Built-in theme names and the files in the user's themes directory.
    case themes
    /// Time-zone names from the system's zoneinfo.
    case zones
    /// File names, completed by the shell itself.
    case files
    /// Group names from the config and recently used attendees.
    case attendees
    /// The config's account names (`default` and its `[account NAME]` sections).
    case accounts
    /// The config's rooms, then the attendees used before (rooms among them).
    case rooms
    /// The config's room groups.
    case roomGroups
}

extension OptionSpec {
    /// Suggested lengths for `--duration` and `--step`.
    static let durationExamples = ["15m", "30m", "45m", "1h", "1h30m", "2h"]

    var valueSet: ValueSet {
        guard let value else { return .none }
        switch value {
        case "format": return .words(Self.listedChoices(in: help, after: "Output format:"))
        case "zone": return .zones
        case "duration": return .words(Self.durationExamples)
        case "path", "file": return .files
        case "attendee": return .attendees
        case "room": return .rooms
        case "group" where name == "rooms": return .roomGroups
        case "date": return .words(help.contains("now") ? ["today", "tomorrow", "now"] : ["today", "tomorrow"])
        case "days": return .words(["mon-fri", "all"])
        case "name" where name == "theme": return .themes
        case "name" where name == "account": return .accounts
        default: return .none
        }
    }

    /// "Output format: text, json or ics (default text)." → text, json, ics.
    /// The parser's own message for a wrong value lists the same words (a test
    /// holds the two together).
    static func listedChoices(in help: String, after label: String) -> [String] {
        guard let start = help.indices.first(where: { help[$0...].hasPrefix(label) }) else { return [] }
        var rest = help[help.index(start, offsetBy: label.count)...]
        if let end = rest.firstIndex(where: { $0 == "(" || $0 == "." }) { rest = rest[..<end] }
        let words: [String] = rest.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        return words.filter { $0 != "or" && $0 != "and" }
    }
}

extension CommandSpec {
    /// What the positional arguments are, by their name in help.
    var positionalValues: ValueSet {
        switch positional {
        case "attendee", "query": return .attendees
        default: return .none
        }
    }
}
