/// Small text helpers every module needs, in one place.
extension StringProtocol {
    /// Without leading and trailing whitespace and line ends. `Character.isWhitespace`
    /// also covers "\r\n", which is one Character and slips past tests for "\r" or "\n".
    public var trimmingWhitespace: String {
        // Fast path on the bytes while the ends are ASCII (nearly always); any
        // other byte at an end sends it to the Character path below, which also
        // knows the Unicode spaces.
        let whole = Substring(self)
        let u = whole.utf8
        var a = u.startIndex, z = u.endIndex
        func asciiSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        while a < z, asciiSpace(u[a]) { a = u.index(after: a) }
        while z > a, asciiSpace(u[u.index(before: z)]) { z = u.index(before: z) }
        if a == z { return "" }
        if u[a] < 0x80, u[u.index(before: z)] < 0x80,
           let from = String.Index(a, within: whole), let to = String.Index(z, within: whole) {
            return String(whole[from..<to])
        }
        var s = whole
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    /// Padded with spaces on the right to `width` characters (never cut).
    public func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// `%XX` escapes decoded (RFC 3986 §2.1); nil when an escape is malformed
    /// or the result is not UTF-8.
    public var percentDecoded: String? {
        var bytes: [UInt8] = []
        var it = utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%") {
                guard let h = it.next(), let l = it.next(), let hi = Self.hexValue(h), let lo = Self.hexValue(l) else { return nil }
                bytes.append(hi << 4 | lo)
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}

/// `12.3` for 12.345: one decimal, rounded, without Foundation's formatter.
public func oneDecimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
}
