import CalDAVClient
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

        With --rooms, lists rooms instead: the config's `room` lines and the
        rooms and resources of the server's directory (by the
        calendar-user-type the server answers with), only those matching
        QUERY when one is given.

        Exit codes: 0 someone matches; 1 nobody matches (as grep does, so a
        script can tell; with --format json an empty list is still printed);
        otherwise as for `avail query`.
        """,
        options: [.option("format", "format", "Output format: text or json (default text)."),
                  .flag("rooms", "List rooms (config and directory) instead of people.")] + ConnectionOptions.specs,
        positional: "query", positionalHelp: "Part of a name or address.", maxPositionals: 1
    )

    enum Format: String, CaseIterable { case text, json }

    var format: Format = .text
    var rooms = false
    var connection: ConnectionOptions
    var query: String

    init(_ a: ParsedArguments) throws(CommandFailure) {
        format = try a.choice("format", default: .text)
        rooms = a.flag("rooms")
        connection = try ConnectionOptions(a)
        query = a.positionals.first ?? ""
    }

    func validate() throws(CommandFailure) {
        if query.trimmingWhitespace.isEmpty && !rooms { throw CommandFailure(usage: "give part of a name or address, e.g. `avail who bo`") }
    }

    /// Nobody matches: exit 1, as the help says (the line, if any, is printed first).
    static let noMatch = CommandFailure(message: "", code: 1)

    func run() async throws {
        let (session, account, settings) = try connection.sessionAndSettings()
        let service = FreeBusyService.make(session: session, account: account, settings: settings, policy: CachePolicy(),
                                           environment: ProcessEnvironment.current)
        if rooms { return try await listRooms(service, catalog: settings.rooms) }
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

    /// `who --rooms`: the config's rooms and the directory's, exit 1 when there are none.
    func listRooms(_ service: FreeBusyService, catalog: RoomCatalog) async throws {
        let found = await RoomSearch(freeBusy: service, catalog: catalog).find(query.trimmingWhitespace, now: .now)
        if let e = found.directoryError, found.rooms.isEmpty { throw CommandFailure(e) }
        switch format {
        case .json:
            try write(JSONValue.array(found.rooms.map { r in
                .object([("kind", .string("room")), ("name", r.name.map { .string($0) } ?? .null), ("address", .string(r.address.displayString)),
                         ("capacity", r.capacity.map { .number($0) } ?? .null), ("source", .string(r.source.rawValue))])
            }).serialized() + "\n")
            if found.rooms.isEmpty { throw Self.noMatch }
        case .text:
            if found.rooms.isEmpty {
                let what = query.trimmingWhitespace.isEmpty ? "no rooms" : "no room matches \(query.debugDescription)"
                writeStandardError("avail: \(what): the server's directory lists no room or resource principals, "
                                   + "and the config has no matching `room = NAME <ADDRESS>` line\n")
                throw Self.noMatch
            }
            var out = ""
            for r in found.rooms {
                out += r.label + "  (room" + (r.capacity.map { ", capacity \($0)" } ?? "") + (r.source == .directory ? ", directory" : ", config") + ")\n"
            }
            try write(TerminalText.clean(out))
        }
        try found.failure?.conclude()
    }
}
