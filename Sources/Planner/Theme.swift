import TextUtilities
/// Colours and attributes for each `StyleRole`, read from plain text, one
/// setting a line (like tig's `color` lines):
///
///     # role = foreground background [attributes…]
///     busy = white red bold
///     free = green default
///
/// Colours: default, black, red, green, yellow, blue, magenta, cyan, white, or
/// colorN (0–255). Attributes: bold, dim, underline, reverse, standout.
/// A bad line is reported with its file and line number, and the rest still loads.
public struct Theme: Equatable, Sendable {
    public enum Color: Equatable, Sendable {
        case `default`
        case indexed(Int)

        static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

        init?(_ text: String) {
            let t = text.lowercased()
            if t == "default" { self = .default; return }
            if let i = Self.names.firstIndex(of: t) { self = .indexed(i); return }
            if t.hasPrefix("color"), let n = Int(t.dropFirst(5)), (0...255).contains(n) { self = .indexed(n); return }
            return nil
        }
    }

    public struct Attributes: OptionSet, Equatable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1)
        public static let dim = Attributes(rawValue: 2)
        public static let underline = Attributes(rawValue: 4)
        public static let reverse = Attributes(rawValue: 8)
        public static let standout = Attributes(rawValue: 16)

        static let names: [String: Attributes] = ["bold": .bold, "dim": .dim, "underline": .underline,
                                                  "reverse": .reverse, "standout": .standout]
    }

    public struct Style: Equatable, Sendable {
        public var foreground: Color
        public var background: Color
        public var attributes: Attributes
        public init(_ fg: Color = .default, _ bg: Color = .default, _ attributes: Attributes = []) {
            foreground = fg
            background = bg
            self.attributes = attributes
        }
    }

    public var name: String
    public var styles: [StyleRole: Style]

    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(_ role: StyleRole) -> Style { styles[role] ?? Style() }

    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }

        public init(file: String, line: Int, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }
    }

    /// Parses a theme; settings not given keep the built-in default's.
    public static func parse(_ text: String, name: String, file: String) -> (Theme, [Problem]) {
        var theme = Theme(name: name, styles: [:])
        var problems: [Problem] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[line.startIndex..<hash] }
            let trimmed = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty { continue }
            func problem(_ m: String) { problems.append(Problem(file: file, line: i + 1, message: m)) }
            guard let eq = line.firstIndex(of: "=") else { problem("expected `role = foreground background [attributes]`"); continue }
            let key = line[line.startIndex..<eq].trimmingWhitespace
            guard let role = StyleRole(rawValue: key) else {
                problem("unknown role `\(key)` (known: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            let words = line[line.index(after: eq)...].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard words.count >= 2 else { problem("`\(key)` needs a foreground and a background colour"); continue }
            guard let fg = Color(words[0]) else { problem("unknown colour `\(words[0])`"); continue }
            guard let bg = Color(words[1]) else { problem("unknown colour `\(words[1])`"); continue }
            var attrs: Attributes = []
            var ok = true
            for w in words.dropFirst(2) {
                guard let a = Attributes.names[w.lowercased()] else { problem("unknown attribute `\(w)`"); ok = false; break }
                attrs.insert(a)
            }
            if ok { theme.styles[role] = Style(fg, bg, attrs) }
        }
        return (theme, problems)
    }

    /// The built-in themes, the same text as the files in `themes/` (a test
    /// checks they agree), so avail works even where those files are not installed.
    public static let builtIn: [String: String] = [
        "default": """
        # avail default theme: for dark and light terminals with 8 colours.
        # role = foreground background [attributes]
        normal = default default
        header = black cyan
        title = black cyan bold
        axis = cyan default
        day = cyan default bold
        name = default default bold
        status-ok = green default
        status-bad = red default bold
        status-pending = yellow default
        busy = red default bold
        # outside working hours (BUSY-UNAVAILABLE): not busy, so lighter than busy
        busy-unavailable = blue default
        busy-tentative = yellow default
        free = green default
        unknown = default default dim
        all-free = green default bold
        all-busy = red default
        cursor = black yellow bold
        status-line = default default
        legend = default default dim
        error = red default bold
        dialog = black white
        # a marked range (v): the glyphs stay, the background says marked
        mark = black magenta

        """,
        "mono": """
        # avail mono theme: no colours, attributes only (also used for NO_COLOR).
        normal = default default
        header = default default reverse
        title = default default reverse bold
        axis = default default
        day = default default bold
        name = default default bold
        status-ok = default default
        status-bad = default default bold
        status-pending = default default dim
        busy = default default bold
        # outside working hours (BUSY-UNAVAILABLE): not busy, so lighter than busy
        busy-unavailable = default default dim
        busy-tentative = default default
        free = default default dim
        unknown = default default dim
        all-free = default default bold
        all-busy = default default
        cursor = default default reverse bold
        status-line = default default
        legend = default default dim
        error = default default bold
        dialog = default default reverse
        # a marked range (v): the glyphs stay, the background says marked
        mark = default default reverse underline

        """,
        "light": """
        # avail light theme: for terminals with a light background.
        normal = black default
        header = white blue
        title = white blue bold
        axis = blue default
        day = blue default bold
        name = black default bold
        status-ok = green default bold
        status-bad = red default bold
        status-pending = magenta default
        busy = red default bold
        # outside working hours (BUSY-UNAVAILABLE): not busy, so lighter than busy
        busy-unavailable = blue default
        busy-tentative = color130 default
        free = green default
        unknown = color244 default
        all-free = green default bold
        all-busy = red default
        cursor = white blue bold
        status-line = black default
        legend = color240 default
        error = red default bold
        dialog = white blue
        # a marked range (v): the glyphs stay, the background says marked
        mark = white magenta

        """,
    ]

    public static func builtIn(_ name: String) -> Theme? {
        builtIn[name].map { parse($0, name: name, file: "(built-in \(name))").0 }
    }
}
