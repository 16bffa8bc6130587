import TextUtilities
import CalDAVClient
import FoundationEssentials

struct Discover: CLICommand {
    static let spec = CommandSpec(
        name: "discover",
        abstract: "Show what avail finds on the server: principal, addresses, outbox.",
        discussion: """
        Follows /.well-known/caldav (RFC 6764), DAV:current-user-principal (RFC 5397)
        and the principal's CALDAV:schedule-outbox-URL and calendar-user-address-set
        (RFC 6638). Exit 4 when the server has no scheduling outbox.
        """,
        options: ConnectionOptions.specs + [.flag("json", "Print JSON instead of text.")]
    )

    var connection: ConnectionOptions
    var json = false

    init(_ a: ParsedArguments) throws(CommandFailure) {
        connection = try ConnectionOptions(a)
        json = a.flag("json")
    }

    func run() async throws {
        let (session, account) = try connection.session()
        let d: DiscoveryResult
        do { d = try await session.discover() } catch { throw CommandFailure(error) }
        var outboxDAV: [String] = []
        do { outboxDAV = try await session.capabilities(of: d.outboxURL) } catch { /* optional detail */ }
        if json {
            let value = JSONValue.object([
                ("server", .string(account.serverName)),
                ("principal", .string(d.principalURL.description)),
                ("displayName", d.displayName.map { .string($0) } ?? .null),
                ("addresses", .array(d.calendarUserAddresses.map { .string($0) })),
                ("organizer", .string(d.organizer.uri)),
                ("outbox", .string(d.outboxURL.description)),
                ("dav", .array(outboxDAV.map { .string($0) })),
            ])
            try write(value.serialized() + "\n")
        } else {
            var out = ""
            out += "server:     \(account.serverName)\n"
            out += "principal:  \(d.principalURL)\n"
            out += "name:       \(d.displayName ?? "(none)")\n"
            out += "addresses:  \(d.calendarUserAddresses.joined(separator: ", "))\n"
            out += "organizer:  \(d.organizer.uri)\n"
            out += "outbox:     \(d.outboxURL)\n"
            out += "DAV:        \(outboxDAV.isEmpty ? "(not announced)" : outboxDAV.joined(separator: ", "))\n"
            try write(TerminalText.clean(out))
        }
    }
}
