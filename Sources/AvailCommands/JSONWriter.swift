/// A small JSON writer that keeps keys in the order written (the documented
/// output shape reads top-down) and escapes per RFC 8259 §7.
public indirect enum JSONValue: Equatable, Sendable {
    case string(String)
    case number(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    public func serialized(indent: Int = 0, pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, level: indent, pretty: pretty)
        return out
    }

    private func write(into out: inout String, level: Int, pretty: Bool) {
        let nl = pretty ? "\n" : ""
        let pad = pretty ? String(repeating: "  ", count: level + 1) : ""
        let closePad = pretty ? String(repeating: "  ", count: level) : ""
        switch self {
        case let .string(s): out += Self.quote(s)
        case let .number(n): out += String(n)
        case let .bool(b): out += b ? "true" : "false"
        case .null: out += "null"
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + nl
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, level: level + 1, pretty: pretty)
                out += (i < items.count - 1 ? "," : "") + nl
            }
            out += closePad + "]"
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + nl
            for (i, (k, v)) in pairs.enumerated() {
                out += pad + Self.quote(k) + (pretty ? ": " : ":")
                v.write(into: &out, level: level + 1, pretty: pretty)
                out += (i < pairs.count - 1 ? "," : "") + nl
            }
            out += closePad + "}"
        }
    }

    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
