import CalDAVClient
import FreeBusy
#if canImport(Glibc)
import Glibc
#endif
import TextUtilities
import HTTPClient
import LocalTime
import Scheduling

/// The account settings, from `$XDG_CONFIG_HOME/avail/config` (default
/// `~/.config/avail/config`) and the environment, which wins.
///
/// The file is `key = value` lines; a `#` at the start of a line or after
/// whitespace starts a comment; a quoted value keeps its `#`.
/// Keys: url, user, password, password_command, password_command_timeout,
/// organizer, auth (basic|digest), insecure (true|false), connect_timeout,
/// timeout (seconds), theme, and the others in `knownKeys`.
public struct Configuration: Equatable, Sendable {
    public var url: String?
    public var user: String?
    public var password: String?
    public var passwordCommand: String?
    /// Seconds password_command may take before avail gives up and kills it.
    public var passwordCommandTimeout: Double = 60
    public var organizer: String?
    public var auth: String?
    public var insecure: Bool = false
    public var connectTimeout: Double = 10
    public var timeout: Double = 30
    /// The planner's theme (`--theme` wins).
    public var theme: String?
    /// How the planner's `y` reaches the clipboard: osc52, tmux-passthrough or off (AVAIL_CLIPBOARD wins).
    public var clipboard: String?
    /// Seconds a cached answer is used without asking the server (`--max-age` wins).
    public var cacheTTL: Double = 300
    /// `attendee_tz = bob@example.com=America/New_York` lines: whose working day is
    /// in which zone, for `avail slots` (`--attendee-tz` adds to and wins over them).
    public var attendeeZones: [String] = []
    /// A PEM file of CA certificates to trust besides the system's (a private CA).
    public var caFile: String?
    /// Published free/busy: a URL template (`fburl`) and per-attendee URLs (`fburl_for`).
    public var fburl: String?
    public var fburlFor: [String: String] = [:]
    /// `group = team: alice@example.com, bob@example.com`: a name that stands for its members.
    public var groups: [String: [String]] = [:]
    /// `originator_headers = yes|no`: send the draft-era Originator/Recipient
    /// headers on the free/busy POST (default: when the server's DAV: header asks).
    public var originatorHeaders: Bool?
    /// `room = Room 1 <room1@example.com> capacity 8` lines and `rooms = floor2:
    /// room1@example.com, room2@example.com` groups (members by address or room name).
    public var rooms = RoomCatalog()
    /// `domains = example.com, example.org`: attendees at these domains are asked on this account only.
    public var domains: [String] = []
    /// The `[account NAME]` sections, in the file's order (see Configuration+Accounts).
    public var accounts: [NamedAccount] = []
    /// The name of the account these settings are (set by `selecting`); nil with a single account.
    public var accountName: String?

