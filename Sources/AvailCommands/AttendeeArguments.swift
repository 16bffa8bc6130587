import FreeBusy
import TextUtilities

/// Attendees as typed on the command line (addresses, `mailto:` URIs, group
/// names from the config) turned into calendar user addresses: groups
/// expanded, each person once. Every command that takes attendees reads
/// them here, so they all merge the same spellings.
enum AttendeeArguments {
    /// `namingCommands`: the words are the first on the command line (the
    /// planner, `avail qeury`), so a near subcommand is offered too; after a
    /// subcommand (`avail query tema`) only a near group is.
    static func addresses(_ arguments: [String], settings: Configuration?, namingCommands: Bool = false) throws(CommandFailure) -> [CalendarUserAddress] {
        let expanded = settings?.expandingGroups(arguments) ?? arguments
        if let word = expanded.first(where: isBareWord) {
            let groups = Array(settings?.groups.keys ?? [:].keys)
            if namingCommands {
                throw CommandFailure(message: unknownWordMessage(word, groups: groups), code: 2)
            }
            let message = unknownWordMessage(word, groups: groups, commands: [])
            if message.contains("did you mean") { throw CommandFailure(message: message, code: 2) }
        }
        do {
            return try expanded.map { a throws(CalendarUserAddress.Invalid) in try CalendarUserAddress(a) }.distinctAddresses()
        } catch {
            throw CommandFailure(usage: error.description)
        }
    }

    /// A word with neither `@` nor a scheme: no address, and (groups being
    /// expanded already) no group either. Most often a subcommand mistyped
    /// (`avail qeury bob@…`), which must not open the planner path.
    static func isBareWord(_ argument: String) -> Bool {
        !argument.isEmpty && !argument.contains("@") && !argument.contains(":")
    }

    /// Every command's name, and `help`.
    static var commandNames: [String] {
        var names = ["help"]
        for c in AvailMain.commands { names.append(c.spec.name) }
        return names
    }

    /// One line naming the closest subcommand or group. The hint is in the line
    /// itself, so it is printed as a plain failure (exit 2) without the
    /// `--help` pointer a usage error gets: every usage error says its hint once.
    static func unknownWordMessage(_ word: String, groups: [String], commands: [String] = commandNames) -> String {
        let typed = word.lowercased()
        let candidates = commands.map { ("`avail \($0)`", $0) } + groups.sorted().map { ("the group `\($0)`", $0) }
        let scored = candidates.map { ($0.0, CommandLineParser.editDistance(typed, $0.1), $0.1) }
        let shown = TerminalText.clean(word)
        if let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, best.2.count / 3) {
            return "unknown command or attendee '\(shown)'; did you mean \(best.0)?"
        }
        return "unknown command or attendee '\(shown)': not a subcommand, a group or an address (see `avail help`)"
    }

    /// Required attendees (positional arguments) and optional ones (`--optional`),
    /// each person in one list only. Someone named both ways is optional: `--optional`
    /// is the more particular word (a group given as required may hold them).
    static func requiredAndOptional(_ required: [String], optional: [String], settings: Configuration?) throws(CommandFailure)
        -> (required: [CalendarUserAddress], optional: [CalendarUserAddress]) {
        let optionalAddresses = try addresses(optional, settings: settings)
        let optionalKeys = Set(optionalAddresses.map(\.matchKey))
        return (try addresses(required, settings: settings).filter { !optionalKeys.contains($0.matchKey) }, optionalAddresses)
    }
}
