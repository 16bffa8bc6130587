import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import Scheduling
import TextUtilities
#if canImport(Glibc)
import Glibc
#endif

/// `avail setup`: turns a server URL and a user name into a working config.
/// Asks on the terminal for what the flags did not give, checks the account
/// live (AccountSetupService: discovery and one free/busy request for the
/// user), says what it found, and writes the config only when the account works.
struct SetupCommand: CLICommand {
    static let spec = CommandSpec(
        name: "setup",
        abstract: "Write the config: asks for the server and user, checks them live.",
        discussion: """
        Asks for the server URL (a bare host name is tried as https://) and your
        user name, and how avail gets your password: a password_command that
        prints it (pass, secret-tool), or the password typed once (not echoed)
        and kept in the config file, mode 0600. Then finds your principal, your
        organizer address and your schedule outbox, asks the server for your own
        free/busy time, and writes the config. A server without scheduling
        (Radicale, Xandikos) cannot answer free/busy requests; avail says so and
        still writes the config, for published free/busy (--fburl).
        Nothing is written when the account does not work. With --url and --user
        (and one of --password-command, --password-file, --no-password) nothing
        is asked.
        """,
        options: [
            .option("url", "url", "The server: https://cal.example.com/ (a bare host name is tried as https://)."),
            .option("user", "name", "Your user name on the server."),
            .option("password-command", "command", "A command that prints the password (pass show caldav/alice)."),
            .option("password-file", "path", "Read the password from this file's first line and keep it in the config (mode 0600)."),
            .flag("no-password", "The server needs no password."),
            .option("fburl", "template", "Published free/busy URL template, for a server without scheduling ({email} {user} {domain} {start} {end})."),
            .option("organizer", "address", "Your organizer address, when the server lists several or a wrong one (alice@example.com)."),
            .option("auth", "scheme", "HTTP authentication: basic or digest (default: basic, digest when the server offers only that)."),
            .option("ca-file", "path", "Trust the CA certificates in this PEM file for the server's TLS certificate (written as an absolute path)."),
            .option("config", "path", "Where to write the config (default $XDG_CONFIG_HOME/avail/config)."),
            .flag("force", "Replace an existing config file."),
            .flag("insecure", "Do not verify the server's TLS certificate (written into the config). Only on a network you trust."),
        ],
        positional: nil
    )

    var url: String?
    var user: String?
    var passwordCommand: String?
    var passwordFile: String?
    var noPassword = false
    var fburl: String?
    var organizer: String?
    var auth: String?
    var caFile: String?
    var config: String?
    var force = false
    var insecure = false

    init(_ a: ParsedArguments) throws(CommandFailure) {
        url = a.value("url")
        user = a.value("user")
        passwordCommand = a.value("password-command")
        passwordFile = a.value("password-file")
        noPassword = a.flag("no-password")
        fburl = a.value("fburl")
        organizer = a.value("organizer")
        auth = a.value("auth")?.lowercased()
        caFile = a.value("ca-file")
        config = a.value("config")
        force = a.flag("force")
        insecure = a.flag("insecure")
    }

    func validate() throws(CommandFailure) {
        let ways = [passwordCommand != nil, passwordFile != nil, noPassword].filter { $0 }.count
        guard ways <= 1 else {
            throw CommandFailure(usage: "--password-command, --password-file and --no-password: give one of them")
        }
        for (name, value) in [("url", url), ("user", user), ("password-command", passwordCommand), ("config", config),
                              ("organizer", organizer), ("ca-file", caFile)] {
            if let value, value.trimmingWhitespace.isEmpty { throw CommandFailure(usage: "--\(name) is empty") }
        }
        if let auth, auth != "basic" && auth != "digest" {
            throw CommandFailure(usage: "--auth must be basic or digest, not \(TerminalText.clean(auth).debugDescription)")
        }
        if let organizer {
            do { _ = try CalendarUserAddress(organizer) } catch {
                throw CommandFailure(usage: "--organizer \(TerminalText.clean(organizer).debugDescription): \(error)")
            }
        }
        if let caFile {
            // Said now, before any question, not after the answers were typed.
            do { try Configuration.checkReadable(caFile: caFile) } catch { throw CommandFailure(usage: "--ca-file: \(error.description)") }
        }
    }

