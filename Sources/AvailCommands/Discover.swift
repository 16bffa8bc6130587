import TextUtilities
import CalDAVClient
import ICalendar
import FreeBusyCache
import HTTPClient
import Scheduling

struct Discover: CLICommand {
    static let spec = CommandSpec(
        name: "discover",
        abstract: "Show what avail finds on the server: principal, addresses, outbox.",
        discussion: """
        Follows /.well-known/caldav (RFC 6764), DAV:current-user-principal (RFC 5397)
        and the principal's CALDAV:schedule-outbox-URL and calendar-user-address-set
        (RFC 6638). Exit 4 when the server has no scheduling outbox. Then what avail
        has learned about the server from earlier queries (its profile, kept in the
        cache): how it answers for unknown users, whether it needs the draft-era
        Originator/Recipient headers, its time per recipient, whether parallel
        POSTs helped and the batching chosen from that, whether it matches
        addresses case-sensitively (then they are sent lower-cased), and
        scheduling it announces but does not do (exit 4, said at once by later
        queries for a day or until --refresh).

        With several accounts in the config and no --account, every account is
        shown, in config order: a block per account headed [account NAME], with
        --json one object {"accounts": [...]} holding an object per account with
        "account", "error" (null, else the one-line reason, with "exitStatus")
        and otherwise the fields of the one-account object. An account that
        fails says why in its block and on stderr; the others still show, and the
        exit status is that of the first account that failed (0 when all were
        found).
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
        let env = ProcessEnvironment.current
        if let all = try connection.everyAccount(environment: env) {
            try await runOverAccounts(all, environment: env)
            return
        }
        let (session, account) = try connection.session()
        let found = try await Self.discover(session: session, account: account)
        try write(json ? found.json.serialized() + "\n" : TerminalText.clean(found.text))
    }

    /// What discovery found on one account, with what avail learned there.
    struct Found: Sendable {
        var server: String
        var discovery: DiscoveryResult
        var outboxDAV: [String]
        var profile: ServerProfile?

        var json: JSONValue { .object(jsonFields) }

        var jsonFields: [(String, JSONValue)] {
            let d = discovery
            return [
                ("server", .string(server)),
                ("principal", .string(d.principalURL.description)),
                ("displayName", d.displayName.map { .string($0) } ?? .null),
                ("addresses", .array(d.calendarUserAddresses.map { .string($0) })),
                ("organizer", .string(d.organizer.uri)),
                ("outbox", .string(d.outboxURL.description)),
                ("dav", .array(outboxDAV.map { .string($0) })),
                ("profile", profile.map(Discover.json) ?? .null),
            ]
        }

        var text: String {
            let d = discovery
            var out = ""
            out += "server:     \(server)\n"
            out += "principal:  \(d.principalURL)\n"
            out += "name:       \(d.displayName ?? "(none)")\n"
            out += "addresses:  \(d.calendarUserAddresses.joined(separator: ", "))\n"
            out += "organizer:  \(d.organizer.uri)\n"
            out += "outbox:     \(d.outboxURL)\n"
            out += "DAV:        \(outboxDAV.isEmpty ? "(not announced)" : outboxDAV.joined(separator: ", "))\n"
            out += profile.map(Discover.text) ?? "profile:    (nothing learned yet: run a query)\n"
            return out
        }
    }

    /// One account's discovery, learning the outbox's DAV classes into its
    /// profile; the cache's warnings are said here.
    static func discover(session: CalDAVSession, account: Account) async throws(CommandFailure) -> Found {
        let cache = CacheAccess.cache(account: FreeBusyService.accountName(account), environment: ProcessEnvironment.current)
        var profile = cache?.loadProfile()
        let d: DiscoveryResult
        do { d = try await session.discover() } catch {
            // No outbox on a server that announces scheduling: kept in the profile, so queries say so at once.
            if case let .noScheduling(_, principal) = error, let url = HTTPURL(string: principal),
               let caps = try? await session.capabilities(of: url),
               let absent = ServerProfile.AbsentScheduling.seen(error, capabilities: caps, now: UTCInstant.now) {
                if let cache {
                    var p = profile ?? ServerProfile(updated: absent.checked)
                    p.scheduling = absent
                    p.updated = absent.checked
                    try? cache.storeProfile(p)
                }
                throw CommandFailure(absent.error)
            }
            throw CommandFailure(error)
        }
        var outboxDAV: [String] = []
        do { outboxDAV = try await session.capabilities(of: d.outboxURL) } catch { /* optional detail */ }
        // The outbox's DAV classes decide the draft-era headers for later queries,
        // whose discovery comes from the cache without them.
        if let cache, !outboxDAV.isEmpty {
            let now = UTCInstant.now
            let learned = (profile ?? ServerProfile(updated: now))
                .learning(from: FreeBusyObservation(statusCodes: [], batches: 0, seconds: 0, capabilities: outboxDAV), now: now)
            if learned != profile, (try? cache.storeProfile(learned)) != nil { profile = learned }
        }
        for w in cache?.warnings.withLock({ $0 }) ?? [] { writeStandardError("avail: warning: \(w)\n") }
        return Found(server: account.serverName, discovery: d, outboxDAV: outboxDAV, profile: profile)
    }

    /// Every account of the config, each discovered on its own (all at once),
    /// shown in config order: a block per account, or `{"accounts": [...]}`.
    /// An account that fails is one line in its block and one on stderr; the
    /// others still show, and the exit status is that of the first failure.
    func runOverAccounts(_ all: Configuration, environment env: [String: String]) async throws {
        let names = all.accountNames
        var results: [Result<Found, Failed>?] = Array(repeating: nil, count: names.count)
        var sessions: [(Int, CalDAVSession, Account)] = []
        for (k, name) in names.enumerated() {
            do {
                let (session, account, _) = try connection.connect(try all.selecting(name), environment: env)
                sessions.append((k, session, account))
            } catch let failure as CommandFailure {
                results[k] = .failure(Failed(server: nil, failure: failure))
            } catch let error as CalDAVError {
                results[k] = .failure(Failed(server: nil, failure: CommandFailure(error)))
            }
        }
        let discovered = await withTaskGroup(of: (Int, Result<Found, Failed>).self) { group in
            for (k, session, account) in sessions {
                group.addTask {
                    do throws(CommandFailure) { return (k, .success(try await Self.discover(session: session, account: account))) }
                    catch { return (k, .failure(Failed(server: account.serverName, failure: error))) }
                }
            }
            var out: [(Int, Result<Found, Failed>)] = []
            for await r in group { out.append(r) }
            return out
        }
        for (k, r) in discovered { results[k] = r }
        var blocks: [String] = []
        var objects: [JSONValue] = []
        var firstFailure: CommandFailure? = nil
        for (k, name) in names.enumerated() {
            switch results[k] {
            case let .success(found):
                blocks.append("[account \(name)]\n" + found.text)
                objects.append(.object([("account", .string(name)), ("error", .null)] + found.jsonFields))
            case let .failure(f):
                let server = f.server.map { "server:     \($0)\n" } ?? ""
                blocks.append("[account \(name)]\n" + server + "error:      \(TerminalText.line(f.failure.message))\n")
                objects.append(.object([("account", .string(name)), ("error", .string(f.failure.message)),
                                        ("exitStatus", .number(Int(f.failure.code)))] + (f.server.map { [("server", .string($0))] } ?? [])))
                // The first failure ends the command (so --show-curl, which quiets stderr meanwhile, still says it); the others now.
                let line = CommandFailure(message: "account \(name)\(f.server.map { " (\($0))" } ?? ""): \(f.failure.message)", code: f.failure.code)
                if firstFailure == nil { firstFailure = line } else { writeStandardError(line.line(command: Self.spec.name)) }
            case nil:
                break
            }
        }
        try write(json ? JSONValue.object([("accounts", .array(objects))]).serialized() + "\n"
                       : TerminalText.clean(blocks.joined(separator: "\n")))
        if let firstFailure { throw firstFailure }
    }

    /// An account that could not be discovered (or not even connected: its password_command failed).
    struct Failed: Error, Sendable {
        var server: String?
        var failure: CommandFailure
    }

    /// The profile as lines under `profile:`, each saying what it means.
    static func text(_ p: ServerProfile) -> String {
        var out = "profile:    learned \(p.updated.iso8601String)\n"
        if let u = p.unknownUsers { out += "  unknown users answered as \(u)\n" }
        if let h = p.draftHeaders { out += "  draft-era Originator/Recipient headers: \(h ? "needed" : "not needed")\n" }
        if let s = p.secondsPerRecipient { out += "  one POST: \(milliseconds(s)) ms per recipient\n" }
        if let s = p.parallelSecondsPerRecipient { out += "  parallel POSTs: \(milliseconds(s)) ms per recipient\n" }
        if let helped = p.parallelHelped { out += "  parallel POSTs helped: \(helped ? "yes" : "no")\n" }
        if let a = p.addresses {
            out += "  addresses: \(a.rawValue)\(a == .caseSensitive ? " (sent lower-cased)" : "")\n"
        }
        if let s = p.scheduling {
            out += "  scheduling: announced (\(s.announced)) but absent: \(s.evidence), seen \(s.checked.iso8601String)\n"
        }
        let b = p.batchPolicy
        out += b == .single ? "  batching: one POST for everyone\n"
            : "  batching: above \(b.splitAbove) attendees, POSTs of at most \(b.batchSize), \(b.parallel) at once\n"
        return out
    }

    static func json(_ p: ServerProfile) -> JSONValue {
        let b = p.batchPolicy
        return .object([
            ("updated", .string(p.updated.iso8601String)),
            ("unknownUsers", p.unknownUsers.map { .string($0) } ?? .null),
            ("draftHeaders", p.draftHeaders.map { .bool($0) } ?? .null),
            ("microsecondsPerRecipient", p.secondsPerRecipient.map { .number(Int(($0 * 1_000_000).rounded())) } ?? .null),
            ("parallelMicrosecondsPerRecipient", p.parallelSecondsPerRecipient.map { .number(Int(($0 * 1_000_000).rounded())) } ?? .null),
            ("parallelHelped", p.parallelHelped.map { .bool($0) } ?? .null),
            ("addresses", p.addresses.map { .string($0.rawValue) } ?? .null),
            ("scheduling", p.scheduling.map { s in .object([("state", .string("announced-but-absent")), ("announced", .string(s.announced)),
                                                            ("evidence", .string(s.evidence)), ("checked", .string(s.checked.iso8601String))]) } ?? .null),
            ("batching", .object([("splitAbove", b == .single ? .null : .number(b.splitAbove)),
                                  ("batchSize", b == .single ? .null : .number(b.batchSize)),
                                  ("parallel", .number(b.parallel))])),
        ])
    }

    /// Three decimals of a millisecond.
    static func milliseconds(_ seconds: Double) -> String {
        let micro = Int((seconds * 1_000_000).rounded())
        let fraction = String(micro % 1000)
        return "\(micro / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
