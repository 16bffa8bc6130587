import TextUtilities

/// Key names, read and written in this one place: the keys file's names
/// (`PageUp`, `C-x`) and the shorter labels the help screen and the legend
/// show (`PgUp`, `←`).
extension PlannerKey {
    /// The named keys: name in the keys file, key, label on screen. A `#` after a
    /// space starts a comment in the keys file, so `#` itself is `Hash` there.
    static let named: [(name: String, key: PlannerKey, label: String)] = [
        ("Up", .up, "↑"), ("Down", .down, "↓"), ("Left", .left, "←"), ("Right", .right, "→"),
        ("PageUp", .pageUp, "PgUp"), ("PageDown", .pageDown, "PgDn"), ("Home", .home, "Home"), ("End", .end, "End"),
        ("Tab", .tab, "Tab"), ("Enter", .enter, "Enter"), ("Esc", .escape, "Esc"),
        ("Backspace", .backspace, "Bksp"), ("Delete", .delete, "Del"), ("Space", .char(" "), "Space"), ("Hash", .char("#"), "#"),
    ]

    /// The control keys a terminal sends as other keys (raw mode): ^H is
    /// Backspace, ^I Tab, ^J and ^M Enter.
    static let controlAliases: [Character: String] = ["h": "Backspace", "i": "Tab", "j": "Enter", "m": "Enter"]

    /// Why a key name was not understood, phrased to follow the name.
    public enum NameProblem: Error, Equatable, CustomStringConvertible {
        case unknown(String)
        case sameAs(String, name: String)

        public var description: String {
            switch self {
            case let .unknown(text):
                return "unknown key `\(text)` (a character, C-a … C-z, or one of \(PlannerKey.named.map(\.name).joined(separator: ", ")))"
            case let .sameAs(text, name):
                return "`\(text)` reaches avail as \(name); write \(name)"
            }
        }
    }

    /// A key from its name in the keys file: one character (`n`, `?`), `C-x`
    /// for a control key, or a name or label from `named` (any case).
    public init(name text: String) throws(NameProblem) {
        // The help's short forms (PgUp, Del) are read too: what is seen can be written.
        if let entry = Self.named.first(where: { $0.name.lowercased() == text.lowercased() || $0.label.lowercased() == text.lowercased() }) {
            self = entry.key
            return
        }
        if text.count == 1, let c = text.first {
            guard !c.isTerminalControl, !c.isWhitespace else { throw .unknown(text) }
            self = .char(c)
            return
        }
        let lower = text.lowercased()
        if lower.hasPrefix("c-"), lower.count == 3, let c = lower.last, c.isASCII, c.isLetter {
            if let alias = Self.controlAliases[c] { throw .sameAs(text, name: alias) }
            self = .ctrl(c)
            return
        }
        throw .unknown(text)
    }

    /// The key as the keys file writes it (what `init(name:)` reads back).
    public var name: String {
        if let entry = Self.named.first(where: { $0.key == self }) { return entry.name }
        switch self {
        case let .char(c): return String(c)
        case let .ctrl(c): return "C-\(c)"
        default: return "\(self)"
        }
    }

    /// The key as the help screen and the legend show it.
    public var label: String {
        if let entry = Self.named.first(where: { $0.key == self }) { return entry.label }
        return name
    }
}
