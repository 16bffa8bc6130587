import TextUtilities

/// The user's keys file, `$XDG_CONFIG_HOME/avail/keys`: one setting a line,
///
///     # next free slot on f instead of n
///     bind next-slot f
///     unbind d
///
/// `bind ACTION KEY...` gives the action these keys instead of its default
/// ones (further bind lines for the same action add keys); `unbind KEY...`
/// takes keys from whatever action has them. A `#` at the start of a line or
/// after a space or tab starts a comment, as in the config. Key names are
/// `PlannerKey(name:)`'s. A bad line is reported with its file and line
/// number, as a theme's are, and the rest still applies; a key that ends up
/// on two actions is reported naming both, and stays with the first.
public enum KeysFile {
    /// The same file:line report as a theme's.
    public typealias Problem = Theme.Problem

    /// Ctrl-C quits and Ctrl-Z suspends in every mode (before the table is asked).
    static let fixedKeys: Set<PlannerKey> = [KeyTable.quitAlways, KeyTable.suspend]

    /// The file's place: `$XDG_CONFIG_HOME/avail/keys`, else `~/.config/avail/keys`.
    public static func path(environment env: [String: String], home: String) -> String {
        let base: String
        if let x = env["XDG_CONFIG_HOME"], !x.isEmpty { base = x } else { base = (env["HOME"] ?? home) + "/.config" }
        return base + "/avail/keys"
    }

    /// Reads the file through `OutsideFile` (a FIFO or someone else's file in
    /// its place is refused, not read); no file means the default keys.
    public static func load(path: String) -> (KeyBindings, [Problem]) {
        do throws(OutsideFile.Refusal) {
            let file = try OutsideFile.read(path, limit: 64 * 1024, owners: .userOrRoot, followSymbolicLinks: true)
            return parse(file.text, file: path)
        } catch .absent {
            return (.defaults, [])
        } catch {
            return (.defaults, [Problem(file: path, line: 0, message: "cannot read it: \(error); using the default keys")])
        }
    }

    /// A binding and the line that made it (0: the key table's default).
    struct Bound {
        var key: PlannerKey
        var line: Int
    }

    public static func parse(_ text: String, file: String) -> (KeyBindings, [Problem]) {
        var bound: [PlannerAction: [Bound]] = [:]
        for row in KeyTable.rows { bound[row.action] = (row.keys + row.unlisted).map { Bound(key: $0, line: 0) } }
        var replaced: Set<PlannerAction> = []
        var problems: [Problem] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = i + 1
            func problem(_ m: String) { problems.append(Problem(file: file, line: line, message: m)) }
            var words: [String] = []
            for word in raw.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                if word.hasPrefix("#") { break }
                words.append(String(word))
            }
            guard let command = words.first else { continue }
            let rest = Array(words.dropFirst())
            switch command {
            case "bind":
                guard rest.count >= 2 else { problem("expected `bind ACTION KEY...`"); continue }
                guard let action = PlannerAction(rawValue: rest[0]) else {
                    problem("unknown action `\(rest[0])` (known: \(PlannerAction.allCases.map(\.rawValue).joined(separator: ", ")))")
                    continue
                }
                guard let keys = readKeys(rest.dropFirst(), problem: problem) else { continue }
                if replaced.insert(action).inserted { bound[action] = [] }
                for key in keys where !(bound[action] ?? []).contains(where: { $0.key == key }) {
                    bound[action, default: []].append(Bound(key: key, line: line))
                }
            case "unbind":
                guard !rest.isEmpty else { problem("expected `unbind KEY...`"); continue }
                guard let keys = readKeys(rest[...], problem: problem) else { continue }
                for action in bound.keys { bound[action]?.removeAll { keys.contains($0.key) } }
            default:
                problem("unknown command `\(command)` (expected `bind ACTION KEY...` or `unbind KEY...`)")
            }
        }
        // A key on two actions: the earlier binding (a default before any line) keeps it.
        var holder: [PlannerKey: (action: PlannerAction, line: Int)] = [:]
        let all = KeyTable.rows.flatMap { row in (bound[row.action] ?? []).map { (action: row.action, bound: $0) } }
        for (action, b) in all.sorted(by: { $0.bound.line < $1.bound.line }) {
            if let first = holder[b.key] {
                let other = first.line == 0 ? "to \(first.action.rawValue) by default" : "to \(first.action.rawValue) on line \(first.line)"
                problems.append(Problem(file: file, line: b.line,
                                        message: "key \(b.key.name) is bound twice: to \(action.rawValue) here and \(other); `unbind \(b.key.name)` first"))
                bound[action]?.removeAll { $0.key == b.key && $0.line == b.line }
            } else {
                holder[b.key] = (action, b.line)
            }
        }
        problems.sort { $0.line < $1.line }
        let unlisted = Set(KeyTable.rows.flatMap(\.unlisted)).filter { key in
            // A default key the file gives to an action itself is listed from then on.
            !all.contains { $0.bound.key == key && $0.bound.line > 0 }
        }
        return (KeyBindings(keys: bound.mapValues { $0.map(\.key) }, unlisted: unlisted), problems)
    }

    /// The line's key names, or nil (and a problem) when one is not a key.
    private static func readKeys(_ names: ArraySlice<String>, problem: (String) -> Void) -> [PlannerKey]? {
        var keys: [PlannerKey] = []
        for name in names {
            let key: PlannerKey
            do throws(PlannerKey.NameProblem) { key = try PlannerKey(name: name) } catch {
                problem(error.description)
                return nil
            }
            if fixedKeys.contains(key) {
                problem("\(key.name) cannot be bound: C-c always quits and C-z suspends")
                return nil
            }
            keys.append(key)
        }
        return keys
    }
}
