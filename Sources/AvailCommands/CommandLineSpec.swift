import TextUtilities

/// avail's own command-line parsing: each command lists its options as data;
/// one parser reads them and one writer turns them into `--help`. (It replaced
/// swift-argument-parser, whose reflection cost every run about 19 million
/// instructions, a third of a whole `avail query`: see Tests/Bench/RESULTS.md.)
struct OptionSpec: Sendable {
    /// Without the dashes: "from", "dry-run".
    var name: String
    /// The value's name in help ("date"); nil for a flag.
    var value: String?
    var help: String
    /// May be given more than once (all values are kept).
    var repeatable = false

    static func option(_ name: String, _ value: String, _ help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, value: value, help: help, repeatable: repeatable)
    }

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, value: nil, help: help)
    }
}

struct CommandSpec: Sendable {
    /// "query", or "cache clear" for a subcommand.
    var name: String
    var abstract: String
    var discussion: String = ""
    var options: [OptionSpec] = []
    /// The positional arguments' name in help ("attendee"), nil when none are taken.
    var positional: String? = nil
    var positionalHelp: String = ""
    /// At most this many positional arguments.
    var maxPositionals: Int = .max
}

/// What the command line said, by option name.
struct ParsedArguments: Sendable {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    func int(_ name: String) throws(CommandFailure) -> Int? {
        guard let text = value(name) else { return nil }
        guard let n = Int(text) else { throw CommandFailure(usage: "--\(name) \(text.debugDescription) is not a whole number") }
        return n
    }

    func double(_ name: String) throws(CommandFailure) -> Double? {
        guard let text = value(name) else { return nil }
        guard let n = Double(text), n.isFinite else { throw CommandFailure(usage: "--\(name) \(text.debugDescription) is not a number") }
        return n
    }

    /// One of an enum's raw values.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, default fallback: T) throws(CommandFailure) -> T where T.RawValue == String {
        guard let text = value(name) else { return fallback }
        guard let v = T(rawValue: text) else {
            throw CommandFailure(usage: "--\(name) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not \(text.debugDescription)")
        }
        return v
    }
}

enum CommandLineParser {
    /// Reads `arguments` against `spec`. `--name value`, `--name=value`, flags,
    /// positionals anywhere, and `--` before positionals that start with a dash.
    /// `-h`/`--help` anywhere asks for help (returned as nil).
    static func parse(_ arguments: [String], spec: CommandSpec) throws(CommandFailure) -> ParsedArguments? {
        var parsed = ParsedArguments()
        var i = 0
        var onlyPositionals = false
        let byName = Dictionary(spec.options.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
                parsed.positionals.append(arg)
                continue
            }
            if arg == "--" { onlyPositionals = true; continue }
            if arg == "-h" || arg == "--help" { return nil }
            guard arg.hasPrefix("--") else {
                throw CommandFailure(usage: "unknown option \(arg.debugDescription)\(suggestion(for: arg, in: spec))")
            }
            var name = String(arg.dropFirst(2))
            var inline: String? = nil
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let option = byName[name] else {
                throw CommandFailure(usage: "unknown option --\(name)\(suggestion(for: name, in: spec))")
            }
            if option.value == nil {
                guard inline == nil else { throw CommandFailure(usage: "--\(name) is a flag and takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard i < arguments.count else { throw CommandFailure(usage: "--\(name) needs a value (<\(option.value ?? "value")>)") }
                value = arguments[i]
                i += 1
            }
            if !option.repeatable, parsed.values[name] != nil {
                throw CommandFailure(usage: "--\(name) is given twice")
            }
            parsed.values[name, default: []].append(value)
        }
        if spec.positional == nil, let first = parsed.positionals.first {
            throw CommandFailure(usage: "unexpected argument \(first.debugDescription)")
        }
        if parsed.positionals.count > spec.maxPositionals {
            throw CommandFailure(usage: "unexpected argument \(parsed.positionals[spec.maxPositionals].debugDescription)")
        }
        return parsed
    }

    /// "; did you mean --refresh?" for a near miss, else nothing: the pointer
    /// to `--help` is added to every usage error where it is printed
    /// (CommandFailure.line), not here.
    static func suggestion(for typed: String, in spec: CommandSpec) -> String {
        let word = typed.drop { $0 == "-" }
        guard !word.isEmpty else { return "" }
        let best = spec.options.map { ($0.name, editDistance(String(word), $0.name)) }.min { $0.1 < $1.1 }
        guard let (name, d) = best, d <= max(2, name.count / 3) else { return "" }
        return "; did you mean --\(name)?"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var row = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = old
            }
        }
        return x.isEmpty ? y.count : row[y.count]
    }

    /// The `--help` text: overview, discussion, usage, options.
    static func help(_ spec: CommandSpec, width: Int = 80) -> String {
        var out = "OVERVIEW: \(spec.abstract)\n"
        if !spec.discussion.isEmpty { out += "\n" + spec.discussion + "\n" }
        var usage = "avail \(spec.name)"
        if !spec.options.isEmpty { usage += " [<options>]" }
        if let p = spec.positional { usage += spec.maxPositionals == 1 ? " <\(p)>" : " <\(p)> ..." }
        out += "\nUSAGE: \(usage)\n"
        var rows: [(String, String)] = []
        if let p = spec.positional { rows.append(("<\(p)>", spec.positionalHelp)) }
        if !rows.isEmpty {
            out += "\nARGUMENTS:\n"
            out += table(rows, width: width)
        }
        rows = spec.options.map { o in
            ("--\(o.name)" + (o.value.map { " <\($0)>" } ?? ""), o.help + (o.repeatable ? " (repeatable)" : ""))
        }
        rows.append(("-h, --help", "Show help information."))
        out += "\nOPTIONS:\n" + table(rows, width: width)
        return out
    }

    private static func table(_ rows: [(String, String)], width: Int) -> String {
        let column = 26
        var out = ""
        for (left, text) in rows {
            var lines = wrap(text, width: width - column - 2)
            let first = lines.isEmpty ? "" : lines.removeFirst()
            if left.count + 2 < column {
                out += "  " + left.padded(to: column - 2) + first + "\n"
            } else {
                out += "  " + left + "\n" + String(repeating: " ", count: column) + first + "\n"
            }
            for l in lines { out += String(repeating: " ", count: column) + l + "\n" }
        }
        return out
    }

    private static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// A command avail can run: its spec, how it reads the parsed arguments, and
/// what it does.
// SendableMetatype: the command table (AvailMain.commands) holds the types themselves.
protocol CLICommand: SendableMetatype {
    static var spec: CommandSpec { get }
    init(_ arguments: ParsedArguments) throws(CommandFailure)
    func validate() throws(CommandFailure)
    func run() async throws
    /// Whether this run will ask a server, judged before it starts, without
    /// the network and without a word on stderr (AvailMain.start loads libcurl
    /// first when it will). A wrong guess costs time only, never a result.
    func asksServer() -> Bool
}

extension CLICommand {
    func validate() throws(CommandFailure) {}
    /// The commands that only read the cache or write files ask no server.
    func asksServer() -> Bool { false }
}
