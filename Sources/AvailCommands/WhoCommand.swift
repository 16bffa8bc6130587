import CalDAVClient
import FoundationEssentials
import TextUtilities
import FreeBusy
import FreeBusyCache
import Scheduling

struct WhoCommand: CLICommand {
    static let spec = CommandSpec(
        name: "who",
        abstract: "Find people to invite: groups, recent attendees and the server's directory.",
        discussion: """
        Looks for QUERY (part of a name or address) in the groups of the config
        (`group = team: alice@example.com, bob@example.com`), in the attendees you
        used before, and on the server (a DAV:principal-property-search, RFC 3744,
        on display names and calendar user addresses). A group's name can be given
        wherever an attendee can, and stands for its members.

        Exit codes: 0 someone matches; 1 nobody matches (as grep does, so a
        script can tell; with --format json an empty list is still printed);
        otherwise as for `avail query`.
        """,
        options: [.option("format", "format", "Output format: text or json (default text).")] + ConnectionOptions.specs,
        positional: "query", positionalHelp: "Part of a name or address.", maxPositionals: 1
    )

    enum Format: String, CaseIterable { case text, json }

    var format: Format = .text
    var connection: ConnectionOptions
    var query: String

    init(_ a: ParsedArguments) throws(CommandFailure) {
        format = try a.choice("format", default: .text)
        connection = try ConnectionOptions(a)
        query = a.positionals.first ?? ""
    }

    func validate() throws(CommandFailure) {
        if query.trimmingWhitespace.isEmpty { throw CommandFailure(usage: "give part of a name or address, e.g. `avail who bo`") }
    }

    /// Nobody matches: exit 1, as the help says (the line, if any, is printed first).
    static let noMatch = CommandFailure(message: "", code: 1)

    func run() async throws {
        let (session, account, settings) = try connection.sessionAndSettings()
        let service = FreeBusyService.make(session: session, account: account, settings: settings, policy: CachePolicy(),
                                           environment: ProcessInfo.processInfo.environment)
        let found = await PeopleSearch(freeBusy: service, groups: settings.groups).find(query, now: .now)
        let rows = found.people
        // Groups and recent attendees still answer; the directory's failure is said once, after them.
        if let e = found.directoryError, rows.isEmpty { throw CommandFailure(e) }
        let failure = found.failure
        switch format {
        case .json:
            try write(JSONValue.array(rows.map { r in
                .object([("kind", .string(r.kind.rawValue)), ("name", r.name.map { .string($0) } ?? .null), ("address", .string(r.address))])
            }).serialized() + "\n")
            if rows.isEmpty { throw Self.noMatch }
        default:
            if rows.isEmpty { writeStandardError("avail: nobody matches \(query.debugDescription)\n"); throw Self.noMatch }
            var out = ""
            for r in rows {
                switch r.kind {
                case .group: out += "\(r.name ?? "")  (group: \(r.address))\n"
                default: out += (r.name.map { "\($0) <\(r.address)>" } ?? r.address) + (r.kind == .recent ? "  (recent)" : "") + "\n"
                }
            }
            try write(TerminalText.clean(out))
        }
        try failure?.conclude()
    }
}
