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
}

/// `12.3` for 12.345: one decimal, rounded, without Foundation's formatter.
public func oneDecimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
}
