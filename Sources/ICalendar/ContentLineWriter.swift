/// Writes iCalendar text the way RFC 5545 §3.1 asks: CRLF line endings and lines
/// folded so that no line exceeds 75 octets, never splitting a UTF-8 sequence.
public struct ContentLineWriter: Sendable {
    public private(set) var text = ""

    public init() {}

    public mutating func write(_ name: String, parameters: [ContentLine.Parameter] = [], value: String) {
        var line = name.uppercased()
        for p in parameters {
            line += ";" + p.name.uppercased() + "=" + p.values.map(Self.parameterValue).joined(separator: ",")
        }
        line += ":" + Self.valueCharacters(value)
        text += Self.fold(line)
    }

    /// RFC 5545 §3.1: a value holds no control characters but HTAB. A CR or LF
    /// inside a value (an address from a hostile answer, say) would start a new
    /// line of its own: every control becomes a space (found by fuzz-cache).
    public static func valueCharacters(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) else { return value }
        return String(String.UnicodeScalarView(value.unicodeScalars.map {
            ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F ? " " : $0
        }))
    }

    public mutating func write(_ line: ContentLine) {
        write(line.name, parameters: line.parameters, value: line.value)
    }

    /// Quotes a parameter value when it holds `:`, `;` or `,` (RFC 5545 §3.2);
    /// DQUOTE cannot appear at all, so it is dropped, as are control characters.
    public static func parameterValue(_ v: String) -> String {
        let cleaned = String(v.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F })
        return cleaned.contains(where: { $0 == ":" || $0 == ";" || $0 == "," }) ? "\"" + cleaned + "\"" : cleaned
    }

    /// TEXT value escaping (RFC 5545 §3.3.11).
    public static func escapeText(_ v: String) -> String {
        var out = ""
        for ch in v {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            default: out.append(ch)
            }
        }
        return out
    }

    /// Folds one logical line into physical lines of at most 75 octets each,
    /// continuation lines starting with one space, every line ending in CRLF.
    /// Folds only between characters (a lead byte and its continuation bytes
    /// stay on one line), working on the UTF-8 bytes: a String and an Array
    /// per character made folding most of a cache entry's cost.
    public static func fold(_ line: String) -> String {
        if line.utf8.count <= 75 { return line + "\r\n" }
        let bytes = Array(line.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 74 * 3 + 2)
        var lineLength = 0
        var limit = 75
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            // The scalar's length from its lead byte (a String's UTF-8 is valid).
            let end = min(bytes.count, i + (lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2))
            if lineLength + (end - i) > limit {
                out += [0x0D, 0x0A, 0x20]
                lineLength = 0
                limit = 74 // the leading space counts toward the 75
            }
            out += bytes[i..<end]
            lineLength += end - i
            i = end
        }
        out += [0x0D, 0x0A]
        return String(decoding: out, as: UTF8.self)
    }
}
