import TextUtilities
import FreeBusyCache
import ICalendar
import LocalTime
import Scheduling

struct CacheCommand: CLICommand {
    static let spec = CommandSpec(
        name: "cache",
        abstract: "Show where the cache is, how big, how many answers it holds.",
        discussion: """
        The cache keeps recent free/busy answers as plain files (one per person and
        window, readable with cat) under $XDG_CACHE_HOME/avail (default
        ~/.cache/avail; with HOME unset, the home in the password database),
        one directory per account. Answers younger than cache_ttl (default 5
        minutes; --max-age) are used without asking the server; older ones are
        shown when the server cannot be reached. Entries older than 30 days and
        anything over 50 MiB are pruned. A cache directory that is not yours
        alone (another owner, writable by others) is not used.
        """,
        options: []
    )

    init(_ a: ParsedArguments) throws(CommandFailure) {}

    func run() async throws {
        let root: String
        do { root = try CacheLocation.root(environment: ProcessEnvironment.current) } catch {
            throw CommandFailure(message: error.description, code: 2)
        }
        // A directory avail may not use is not read either: say where and why.
        var refusal: CacheLocation.Refusal? = nil
        do throws(CacheLocation.Refusal) { try CacheLocation.check(root, root: root) } catch { refusal = error }
        if let refusal {
            try write("location: \(root)\nnot used: \(refusal.path) \(refusal.reason)\n")
            return
        }
        let s = CacheMaintenance.stats(root: root)
        try write("""
        location: \(root)
        accounts: \(s.accounts)
        entries:  \(s.entries)
        size:     \(Self.size(s.bytes))

        """)
    }

    /// The cache root, checked; a refusal is a configuration error (exit 2).
    static func checkedRoot() throws(CommandFailure) -> String {
        do throws(CacheLocation.Refusal) {
            let root = try CacheLocation.root(environment: ProcessEnvironment.current)
            try CacheLocation.check(root, root: root)
            return root
        } catch {
            throw CommandFailure(message: error.description, code: 2)
        }
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\(bytes / 1024) KiB" }
        return oneDecimal(Double(bytes) / 1_048_576) + " MiB"
    }

    struct Clear: CLICommand {
        static let spec = CommandSpec(name: "cache clear", abstract: "Empty the cache (or one account's part of it).", options: [
            .option("account", "account", "Only this account: a name from the config ([account NAME]), or \"https://host[:port] user\" as `avail cache` lists them."),
            .flag("current", "Only the account configured now (AVAIL_URL/AVAIL_USER or the config file)."),
        ] + ConnectionOptions.specs.filter { $0.name != "account" })

        var account: String?
        var current = false
        var connection: ConnectionOptions

        init(_ a: ParsedArguments) throws(CommandFailure) {
            account = a.value("account")
            current = a.flag("current")
            connection = try ConnectionOptions(a)
        }

        func run() async throws {
            // Files in a directory avail may not use are not its to delete either.
            let root = try CacheCommand.checkedRoot()
            var which = account
            // A name from the config's [account NAME] sections stands for that account's cache.
            let named = (try? Configuration.load(path: connection.config, environment: ProcessEnvironment.current))?.accountNames ?? []
            if current || account.map(named.contains) == true {
                let (_, acct) = try connection.session()
                which = FreeBusyService.accountName(acct)
            }
            let n = CacheMaintenance.clear(root: root, account: which)
            try write("removed \(n) file\(n == 1 ? "" : "s") from \(root)\(which.map { " for \($0)" } ?? "")\n")
        }
    }
}
