import CalDAVClient
import FreeBusyCache
#if canImport(Glibc)
import Glibc
#endif
import LocalTime
import Planner
import Scheduling

/// What the shell completes the word under the cursor with: the answer of the
/// hidden `avail __complete SHELL WORD...` that the scripts of
/// `avail completions` call on every Tab.
///
/// It runs on every key press, so it reads only local files (the config, the
/// cache's `recent-attendees`, the themes directory, zoneinfo): no network, no
/// password_command, and libcurl is never loaded (HTTPClient opens it on the
/// first request only).
enum ShellCompletion {
    /// The answer: words to offer, or "let the shell complete a file name".
    enum Answer: Equatable {
        case words([Candidate])
        case files
    }

    /// A word, and what zsh and fish show beside it (bash shows none).
    struct Candidate: Equatable {
        var word: String
        var help: String = ""

        /// One short line: the first sentence, no tabs or line ends.
        static func summary(_ text: String) -> String {
            var line = String(text.map { $0 == "\t" || $0 == "\n" ? " " : $0 })
            if let end = line.firstRange(of: ". ") { line = String(line[..<end.lowerBound]) }
            if line.hasSuffix(".") { line.removeLast() }
            return line.count > 70 ? String(line.prefix(69)) + "…" : line
        }
    }

    /// Where the completion's outside knowledge comes from (a test points it at
    /// temporary files).
    struct Sources {
        var environment: [String: String]
        var zoneinfo: String = ZoneRules.defaultZoneinfoDirectory
        /// The config named with `--config` on the line being completed.
        var configPath: String? = nil
    }