    func run() async throws {
        let env = ProcessEnvironment.current
        let path = config ?? Configuration.defaultPath(environment: env)
        // Said before any question: the answers would be lost.
        if !force, NewConfigFile.exists(path) { throw CommandFailure(message: NewConfigFile.Failure.exists(path: path).description, code: 2) }
        let needsAsking = url == nil || user == nil || (passwordCommand == nil && passwordFile == nil && !noPassword)
        let prompt = needsAsking ? TerminalPrompt() : nil
        if needsAsking && prompt == nil {
            throw CommandFailure(usage: "no terminal to ask on: give --url, --user and one of --password-command, --password-file, --no-password")
        }

        var settings = Configuration()
        settings.insecure = insecure
        settings.organizer = organizer
        settings.auth = auth
        settings.caFile = caFile.map(Self.absolute)
        settings.url = try Self.serverURL(url ?? ask(prompt, "Server URL (e.g. https://cal.example.com/): "))
        settings.user = try user ?? ask(prompt, "User name: ")
        if let passwordCommand {
            settings.passwordCommand = passwordCommand
        } else if let passwordFile {
            settings.password = try Self.firstLine(of: passwordFile)
        } else if !noPassword, let prompt {
            try askPassword(prompt, into: &settings)
        }
        if let fburl {
            guard HTTPURL(string: fburl) != nil else {
                throw CommandFailure(usage: "--fburl must be an http(s) URL template, e.g. https://host/freebusy/{email}.ifb")
            }
            settings.fburl = fburl
        }
        // The text is made before the network is asked: a value the file cannot hold is said first.
        let text: String
        do { text = try settings.fileText(comment: ["Written by `avail setup`; see avail-config(5) for every key."]) } catch {
            throw CommandFailure(usage: error.message)
        }

        let check: AccountCheck
        do {
            let account = try settings.account(insecureFlag: false, userAgent: "avail/\(AvailVersion.string)")
            if account.options.insecure { writeStandardError("avail: warning: TLS certificate checks are off (--insecure)\n") }
            let session = CalDAVSession(account: account, http: HTTPClient.shared, trace: nil)
            try write("Checking \(account.serverName) as \(settings.user ?? "")…\n")
            check = try await AccountSetupService(server: session).check(now: .now)
        } catch let e as CalDAVError {
            throw CommandFailure(message: "\(e.description); no config was written", code: e.exitCode)
        }
        try write(TerminalText.clean(Self.report(check)))
        if case let .failed(message, code) = check.selfFreeBusy {
            throw CommandFailure(message: "the free/busy request for yourself failed: \(message); no config was written", code: code)
        }
        do { try NewConfigFile.write(text, to: path, replace: force) } catch {
            throw CommandFailure(message: error.description, code: 2)
        }
        try write("Wrote \(path) (mode 0600).\n")
        if check.schedules, let me = check.organizer {
            try write("Try: avail query \(me.displayString)   or just: avail\n")
        }
    }

    /// What was found, one fact a line, in the order a user would check them.
    static func report(_ check: AccountCheck) -> String {
        var out = "principal:  \(check.principal)\n"
        if let name = check.displayName { out += "name:       \(name)\n" }
        out += "organizer:  \(check.organizer?.uri ?? "(no mailto: address listed)")\n"
        out += "outbox:     \(check.outbox.map(\.description) ?? "(none)")\n"
        switch check.selfFreeBusy {
        case let .answered(n):
            out += "free/busy:  the server schedules (RFC 6638): your next 24 hours hold \(n) busy period\(n == 1 ? "" : "s")\n"
        case .notAsked:
            out += "free/busy:  this server cannot answer free/busy requests (it has no scheduling outbox, RFC 6638).\n"
            out += "            avail can still show people whose free/busy time is published as a file:\n"
            out += "            set fburl (setup --fburl, or `fburl = …` in the config; see avail-config(5)).\n"
        case let .unanswered(status, detail):
            out += "free/busy:  the server did not answer for you (\(status.isEmpty ? "" : status + " ")\(detail)); avail can still ask for others\n"
        case .failed:
            break
        }
        return out
    }

    /// A relative path made absolute from the current directory: the config
    /// is read later from anywhere.
    static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (directory.hasSuffix("/") ? directory : directory + "/") + path
    }

    /// A bare host name (cal.example.com) becomes https://cal.example.com/:
    /// what people paste from a browser's address bar or a provider's help page.
    static func serverURL(_ typed: String) throws(CommandFailure) -> String {
        var text = typed.trimmingWhitespace
        if !text.contains("://") { text = "https://" + text }
        guard HTTPURL(string: text) != nil else {
            throw CommandFailure(usage: "\(TerminalText.clean(typed).debugDescription) is not an http:// or https:// URL")
        }
        return text
    }

    private func ask(_ prompt: TerminalPrompt?, _ question: String) throws(CommandFailure) -> String {
        guard let prompt, let answer = prompt.line(question)?.trimmingWhitespace else {
            throw CommandFailure(message: "setup cancelled; no config was written", code: 2)
        }
        guard !answer.isEmpty else { return try ask(prompt, question) }
        return answer
    }

    /// A password manager if one is installed, else the password typed once with echo off.
    private func askPassword(_ prompt: TerminalPrompt, into settings: inout Configuration) throws(CommandFailure) {
        let user = settings.user ?? "me"
        let example: String
        if Self.installed("pass") { example = "pass show caldav/\(user)   (pass is installed)" }
        else if Self.installed("secret-tool") { example = "secret-tool lookup service avail user \(user)   (secret-tool is installed)" }
        else { example = "pass show caldav/\(user)" }
        prompt.say("""
            How should avail get your password?
              A command that prints it, e.g. \(example)
              or press Enter to type the password once; it is kept in the config file (mode 0600).

            """)
        guard let command = prompt.line("password_command: ")?.trimmingWhitespace else {
            throw CommandFailure(message: "setup cancelled; no config was written", code: 2)
        }
        if !command.isEmpty { settings.passwordCommand = command; return }
        guard let password = prompt.secret("Password (not shown): ") else {
            throw CommandFailure(message: "setup cancelled; no config was written", code: 2)
        }
        settings.password = password
    }

    /// Whether a program of that name is on the PATH.
    static func installed(_ program: String) -> Bool {
        let path = ProcessEnvironment.current["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
    }

    static func firstLine(of path: String) throws(CommandFailure) -> String {
        let file: OutsideFile
        do { file = try OutsideFile.read(path, limit: 64 * 1024, owners: .user, followSymbolicLinks: true) } catch {
            throw CommandFailure(message: "cannot read \(path): \(error)", code: 2)
        }
        let first = String(file.text.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: \.isNewline).first ?? "")
        guard !first.isEmpty else { throw CommandFailure(message: "\(path) holds no password on its first line", code: 2) }
        return first
    }
}
