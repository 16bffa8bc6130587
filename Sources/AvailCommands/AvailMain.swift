import ArgumentParser
import CalDAVClient
import Foundation
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

        Exit codes: 0 answered, 2 usage, 3 authentication failed, 4 discovery failed
        or no scheduling support, 5 network/TLS/timeout, 6 the server refused the request.
        """,
        version: AvailVersion.string,
        subcommands: [Plan.self, Query.self, Discover.self],
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

    func validate() throws {
        for (name, value) in [("--connect-timeout", connectTimeout), ("--timeout", timeout)] {
            if let v = value, !(v > 0 && v <= 3600) { throw ValidationError("\(name) must be between 0 and 3600 seconds") }
        }
    }

    func session() throws -> (CalDAVSession, Account) {
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
            return (CalDAVSession(account: account, http: HTTPClient.shared), account)
        } catch {
            throw CommandFailure(error)
        }
    }
}


extension HTTPClient {
    /// One engine per process: connections are reused across every request.
    static let shared = HTTPClient()
}