    /// `arguments`: the shell's name, then the words after `avail` up to and
    /// including the one under the cursor (empty when the cursor follows a space).
    /// Prints one candidate a line, or `:files`.
    static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        guard let shell = arguments.first else { return 2 }
        var words = Array(arguments.dropFirst())
        if words.isEmpty { words = [""] }
        if shell == "bash" { words = rejoinedBashWords(words) }
        let answer = complete(words, sources: Sources(environment: environment))
        var out: String
        switch answer {
        case .files:
            out = ":files\n"
        case let .words(list):
            // bash replaces only the part of the word after its last `=` or `:`
            // (COMP_WORDBREAKS), so it is given the candidates from there on.
            let current = words.last ?? ""
            let cut = shell == "bash" ? current.lastIndex(where: { $0 == "=" || $0 == ":" }) : nil
            out = list.map { c in
                switch shell {
                case "bash":
                    guard let cut else { return c.word + "\n" }
                    return String(c.word.dropFirst(current.distance(from: current.startIndex, to: current.index(after: cut)))) + "\n"
                case "zsh":
                    // _describe's `word:help`, a colon in the word escaped.
                    let word = c.word.split(separator: ":", omittingEmptySubsequences: false).joined(separator: "\\:")
                    return word + (c.help.isEmpty ? "" : ":" + c.help) + "\n"
                default:
                    // fish: `word<TAB>help`.
                    return c.word + (c.help.isEmpty ? "" : "\t" + c.help) + "\n"
                }
            }.joined()
        }
        return (try? write(out)) == nil ? CommandFailure.outputFailed : 0
    }

    /// bash splits `--format=js` and `mailto:bo` at `=` and `:` into words of
    /// their own; this puts them back together.
    static func rejoinedBashWords(_ words: [String]) -> [String] {
        var out: [String] = []
        var glueNext = false
        for w in words {
            if w == "=" || w == ":", let last = out.popLast() {
                out.append(last + w)
                glueNext = true
            } else if glueNext, let last = out.popLast() {
                out.append(last + w)
                glueNext = false
            } else {
                out.append(w)
            }
        }
        return out
    }

    /// The candidates for the last of `words` (the words after `avail`).
    static func complete(_ words: [String], sources: Sources) -> Answer {
        let current = words.last ?? ""
        let before = Array(words.dropLast())
        let matched = AvailMain.command(named: before)
        let spec = matched?.type.spec ?? Plan.spec
        let rest = matched?.rest ?? before
        let options = Dictionary(spec.options.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

        // Read what is already there: options given, positionals, whether the
        // word under the cursor is an option's value.
        var given: Set<String> = []
        var positionals = 0
        var onlyPositionals = false
        var pendingValue: OptionSpec? = nil
        var configPath: String? = nil
        for w in rest {
            if let option = pendingValue {
                if option.name == "config" { configPath = w }
                pendingValue = nil
                continue
            }
            if onlyPositionals || !w.hasPrefix("-") || w == "-" { positionals += 1; continue }
            if w == "--" { onlyPositionals = true; continue }
            let name = String(w.dropFirst(2).prefix { $0 != "=" })
            given.insert(name)
            if let o = options[name], o.value != nil, !w.contains("=") { pendingValue = o }
            if name == "config", let eq = w.firstIndex(of: "=") { configPath = String(w[w.index(after: eq)...]) }
        }
        var sources = sources
        if let configPath { sources.configPath = configPath }

        if let option = pendingValue {
            return values(option.valueSet, prefix: current, sources: sources)
        }
        if !onlyPositionals, current.hasPrefix("--"), let eq = current.firstIndex(of: "=") {
            let name = String(current[current.index(current.startIndex, offsetBy: 2)..<eq])
            guard let option = options[name], option.value != nil else { return .words([]) }
            let head = String(current[...eq])
            switch values(option.valueSet, prefix: String(current[current.index(after: eq)...]), sources: sources) {
            case .files: return .files
            case let .words(list): return .words(list.map { Candidate(word: head + $0.word, help: $0.help) })
            }
        }
        if !onlyPositionals, current.hasPrefix("-") {
            let options = spec.options.filter { $0.repeatable || !given.contains($0.name) }
                .map { Candidate(word: "--" + $0.name, help: Candidate.summary($0.help)) }
                + [Candidate(word: "--help", help: "Show help information")]
            return .words(options.filter { $0.word.hasPrefix(current) })
        }
        var list: [Candidate] = []
        if positionals == 0 {
            // The subcommands that follow the words typed so far: all of them
            // after `avail`, `clear` after `avail cache`.
            let typed = before.count - rest.count
            let prefixWords = Array(before.prefix(typed))
            var next: [Candidate] = []
            for c in AvailMain.commands {
                let w = c.spec.name.split(separator: " ").map(String.init)
                if w.count == typed + 1, Array(w.prefix(typed)) == prefixWords, !next.contains(where: { $0.word == w[typed] }) {
                    next.append(Candidate(word: w[typed], help: Candidate.summary(c.spec.abstract)))
                }
            }
            if typed == 0 { next.append(Candidate(word: "help", help: "Show a command's help")) }
            list += next.filter { $0.word.hasPrefix(current) }
        }
        if spec.positional != nil, positionals < spec.maxPositionals,
           case let .words(more) = values(spec.positionalValues, prefix: current, sources: sources) {
            list += more
        }
        return .words(list)
    }

    /// The words of `set` that start with `prefix`.
    static func values(_ set: ValueSet, prefix: String, sources: Sources) -> Answer {
        let all: [Candidate]
        switch set {
        case .none: all = []
        case let .words(w): all = w.map { Candidate(word: $0) }
        case .files: return .files
        case .themes: all = themeNames(environment: sources.environment).map { Candidate(word: $0) }
        case .zones: all = zoneNames(under: sources.zoneinfo, prefix: prefix).map { Candidate(word: $0) }
        case .attendees: all = attendees(configPath: sources.configPath, environment: sources.environment)
        // Reading the config runs no password_command.
        case .accounts: all = ((try? Configuration.load(path: sources.configPath, environment: sources.environment))?.accountNames ?? [])
            .map { Candidate(word: $0) }
        case .rooms: all = rooms(configPath: sources.configPath, environment: sources.environment)
        case .roomGroups: all = roomGroups(configPath: sources.configPath, environment: sources.environment)
        }
        var seen: Set<String> = []
        // A word is one line of the answer: a name with a control character in
        // it (a file name can hold a line end) is left out, not split.
        return .words(all.filter { c in
            c.word.hasPrefix(prefix) && !c.word.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
                && seen.insert(c.word.lowercased()).inserted
        })
    }

    /// The config's group names, then the attendees used before, most recent
    /// first. Reading the config runs no password_command; a config or cache
    /// avail would refuse gives nothing, silently (stderr is the shell's).
    static func attendees(configPath: String?, environment env: [String: String]) -> [Candidate] {
        guard let settings = try? Configuration.load(path: configPath, environment: env) else { return [] }
        let out = settings.groups.sorted { $0.key < $1.key }.map { Candidate(word: $0.key, help: Candidate.summary("group: " + $0.value.joined(separator: ", "))) }
        return out + recentAttendees(settings, environment: env)
    }

    /// The attendees (and rooms) the account's cache remembers, most recent first.
    static func recentAttendees(_ settings: Configuration, environment env: [String: String]) -> [Candidate] {
        var out: [Candidate] = []
        // The account as a command would make it (the user may be in the URL;
        // its password_command runs only on a request, so not here).
        if let account = try? settings.account(insecureFlag: false, userAgent: ""),
           let cache = CacheAccess.cache(account: FreeBusyService.accountName(account), environment: env, quiet: true) {
            out += cache.recentAttendees().map { Candidate(word: $0, help: "asked about before") }
        }
        return out
    }

    /// The built-in themes, then the user's theme files.
    static func themeNames(environment env: [String: String]) -> [String] {
        var names = Theme.builtIn.keys.sorted()
        let base: String
        if let x = env["XDG_CONFIG_HOME"], !x.isEmpty { base = x } else { base = (env["HOME"] ?? "") + "/.config" }
        names += entries(of: base + "/avail/themes").filter { !$0.name.hasPrefix(".") && !$0.isDirectory }.map(\.name).sorted()
        return names
    }

    /// Zone names below `root` that continue `prefix`: the directory the
    /// prefix is in is listed (one level, as a shell lists paths), with a `/`
    /// after an area such as `America/`. Only names that start with a capital
    /// letter are zones (zone.tab, tzdata.zi, posixrules and the `posix/` and
    /// `right/` trees are not).
    static func zoneNames(under root: String, prefix: String) -> [String] {
        var folder = ""
        if let slash = prefix.lastIndex(of: "/") { folder = String(prefix[...slash]) }
        guard !folder.contains(".."), !folder.hasPrefix("/") else { return [] }
        return entries(of: root + "/" + folder).compactMap { e in
            guard let first = e.name.unicodeScalars.first, ("A"..."Z").contains(first) else { return nil }
            return folder + e.name + (e.isDirectory ? "/" : "")
        }.sorted()
    }

    private static func entries(of directory: String) -> [(name: String, isDirectory: Bool)] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var out: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                var st = stat()
                isDirectory = stat(directory + "/" + name, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
            }
            out.append((name, isDirectory))
        }
        return out
    }
}
