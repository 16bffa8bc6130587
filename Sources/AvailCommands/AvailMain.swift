import ArgumentParser
import CalDAVClient
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import HTTPClient

/// Entry point of the `avail` executable. Parses the command line itself so that
/// usage errors exit 2 (the README's contract) rather than ArgumentParser's 64.
public enum AvailMain {
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        signal(SIGPIPE, SIG_IGN) // `avail query | head` ends quietly, with EPIPE on write
        do {
            var command = try Avail.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let failure as CommandFailure {
            writeStandardError("avail: \(failure.message)\n")
            exit(failure.code)
        } catch {
            let code = Avail.exitCode(for: error)
            let message = Avail.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(0)
            }
            writeStandardError((message.isEmpty ? "" : message + "\n"))
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// A failure already phrased for people: printed as one line, then exit `code`.
struct CommandFailure: Error {
    var message: String
    var code: Int32

    init(_ error: CalDAVError) {
        message = error.description
        code = error.exitCode
    }

    init(usage message: String) {
        self.message = message
        code = 2
    }

    init(message: String, code: Int32) {
        self.message = message
        self.code = code
    }
}

struct Avail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avail",
        abstract: "See when people are free, from the terminal, over CalDAV scheduling.",
        discussion: """
        avail asks your CalDAV server for the free/busy time of the people you name
        (an RFC 6638 free/busy request to your schedule outbox) and shows it.

        Account: AVAIL_URL, AVAIL_USER, AVAIL_PASSWORD, or the config file
        $XDG_CONFIG_HOME/avail/config (default ~/.config/avail/config):
            url = https://cal.example.com/
            user = alice
            password_command = pass show caldav/alice

        Examples:
            avail bob@example.com carol@example.com     (the planner)
            avail discover
            avail query bob@example.com carol@example.com
            avail query --from 2026-12-07 --days 5 --format json bob@example.com
            avail slots --duration 1h bob@example.com carol@example.com
            avail book --at 2026-12-08T15:00 --duration 1h --title Planning bob@example.com

        Exit codes: 0 answered, 2 usage, 3 authentication failed, 4 discovery failed
        or no scheduling support, 5 network/TLS/timeout, 6 the server refused the request,
        7 (book) someone is busy at that time, nothing booked.
        """,
        version: AvailVersion.string,
        subcommands: [Plan.self, Query.self, SlotsCommand.self, BookCommand.self, WhoCommand.self, Discover.self, CacheCommand.self],
        defaultSubcommand: Plan.self
    )
}

/// Options every command that talks to the server shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Config file to read.", valueName: "path"))
    var config: String?

    @Flag(name: .long, help: "Do not verify the server's TLS certificate (warns). Only on a network you trust.")
    var insecure = false

    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds to wait for a connection (default 10).", valueName: "s"))
    var connectTimeout: Double?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for a whole request (default 30).", valueName: "s"))
    var timeout: Double?

    @Option(name: .long, help: ArgumentHelp("Organizer address to send as, instead of the one discovered.", valueName: "address"))
    var organizer: String?

    @Option(name: .long, help: ArgumentHelp("Write a trace of every request and answer to this file, for bug reports (credentials redacted; also AVAIL_DEBUG).", valueName: "file"))
    var debug: String?

    func validate() throws {
        for (name, value) in [("--connect-timeout", connectTimeout), ("--timeout", timeout)] {
            if let v = value, !(v > 0 && v <= 3600) { throw ValidationError("\(name) must be between 0 and 3600 seconds") }
        }
    }

    func session() throws -> (CalDAVSession, Account) {
        let (session, account, _) = try sessionAndSettings()
        return (session, account)
    }

    func sessionAndSettings() throws -> (CalDAVSession, Account, Configuration) {
        let env = ProcessInfo.processInfo.environment
        do {
            var settings = try Configuration.load(path: config, environment: env)
            if let t = connectTimeout { settings.connectTimeout = t }
            if let t = timeout { settings.timeout = t }
            if let o = organizer { settings.organizer = o }
            let account = try settings.account(insecureFlag: insecure, userAgent: "avail/\(AvailVersion.string)")
            if account.options.insecure {
                writeStandardError("avail: warning: TLS certificate checks are off (--insecure)\n")
            }
            var trace: TraceLog? = nil
            if let path = debug ?? env["AVAIL_DEBUG"], !path.isEmpty {
                guard let t = TraceLog(path: path, secrets: [account.credentials?.password].compactMap { $0 }.filter { !$0.isEmpty }) else {
                    throw CommandFailure(usage: "cannot write the debug trace to \(path)")
                }
                t.note("avail \(AvailVersion.string) trace")
                trace = t
            }
            return (CalDAVSession(account: account, http: HTTPClient.shared, trace: trace), account, settings)
        } catch let e as CalDAVError {
            throw CommandFailure(e)
        }
    }
}


/// How the cache is used, on every command that asks for free/busy time.
struct CacheOptions: ParsableArguments {
    @Option(name: .customLong("max-age"), help: ArgumentHelp("Use cached answers up to this old (30s, 10m, 2h; default 5m or the config's cache_ttl).", valueName: "age"))
    var maxAge: String?

    @Flag(help: "Answer from the cache only; never use the network.")
    var offline = false

    @Flag(help: "Ignore the cache and ask the server (new answers are still cached).")
    var refresh = false

    func validate() throws {
        if offline && refresh { throw ValidationError("--offline and --refresh contradict each other") }
        if let m = maxAge, Self.seconds(m) == nil { throw ValidationError("--max-age \(m.debugDescription) is not an age like 30s, 10m or 2h") }
    }

    static func seconds(_ text: String) -> Int64? {
        let t = text.lowercased()
        if let n = Int64(t), n >= 0 { return n }
        guard let unit = t.last, let n = Int64(t.dropLast()), n >= 0 else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        default: return nil
        }
    }

    func policy(settings: Configuration) -> CachePolicy {
        var p = CachePolicy()
        p.ttl = maxAge.flatMap(Self.seconds) ?? Int64(settings.cacheTTL)
        p.offline = offline
        p.refresh = refresh
        return p
    }
}

extension HTTPClient {
    /// One engine per process: connections are reused across every request.
    static let shared = HTTPClient()
}
