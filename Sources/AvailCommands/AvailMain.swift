import CalDAVClient
import TextUtilities
#if canImport(Glibc)
import Glibc
#endif
import HTTPClient
import LocalTime
import Scheduling

/// Entry point of the `avail` executable: picks the command, parses its
/// arguments (CommandLineSpec), validates, runs. Usage errors exit 2 with one
/// line that says what is wrong and where the help is.
public enum AvailMain {
    /// Every command with its name, the planner (`tui`, the default) first. The
    /// name is matched without building the command's spec (its help text: the
    /// planner's holds the whole key table), so a run builds only its own; a
    /// test holds each name to its spec's.
    static let table: [(name: String, type: any CLICommand.Type)] = [
        (Plan.name, Plan.self), ("query", Query.self), ("slots", SlotsCommand.self), ("book", BookCommand.self), ("who", WhoCommand.self),
        ("meetings", MeetingsCommand.self), ("move", MoveCommand.self), ("cancel", CancelCommand.self), ("invite", InviteCommand.self),
        ("uninvite", UninviteCommand.self), ("discover", Discover.self), ("cache", CacheCommand.self), ("cache clear", CacheCommand.Clear.self),
        ("hours", HoursCommand.self), ("hours set", HoursCommand.Store.self), ("hours clear", HoursCommand.Clear.self),
        ("completions", CompletionsCommand.self), ("setup", SetupCommand.self), ("publish", PublishCommand.self),
    ]
    /// Every command, in the table's order.
    static let commands: [any CLICommand.Type] = table.map(\.type)

    /// The executable's entry point: the command runs on the global executor
    /// while the main thread waits for it to end the process (every path of
    /// `run` ends in exit). An async main would instead hand the main thread to
    /// dispatch_main, which leaves it through pthread_exit: a forced unwind
    /// that reads the binary's unwind tables at every start (0.6 MB of pages
    /// touched, for nothing).
    public static func start() -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // libcurl and its 35 libraries load a third faster while avail is still
        // one thread (ServerLookahead): before the first task starts, when this
        // run will ask a server.
        if asksServer(arguments) { HTTPClient.preload() }
        _ = Task.detached { await run(arguments: arguments) }
        while true { pause() }
    }

    /// Whether these arguments make a run that asks a server. Parsed here as
    /// `run` parses them, every error ignored (`run` says it); help and version
    /// parse to nothing or fail, and the hidden entry points (completion, man
    /// pages) and `help` would read as the planner's attendees: none asks.
    static func asksServer(_ arguments: [String]) -> Bool {
        if arguments.first?.hasPrefix("__") == true || arguments.first == "help" { return false }
        let (type, rest) = command(named: arguments) ?? (Plan.self, arguments)
        guard let parsed = try? CommandLineParser.parse(rest, spec: type.spec), let command = try? type.init(parsed) else { return false }
        return command.asksServer()
    }

    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        if let code = HiddenEntryPoint.run(arguments, environment: ProcessEnvironment.current) { exit(code) }
        signal(SIGPIPE, SIG_IGN) // `avail query | head` ends quietly, with EPIPE on write
        SecretProtection.disableCoreDumps() // before any password is read
        OutputWriter.holdStandardDescriptors()
        // The command named in a usage error's hint: the planner's until another is found.
        var commandName = Plan.name
        do {
            if arguments.first == "--version" || arguments == ["version"] {
                try write(AvailVersion.string + "\n")
                exit(0)
            }
            if arguments.isEmpty == false, ["-h", "--help", "help"].contains(arguments[0]) {
                if arguments.count > 1, arguments[0] == "help", let c = command(named: Array(arguments.dropFirst())) {
                    try write(CommandLineParser.help(c.type.spec))
                } else {
                    try write(rootHelp)
                }
                exit(0)
            }
            let (type, rest) = command(named: arguments) ?? (Plan.self, arguments)
            commandName = type.spec.name
            guard let parsed = try CommandLineParser.parse(rest, spec: type.spec) else {
                try write(CommandLineParser.help(type.spec))
                exit(0)
            }
            let command = try type.init(parsed)
            try command.validate()
            if parsed.flag(ShowCurl.option) {
                try await ShowCurl.run(origin: (["avail", type.spec.name] + rest).joined(separator: " ")) { try await command.run() }
            } else {
                try await command.run()
            }
            exit(0)
        } catch let failure as CommandFailure {
            if !failure.message.isEmpty {
                writeStandardError(failure.line(command: commandName))
            }
            exit(failure.code)
        } catch {
            writeStandardError("avail: \(error)\n")
            exit(1)
        }
    }

    /// The command the arguments start with ("cache clear" before "cache"), and the rest.
    static func command(named arguments: [String]) -> (type: any CLICommand.Type, rest: [String])? {
        var best: (type: any CLICommand.Type, rest: [String])? = nil
        var bestWords = 0
        for (name, c) in table {
            let words = name.split(separator: " ").map(String.init)
            if arguments.count >= words.count, Array(arguments.prefix(words.count)) == words, words.count > bestWords {
                best = (c, Array(arguments.dropFirst(words.count)))
                bestWords = words.count
            }
        }
        return best
    }

    static var rootHelp: String {
        var out = """
        OVERVIEW: See when people are free, from the terminal, over CalDAV scheduling.

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

        \(ExitStatus.helpParagraph())

        USAGE: avail [<subcommand>] [<options>]

        SUBCOMMANDS:

        """
        for c in commands {
            let name = c.spec.name + (c == Plan.self ? " (default)" : "")
            out += "  " + name.padded(to: 22) + c.spec.abstract + "\n"
        }
        out += "\n  See 'avail help <subcommand>' or 'avail <subcommand> --help' for each one's options.\n"
        return out
    }
}

