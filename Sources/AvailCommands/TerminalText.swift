/// Text from outside (addresses, names, status descriptions, server errors)
/// made safe to print on a terminal: control characters, escape sequences
/// included, become visible stand-ins, so a display name holding `\e]0;pwned\a`
/// or `\e[2J` prints as harmless text instead of acting on the terminal.
enum TerminalText {
    static func clean(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.unicodeScalars.append(scalar) // line feeds and tabs are layout, not commands
            case 0x1B: out += "^["
            case 0..<0x20, 0x7F: out += "?"
            case 0x80..<0xA0: out += "?" // C1 controls (CSI, OSC as single bytes)
            case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: out += "?" // line separators and bidi overrides
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One line: line feeds and tabs become spaces too.
    static func line(_ s: String) -> String {
        String(clean(s).map { $0 == "\n" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
    }
}
