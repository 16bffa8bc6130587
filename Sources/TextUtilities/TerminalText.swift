/// Text from outside (addresses, names, status descriptions, server errors)
/// made safe to print on a terminal: control characters, escape sequences
/// included, become visible stand-ins, so a display name holding `\e]0;pwned\a`
/// or `\e[2J` prints as harmless text instead of acting on the terminal.
/// The one definition of what counts as a control; every message, cache header
/// and excerpt cleans through here.
public enum TerminalText {
    /// C0 and C1 controls, DEL, line separators and bidi overrides: everything
    /// that moves the cursor, starts an escape sequence or reorders the line.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0: return true
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Line feeds and tabs kept (they are layout, not commands), ESC shown as `^[`,
    /// every other control as `?`.
    public static func clean(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.unicodeScalars.append(scalar)
            case 0x1B: out += "^["
            default:
                if isControl(scalar) { out += "?" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// One line: line feeds and tabs become spaces too.
    public static func line(_ s: String) -> String {
        String(clean(s).map { $0 == "\n" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
    }

    /// One line with every control, line feeds and tabs included, replaced by
    /// `replacement`: for one-line fields of files and for excerpts in messages.
    public static func oneLine(_ s: String, replacement: Unicode.Scalar = " ") -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for scalar in s.unicodeScalars { out.unicodeScalars.append(isControl(scalar) ? replacement : scalar) }
        return out
    }
}