/// A failure already phrased for people: printed as one line, then exit `code`.
struct CommandFailure: Error {
    /// The output could not be written (a full disk, an I/O error): README's exit-code table.
    static let outputFailed: Int32 = 8

    var message: String
    var code: Int32
    /// A mistake on the command line (the help can fix it), not a failure of the work.
    var isUsage = false

    init(_ error: CalDAVError) {
        message = error.description
        code = error.exitCode
    }

    /// What avail prints for it: `avail: <message>`, and for a usage error a
    /// pointer to the command's help.
    func line(command: String) -> String {
        let hint = code == 2 && isUsage ? " (see `avail \(command) --help`)" : ""
        return "avail: \(message)\(hint)\n"
    }

    init(usage message: String) {
        self.message = message
        code = 2
        isUsage = true
    }

    init(message: String, code: Int32) {
        self.message = message
        self.code = code
    }
}

/// Options every command that talks to the server shares.
struct ConnectionOptions {
    static let specs: [OptionSpec] = [
        .option("config", "path", "Config file to read."),
        .option("account", "name", "The config's [account NAME] to use (default: AVAIL_ACCOUNT, else the first; without one, query, slots, tui and book's check ask each attendee on the account that knows them, and discover shows every account)."),
        .flag("insecure", "Do not verify the server's TLS certificate (warns). Only on a network you trust."),
        .option("connect-timeout", "s", "Seconds to wait for a connection (default 10)."),
        .option("timeout", "s", "Seconds to wait for a whole request (default 30)."),
        .option("organizer", "address", "Organizer address to send as, instead of the one discovered."),
        .option("debug", "file", "Write a trace of every request and answer to this file, for bug reports (credentials redacted; also AVAIL_DEBUG)."),
        .flag(ShowCurl.option, "Print the requests as a shell script of curl commands instead (no password in it); only requests that read are sent."),
    ]

    var config: String?
    /// `--account`: one account chosen (nil: AVAIL_ACCOUNT, else the first, or routing where a command does it).
    var account: String?
    var insecure = false
    var connectTimeout: Double?
    var timeout: Double?
    var organizer: String?
    var debug: String?
    var showCurl = false
    /// Run each account's password_command when its session is made, not on its
    /// first request: the planner does, so that a password manager's prompt and
    /// avail's notices come before the full screen, never over it.
    var passwordsFirst = false

