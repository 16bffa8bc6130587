import TextUtilities

/// A man page being written: the few man(7) requests avail's pages use, with
/// text escaped so that groff shows it as written.
struct Roff {
    private(set) var text = ""

    /// Text for one input line: backslashes and hyphens escaped, anything
    /// beyond ASCII as a \[uXXXX] glyph (man(1) pipes UTF-8 through preconv,
    /// plain groff does not), and a leading `.` or `'` kept from reading as a request.
    static func escaped(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            case "\t": out += " "
            case _ where scalar.value < 0x20: continue
            case _ where scalar.value < 0x7f: out.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            }
        }
        if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
        return out
    }

    /// man(7) input as it is, already escaped.
    mutating func raw(_ s: String) { text += s }

    /// A request line: `.SH NAME`; arguments with spaces are quoted.
    mutating func request(_ name: String, _ arguments: String...) {
        let args = arguments.map { a -> String in
            let e = Self.escaped(a)
            return a.contains(" ") || a.isEmpty ? "\"" + e.replacingAll("\"", with: "\\(dq") + "\"" : e
        }
        text += "." + ([name] + args).joined(separator: " ") + "\n"
    }

    /// A paragraph of running text (filled by groff).
    mutating func paragraph(_ s: String) {
        text += ".PP\n"
        line(s)
    }

    /// Running text, without starting a paragraph.
    mutating func line(_ s: String) {
        for l in s.split(separator: "\n", omittingEmptySubsequences: true) {
            let t = l.trimmingWhitespace
            if !t.isEmpty { text += Self.escaped(t) + "\n" }
        }
    }

    /// Lines kept as they are (examples, tables), indented.
    mutating func verbatim(_ lines: [String]) {
        text += ".RS 4\n.nf\n"
        for l in lines { text += (l.isEmpty ? "" : Self.escaped(l)) + "\n" }
        text += ".fi\n.RE\n"
    }

    /// A tagged paragraph: `tag` on its own, `body` indented below or beside it.
    mutating func tagged(_ tag: String, _ body: String, boldTag: Bool = true) {
        text += ".TP\n" + (boldTag ? "\\fB" + Self.escaped(tag) + "\\fR" : Self.escaped(tag)) + "\n"
        line(body)
    }

    /// The text with its own paragraphs: blank lines separate them, and
    /// indented lines are examples or tables, kept as they are.
    mutating func discussion(_ s: String) {
        var prose: [String] = []
        var kept: [String] = []
        func flush() {
            if !prose.isEmpty { paragraph(prose.joined(separator: "\n")) }
            if !kept.isEmpty {
                let indent = kept.map { $0.prefix { $0 == " " }.count }.min() ?? 0
                verbatim(kept.map { String($0.dropFirst(indent)) })
            }
            prose = []
            kept = []
        }
        for l in s.split(separator: "\n", omittingEmptySubsequences: false) {
            if l.allSatisfy({ $0 == " " }) {
                flush()
            } else if l.hasPrefix(" ") {
                if !prose.isEmpty, kept.isEmpty { paragraph(prose.joined(separator: "\n")); prose = [] }
                kept.append(String(l))
            } else {
                if !kept.isEmpty { flush() }
                prose.append(String(l))
            }
        }
        flush()
    }
}

private extension StringProtocol {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
