import CalDAVClient
import TextUtilities

/// Several accounts in one config: `[account NAME]` sections after the
/// settings for all of them.
///
///     theme = light            # for all accounts
///     url = https://cal.work.example/     # the account named `default`
///     user = alice
///
///     [account home]
///     url = https://dav.home.example/
///     user = alice
///     password_command = pass show dav/home
///     domains = family.example
///
/// The lines above the first section keep meaning what they mean in a config
/// without sections; with a `url` they are the account named `default`. A
/// section starts from the connection settings above it (timeouts, auth,
/// insecure, ca_file, originator_headers) but never from the url, user,
/// password, organizer, published free/busy or domains: another server must
/// not be sent this one's password.
extension Configuration {
    /// One `[account NAME]` section.
    public struct NamedAccount: Equatable, Sendable {
        public var name: String
        /// The line of the `[account NAME]` header, for messages about the section.
        public var line: Int
        /// The whole settings of this account (the shared ones included).
        public var settings: Configuration

        /// Reads a `[account NAME]` header; the section starts from `above`'s shared settings.
        static func header(_ line: String, lineNumber: Int, path: String, above: Configuration) throws(ParseError) -> NamedAccount {
            let words = line.dropFirst().split(separator: "]", maxSplits: 1, omittingEmptySubsequences: false)
            let parts = words.first.map { $0.split(separator: " ", omittingEmptySubsequences: true) } ?? []
            guard words.count == 2, words[1].trimmingWhitespace.isEmpty || words[1].trimmingWhitespace.hasPrefix("#"),
                  parts.count == 2, parts[0] == "account" else {
                throw ParseError(path: path, line: lineNumber, message: "a section is `[account NAME]`, e.g. [account home]")
            }
            let name = String(parts[1])
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) else {
                throw ParseError(path: path, line: lineNumber, message: "account name \(name.debugDescription) may hold only letters, digits, - _ and .")
            }
            guard name != Configuration.defaultAccountName else {
                throw ParseError(path: path, line: lineNumber, message: "the name `default` is the account above the first section; give this one another name")
            }
            guard !above.accounts.contains(where: { $0.name == name }) else {
                throw ParseError(path: path, line: lineNumber, message: "account \(name) is already defined above")
            }
            var settings = above
            settings.accounts = []
            for key in Configuration.identityKeys { settings.clear(key) }
            settings.accountName = name
            return NamedAccount(name: name, line: lineNumber, settings: settings)
        }

        func checkComplete(path: String) throws(ParseError) {
            guard settings.url != nil else {
                throw ParseError(path: path, line: line, message: "[account \(name)] has no url")
            }
        }
    }

    /// The name of the account described above the first section.
    public static let defaultAccountName = "default"

    /// The keys an `[account]` section may set.
    static let accountKeys: Set<String> = ["url", "user", "password", "password_command", "password_command_timeout", "organizer", "auth",
                                           "insecure", "connect_timeout", "timeout", "ca_file", "fburl", "fburl_for",
                                           "originator_headers", "domains"]

    /// What says who the user is on a server: never carried into another account.
    static let identityKeys = ["url", "user", "password", "password_command", "organizer", "fburl", "fburl_for", "domains"]

    mutating func clear(_ key: String) {
        switch key {
        case "url": url = nil
        case "user": user = nil
        case "password": password = nil
        case "password_command": passwordCommand = nil
        case "organizer": organizer = nil
        case "fburl": fburl = nil
        case "fburl_for": fburlFor = [:]
        case "domains": domains = []
        default: break
        }
    }

    /// The accounts, in config order: `default` first when the lines above the
    /// sections name a server, then each section.
    public var accountNames: [String] {
        (url != nil && !(url ?? "").isEmpty ? [Self.defaultAccountName] : []) + accounts.map(\.name)
    }

    /// Whether commands that ask about people route them over several accounts.
    public var hasSeveralAccounts: Bool { accountNames.count > 1 }

    /// The settings of one account (`--account`, else AVAIL_ACCOUNT, else the
    /// first). With no sections this is the configuration as it is.
    public func selecting(_ name: String?) throws(CalDAVError) -> Configuration {
        guard !accounts.isEmpty else {
            if let name, name != Self.defaultAccountName {
                throw .invalidConfiguration("no account \(name.debugDescription) in the config: it has no [account] sections")
            }
            return self
        }
        let wanted = name ?? accountNames.first ?? Self.defaultAccountName
        if wanted == Self.defaultAccountName, url != nil {
            var c = self
            c.accounts = []
            c.accountName = Self.defaultAccountName
            return c
        }
        guard let found = accounts.first(where: { $0.name == wanted }) else {
            throw .invalidConfiguration("no account \(wanted.debugDescription) in the config (accounts: \(accountNames.joined(separator: ", ")))")
        }
        return found.settings
    }
}
