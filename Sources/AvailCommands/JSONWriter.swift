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
        // Written as bytes: a query's JSON is thousands of small pieces.
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, level: indent, pretty: pretty)
        return String(decoding: out, as: UTF8.self)
    }

    private func newline(_ out: inout [UInt8], level: Int, pretty: Bool) {
        guard pretty else { return }
        out.append(0x0A)
        for _ in 0..<(2 * level) { out.append(0x20) }
    }

    private func write(into out: inout [UInt8], level: Int, pretty: Bool) {
        switch self {
        case let .string(s): Self.quote(s, into: &out)
        case let .number(n): out += String(n).utf8
        case let .bool(b): out += (b ? "true" : "false").utf8
        case .null: out += "null".utf8
        case let .array(items):
            if items.isEmpty { out += "[]".utf8; return }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, level: level + 1, pretty: pretty)
                item.write(into: &out, level: level + 1, pretty: pretty)
            }
            newline(&out, level: level, pretty: pretty)
            out.append(UInt8(ascii: "]"))
        case let .object(pairs):
            if pairs.isEmpty { out += "{}".utf8; return }
            out.append(UInt8(ascii: "{"))
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, level: level + 1, pretty: pretty)
                Self.quote(k, into: &out)
                out += (pretty ? ": " : ":").utf8
                v.write(into: &out, level: level + 1, pretty: pretty)
            }
            newline(&out, level: level, pretty: pretty)
            out.append(UInt8(ascii: "}"))
        }
    }

    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        quote(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        // Nearly every string (addresses, times, statuses) needs no escape at all.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            out += s.utf8
            out.append(0x22)
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\"".utf8
            case "\\": out += "\\\\".utf8
            case "\n": out += "\\n".utf8
            case "\r": out += "\\r".utf8
            case "\t": out += "\\t".utf8
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    out += ("\\u" + scalar.value.zeroPadded(to: 4, radix: 16)).utf8
                } else {
                    out += String(scalar).utf8
                }
            }
        }
        out.append(0x22)
    }
}