    init(_ a: ParsedArguments) throws(CommandFailure) {
        config = a.value("config")
        account = a.value("account")
        showCurl = a.flag(ShowCurl.option)
        insecure = a.flag("insecure")
        connectTimeout = try a.double("connect-timeout")
        timeout = try a.double("timeout")
        organizer = a.value("organizer")
        debug = a.value("debug")
        // `avail query --debug alice@example.com` would take alice for the trace
        // file: she would be missing from the answer and a file named after her
        // written. A path is meant with a slash in it.
        if let path = debug, path.contains("@"), !path.contains("/") {
            throw CommandFailure(usage: "--debug takes a file to write the trace to, and \(path) looks like an attendee: give the file first (--debug FILE \(path)), or ./\(path) for a file of that name")
        }
        for (name, value) in [("connect-timeout", connectTimeout), ("timeout", timeout)] {
            // Whole-second floor: curl takes milliseconds, and a value that
            // rounds to 0 ms would mean "no timeout at all".
            if let v = value, !(v >= 1 && v <= 3600) {
                throw CommandFailure(usage: "--\(name) \(a.value(name) ?? String(v)) is out of range: give 1 to 3600 seconds")
            }
        }
    }

    func session() throws -> (CalDAVSession, Account) {
        let (session, account, _) = try sessionAndSettings()
        return (session, account)
    }

    func sessionAndSettings() throws -> (CalDAVSession, Account, Configuration) {
        let env = ProcessEnvironment.current
        do {
            return try connect(try Configuration.load(path: config, environment: env).selecting(chosenAccount(env)), environment: env)
        } catch let e as CalDAVError {
            throw CommandFailure(e)
        }
    }

    /// One account's session, with the command line's settings over the config's.
    func connect(_ chosen: Configuration, environment env: [String: String]) throws -> (CalDAVSession, Account, Configuration) {
        do {
            var settings = chosen
            if let t = connectTimeout { settings.connectTimeout = t }
            if let t = timeout { settings.timeout = t }
            if let o = organizer { settings.organizer = o }
            let account = try settings.account(insecureFlag: insecure, userAgent: "avail/\(AvailVersion.string)")
            if passwordsFirst { _ = try account.resolvedCredentials() }
            if account.options.insecure {
                writeStandardError("avail: warning: TLS certificate checks are off (--insecure)\n")
            }
            var trace: TraceLog? = nil
            if let path = debug ?? env["AVAIL_DEBUG"], !path.isEmpty {
                let t: TraceLog
                // The trace must know the password to keep it out: fetched now.
                let credentials = try account.resolvedCredentials()
                do { t = try TraceLog(path: path, credentials: credentials) } catch {
                    throw CommandFailure(message: "cannot write the debug trace to \(path): \(error)", code: 2)
                }
                t.note("avail \(AvailVersion.string) trace" + (settings.accountName.map { ", account \($0)" } ?? ""))
                trace = t
            }
            return (CalDAVSession(account: account, http: HTTPClient.shared, trace: trace, recorder: showCurl ? ShowCurl.recorder : nil),
                    account, settings)
        } catch let e as CalDAVError {
            throw CommandFailure(e)
        }
    }
}


/// How the cache is used, on every command that asks for free/busy time.
struct CacheOptions {
    static let specs: [OptionSpec] = [
        .option("max-age", "age", "Use cached answers up to this old (30s, 10m, 2h; default 5m or the config's cache_ttl)."),
        .flag("offline", "Answer from the cache only; never use the network."),
        .flag("refresh", "Ignore the cache and ask the server (new answers are still cached)."),
    ]

    var maxAge: String?
    var offline = false
    var refresh = false

    init(_ a: ParsedArguments) throws(CommandFailure) {
        maxAge = a.value("max-age")
        offline = a.flag("offline")
        // --show-curl shows requests: a cached answer would leave none to show.
        refresh = a.flag("refresh") || a.flag(ShowCurl.option)
        if offline && a.flag(ShowCurl.option) { throw CommandFailure(usage: "--offline and --show-curl contradict each other") }
        if offline && refresh { throw CommandFailure(usage: "--offline and --refresh contradict each other") }
        if let m = maxAge, case let .failure(problem) = Self.read(m) {
            throw CommandFailure(usage: DurationText.message(problem, option: "--max-age", text: m, example: "30s, 10m, 1h30m or 2d"))
        }
    }

    /// An age, by the same reader as --duration (so 1h30m works here too);
    /// a bare number is seconds, and 0 means "always ask".
    static func read(_ text: String) -> Result<Int64, DurationText.Problem> {
        DurationText.read(text, bareUnit: 1, range: 0...(366 * 86_400))
    }

    static func seconds(_ text: String) -> Int64? { try? read(text).get() }

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
