import CalDAVClient
import FoundationEssentials
import TextUtilities
import FreeBusy
import FreeBusyCache

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
        let q = query.lowercased()
        var rows: [(kind: String, name: String?, address: String)] = []
        for (group, members) in settings.groups.sorted(by: { $0.key < $1.key }) where group.contains(q) {
            rows.append(("group", group, members.joined(separator: ", ")))
        }
        let cache = CacheAccess.cache(account: FreeBusyService.accountName(account), environment: ProcessInfo.processInfo.environment)
        for recent in cache?.recentAttendees() ?? [] where recent.lowercased().contains(q) {
            rows.append(("recent", nil, recent))
        }
        var searchError: CalDAVError? = nil
        do {
            let principal = try await FreeBusyService.make(session: session, account: account, settings: settings, policy: CachePolicy(),
                                                           environment: ProcessInfo.processInfo.environment)
                .discovery(fresh: false, now: .now).principalURL
            for m in try await session.searchPrincipals(query, principal: principal)
            where !rows.contains(where: { $0.address.lowercased() == m.address.displayString.lowercased() }) {
                rows.append(("directory", m.displayName, m.address.displayString))
            }
        } catch {
            searchError = error
        }
        // Groups and recent attendees still answer; the directory's failure is said once, after them.
        if let e = searchError, rows.isEmpty { throw CommandFailure(e) }
        let failure = searchError.map { RefreshFailure(error: $0, refreshAsked: false, shownInstead: "the server's directory could not be searched") }
        switch format {
        case .json:
            try write(JSONValue.array(rows.map { r in
                .object([("kind", .string(r.kind)), ("name", r.name.map { .string($0) } ?? .null), ("address", .string(r.address))])
            }).serialized() + "\n")
            if rows.isEmpty { throw Self.noMatch }
        default:
            if rows.isEmpty { writeStandardError("avail: nobody matches \(query.debugDescription)\n"); throw Self.noMatch }
            var out = ""
            for r in rows {
                switch r.kind {
                case "group": out += "\(r.name ?? "")  (group: \(r.address))\n"
                default: out += (r.name.map { "\($0) <\(r.address)>" } ?? r.address) + (r.kind == "recent" ? "  (recent)" : "") + "\n"
                }
            }
            try write(TerminalText.clean(out))
        }
        try failure?.conclude()
    }
}