    public init() {}

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var message: String
        public var description: String { "\(path):\(line): \(message)" }
    }

    public static let knownKeys = ["url", "user", "password", "password_command", "password_command_timeout", "organizer", "auth",
                                   "insecure", "connect_timeout", "timeout", "theme", "cache_ttl", "attendee_tz", "ca_file", "fburl", "fburl_for", "group", "originator_headers",
                                   "room", "rooms", "domains", "clipboard"]

    /// Parses the file's text. Unknown keys and malformed lines are errors that
    /// name the line: a typo must not silently fall back to a default.
    public static func parse(_ text: String, path: String = "config") throws(ParseError) -> Configuration {
        var c = Configuration()
        // The `[account NAME]` section the lines belong to (nil: above the first).
        var section: Int? = nil
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingWhitespace
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                if let s = section { try c.accounts[s].checkComplete(path: path) }
                c.accounts.append(try NamedAccount.header(line, lineNumber: i + 1, path: path, above: c))
                section = c.accounts.count - 1
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw ParseError(path: path, line: i + 1, message: "expected `key = value`")
            }
            let key = line[..<eq].trimmingWhitespace.lowercased()
            let value: String
            do { value = try settingValue(line[line.index(after: eq)...]) } catch {
                throw ParseError(path: path, line: i + 1, message: "\(key): \(error.message)")
            }
            func number() throws(ParseError) -> Double {
                // At least a second: curl takes milliseconds, and 0 would mean no limit at all.
                guard let n = Double(value), n >= 1, n <= 3600 else {
                    throw ParseError(path: path, line: i + 1, message: "\(key) must be a number of seconds (1-3600)")
                }
                return n
            }
            if section != nil, !Self.accountKeys.contains(key), Self.knownKeys.contains(key) {
                throw ParseError(path: path, line: i + 1,
                                 message: "\(key) is for all accounts: put it above the first [account] section")
            }
            var t = section.map { c.accounts[$0].settings } ?? c
            defer { if let s = section { c.accounts[s].settings = t } else { c = t } }
            switch key {
            case "url":
                // Checked here, where the line is known: a URL curl cannot use
                // would otherwise surface later as a network failure.
                guard HTTPURL(string: value) != nil else {
                    throw ParseError(path: path, line: i + 1, message: "url must be an http:// or https:// URL without spaces, e.g. https://cal.example.com/")
                }
                t.url = value
            case "user": t.user = value
            case "password": t.password = value
            case "password_command": t.passwordCommand = value
            case "password_command_timeout": t.passwordCommandTimeout = try number()
            case "organizer": t.organizer = value
            case "auth":
                guard ["basic", "digest"].contains(value.lowercased()) else {
                    throw ParseError(path: path, line: i + 1, message: "auth must be basic or digest")
                }
                t.auth = value.lowercased()
            case "insecure":
                guard let b = ["true": true, "yes": true, "1": true, "false": false, "no": false, "0": false][value.lowercased()] else {
                    throw ParseError(path: path, line: i + 1, message: "insecure must be true or false")
                }
                t.insecure = b
            case "connect_timeout": t.connectTimeout = try number()
            case "timeout": t.timeout = try number()
            case "ca_file": t.caFile = value
            case "originator_headers":
                guard let b = ["true": true, "yes": true, "false": false, "no": false, "auto": nil as Bool?][value.lowercased()] else {
                    throw ParseError(path: path, line: i + 1, message: "originator_headers must be yes, no or auto")
                }
                t.originatorHeaders = b
            case "group":
                guard let colon = value.firstIndex(of: ":") else {
                    throw ParseError(path: path, line: i + 1, message: "group must be `NAME: address, address…`")
                }
                let name = value[value.startIndex..<colon].trimmingWhitespace
                let members = value[value.index(after: colon)...].split(separator: ",").map { $0.trimmingWhitespace }
                guard !name.isEmpty, !name.contains("@"), !members.isEmpty, members.allSatisfy({ (try? CalendarUserAddress($0)) != nil }) else {
                    throw ParseError(path: path, line: i + 1, message: "group must be `NAME: address, address…` with valid addresses")
                }
                t.groups[name.lowercased()] = members
            case "room":
                switch Room.parse(value) {
                case let .success(room):
                    guard !t.rooms.rooms.contains(where: { $0.address.matchKey == room.address.matchKey }) else {
                        throw ParseError(path: path, line: i + 1, message: "room \(room.address.displayString) is already named above")
                    }
                    t.rooms.rooms.append(room)
                case let .failure(problem): throw ParseError(path: path, line: i + 1, message: "room: \(problem.message)")
                }
            case "rooms":
                // Members may name a room of a `room` line further down, so they are kept as written
                // and resolved when used; what cannot be a room at all is refused here.
                guard let colon = value.firstIndex(of: ":") else {
                    throw ParseError(path: path, line: i + 1, message: "rooms must be `GROUP: room, room…`, e.g. rooms = floor2: room1@example.com, room2@example.com")
                }
                let name = value[value.startIndex..<colon].trimmingWhitespace
                let members = value[value.index(after: colon)...].split(separator: ",").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
                guard !name.isEmpty, !name.contains("@"), !name.contains(" ") else {
                    throw ParseError(path: path, line: i + 1, message: "rooms needs a group name without spaces or @ before the colon")
                }
                guard !members.isEmpty else { throw ParseError(path: path, line: i + 1, message: "rooms group \(name) lists no rooms") }
                t.rooms.groups[name.lowercased()] = members
            case "fburl":
                guard HTTPURL(string: value) != nil else {
                    throw ParseError(path: path, line: i + 1, message: "fburl must be an http(s) URL template, e.g. https://host/freebusy/{email}.ifb")
                }
                t.fburl = value
            case "fburl_for":
                let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2, let who = try? CalendarUserAddress(parts[0]),
                      HTTPURL(string: parts[1]) != nil else {
                    throw ParseError(path: path, line: i + 1, message: "fburl_for must be `ADDRESS URL`")
                }
                t.fburlFor[who.matchKey] = parts[1].trimmingWhitespace
            case "attendee_tz":
                guard value.contains("="), value.first != "=", value.last != "=" else {
                    throw ParseError(path: path, line: i + 1, message: "attendee_tz must be ADDRESS=ZONE, e.g. bob@example.com=America/New_York")
                }
                t.attendeeZones.append(value)
            case "cache_ttl":
                // The same words as --max-age (300, 5m, 1h30m); a bare number is seconds.
                guard case let .success(n) = DurationText.read(value, bareUnit: 1, range: 0...(30 * 86_400)) else {
                    throw ParseError(path: path, line: i + 1, message: "cache_ttl must be an age such as 300 (seconds), 5m or 1h30m, at most 30d")
                }
                t.cacheTTL = Double(n)
            case "theme":
                guard !value.isEmpty, !value.contains("/") else {
                    throw ParseError(path: path, line: i + 1, message: "theme must be a theme name such as default, mono or light")
                }
                t.theme = value
            case "domains":
                let domains = value.split(separator: ",").map { $0.trimmingWhitespace.lowercased() }
                guard !domains.isEmpty, domains.allSatisfy({ !$0.isEmpty && !$0.contains("@") && !$0.contains(" ") && $0.contains(".") }) else {
                    throw ParseError(path: path, line: i + 1, message: "domains must be mail domains separated by commas, e.g. domains = example.com, example.org")
                }
                t.domains = domains
            case "clipboard":
                guard ["osc52", "tmux-passthrough", "off"].contains(value.lowercased()) else {
                    throw ParseError(path: path, line: i + 1, message: "clipboard must be osc52, tmux-passthrough or off")
                }
                t.clipboard = value.lowercased()
            default:
                throw ParseError(path: path, line: i + 1,
                                 message: "unknown key `\(key)` (known: \(knownKeys.joined(separator: ", ")))")
            }
        }
        if let s = section { try c.accounts[s].checkComplete(path: path) }
        return c
    }

    struct ValueError: Error { var message: String }

    /// The value after `=`: `"…"` or `'…'` keeps everything inside, `#` included;
    /// otherwise a `#` that follows whitespace starts a comment (as in the README's
    /// examples), while one inside a word (a URL's fragment, a password) stays.
    static func settingValue(_ text: Substring) throws(ValueError) -> String {
        let rest = text.trimmingWhitespace
        if let quote = rest.first, quote == "\"" || quote == "'" {
            let inner = rest.dropFirst()
            guard let close = inner.firstIndex(of: quote) else {
                throw ValueError(message: "the value starts with \(quote) but has no closing \(quote)")
            }
            let after = inner[inner.index(after: close)...].trimmingWhitespace
            guard after.isEmpty || after.hasPrefix("#") else {
                throw ValueError(message: "text after the closing \(quote); put a comment after ` #`")
            }
            return String(inner[inner.startIndex..<close])
        }
        var previous: Character = " "
        for index in rest.indices {
            let c = rest[index]
            if c == "#", previous.isWhitespace { return rest[rest.startIndex..<index].trimmingWhitespace }
            previous = c
        }
        return rest
    }

    public static func defaultPath(environment: [String: String]) -> String {
        if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/avail/config" }
        return (environment["HOME"] ?? homeDirectory()) + "/.config/avail/config"
    }

    /// Reads the file (absent is fine) and applies `AVAIL_URL`, `AVAIL_USER`,
    /// `AVAIL_PASSWORD` on top. A variable that is set but empty counts as unset,
    /// for all three alike: `export AVAIL_PASSWORD=` left in a shell must not
    /// override a working password_command with an empty password.
    public static func load(path: String?, environment: [String: String]) throws(CalDAVError) -> Configuration {
        let file = path ?? defaultPath(environment: environment)
        var c = Configuration()
        // OutsideFile: fstat on the opened file, so the mode checked is the mode of
        // what was read (and a FIFO in its place cannot hang the start). Links are
        // followed (dotfile managers link the config); the file itself must be the
        // user's or root's: a config decides where the password goes and what
        // password_command runs.
        var read: OutsideFile? = nil
        do throws(OutsideFile.Refusal) {
            read = try OutsideFile.read(file, limit: 1024 * 1024, owners: .userOrRoot, followSymbolicLinks: true)
        } catch .absent {
            if path != nil { throw .invalidConfiguration("config file \(file) does not exist") }
        } catch {
            throw .invalidConfiguration("cannot read config \(file): \(error)")
        }
        if let read {
            do { c = try parse(read.text, path: file) } catch {
                throw .invalidConfiguration(error.description)
            }
            // A password in a file others can read is refused, not warned about:
            // a warning scrolls away, the password stays exposed.
            if c.password != nil || c.accounts.contains(where: { $0.settings.password != nil }), read.permissions & 0o077 != 0 {
                throw .invalidConfiguration("\(file) holds a password and can be read by others (mode \(String(read.permissions & 0o777, radix: 8))): run `chmod 600 \(file)`, or use password_command")
            }
        }
        if let v = environment["AVAIL_URL"], !v.isEmpty { c.url = v }
        if let v = environment["AVAIL_USER"], !v.isEmpty { c.user = v }
        if let v = environment["AVAIL_PASSWORD"], !v.isEmpty { c.password = v; c.passwordCommand = nil }
        return c
    }

    /// Attendee arguments with group names replaced by their members, in order,
    /// each person once.
    public func expandingGroups(_ arguments: [String]) -> [String] {
        var out: [String] = []
        for a in arguments {
            for m in groups[a.lowercased()] ?? [a] where !out.contains(where: { $0.lowercased() == m.lowercased() }) { out.append(m) }
        }
        return out
    }

    /// The account these settings describe; a `password_command` is run on its
    /// first request, not here (`notice` gets the line to show when it keeps
    /// avail waiting; standard error when nil).
    public func account(insecureFlag: Bool, userAgent: String,
                        notice: (@Sendable (String) -> Void)? = nil) throws(CalDAVError) -> Account {
        guard let urlText = url, !urlText.isEmpty else {
            throw .invalidConfiguration("no account configured: run `avail setup`, or set AVAIL_URL (and AVAIL_USER, AVAIL_PASSWORD) or write \(Configuration.defaultPath(environment: ProcessEnvironment.current))")
        }
        guard let parsed = HTTPURL(string: urlText) else {
            throw .invalidConfiguration("the server URL \(censorCredentials(in: urlText).debugDescription) is not an http:// or https:// URL (without spaces: write them %20)")
        }
        var serverURL = parsed
        var userName = user
        var secret = password
        // user:password@ in the URL is accepted, then kept out of every message.
        if let info = parsed.userinfo {
            serverURL.userinfo = nil
            let parts = info.split(separator: ":", maxSplits: 1)
            if userName == nil, let u = parts.first { userName = String(u).percentDecoded ?? String(u) }
            if secret == nil, parts.count > 1 { secret = String(parts[1]).percentDecoded ?? String(parts[1]) }
        }
        var source: PasswordSource? = nil
        if secret == nil, let command = passwordCommand, userName != nil {
            let timeout = passwordCommandTimeout
            let say: @Sendable (String) -> Void = notice ?? { writeStandardError("avail: \($0)\n") }
            source = PasswordSource { () throws(CalDAVError) -> String in
                try Self.runPasswordCommand(command, timeout: timeout, notice: say)
            }
        }
        var credentials: Credentials? = nil
        if let u = userName {
            credentials = Credentials(user: u, password: secret ?? "", scheme: auth == "digest" ? .digest : .basic)
        }
        var organizerAddress: CalendarUserAddress? = nil
        if let o = organizer {
            do { organizerAddress = try CalendarUserAddress(o) } catch {
                throw .invalidConfiguration("organizer: \(error)")
            }
        }
        if let caFile { try Self.checkReadable(caFile: caFile) }
        let options = TransferOptions(connectTimeoutSeconds: connectTimeout, totalTimeoutSeconds: timeout,
                                      insecure: insecure || insecureFlag, userAgent: userAgent, caFile: caFile)
        return Account(serverURL: serverURL, credentials: credentials, passwordSource: source, organizer: organizerAddress, options: options)
    }

    /// A CA file libcurl cannot read surfaces only when a TLS connection is made,
    /// as a TLS failure; checked here it is what it is, a setting to fix (exit 2).
    /// Opened without blocking: a FIFO in its place must not hang avail.
    static func checkReadable(caFile path: String) throws(CalDAVError) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw .invalidConfiguration("ca_file \(path) cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw .invalidConfiguration("ca_file \(path) is not a regular file")
        }
    }

    /// Runs the command with `/bin/sh -c` and takes the first line of its output.
    /// After `noticeAfter` seconds `notice` says what avail is waiting for (the
    /// planner has not taken the screen yet: the account is made before the
    /// terminal is opened); after `timeout` seconds the command is killed.
    static func runPasswordCommand(_ command: String, timeout: Double = 60, noticeAfter: Double = 2,
                                   notice: (String) -> Void = { _ in }) throws(CalDAVError) -> String {
        let limit = Self.seconds(timeout)
        let outcome = runShell(command, timeout: timeout, noticeAfter: noticeAfter) {
            notice("waiting for password_command to print the password (giving up after \(limit) s; password_command_timeout in the config)")
        }
        switch outcome {
        case nil:
            throw .invalidConfiguration("password_command could not be started: \(String(cString: strerror(errno)))")
        case .timedOut:
            throw .invalidConfiguration("password_command did not finish within \(limit) s and was stopped (raise password_command_timeout if it needs longer)")
        case let .finished(status, _) where status != 0:
            throw .invalidConfiguration("password_command failed with exit status \(status)")
        case let .finished(_, data):
            let text = String(decoding: data, as: UTF8.self)
            let first = String(text.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).first ?? "")
            // An empty password would only come back as "authentication failed",
            // which hides that the command printed nothing.
            guard !first.isEmpty else {
                throw .invalidConfiguration("password_command printed no password (its first line of output is empty)")
            }
            return first
        }
    }

    private static func seconds(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(s)
    }
}
