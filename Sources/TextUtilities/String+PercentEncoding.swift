extension String {
    /// Every UTF-8 byte for which `keep` is false written as `%XX`, upper-case hex
    /// (RFC 3986 §2.1). Unreserved characters (§2.3) are what a caller keeps at
    /// least; each adds what its place allows (see `isURIUnreserved`).
    public func percentEncoded(keeping keep: (UInt8) -> Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(utf8.count)
        for b in utf8 {
            if keep(b) { out.unicodeScalars.append(Unicode.Scalar(b)) } else { out += "%" + b.zeroPadded(to: 2, radix: 16, uppercase: true) }
        }
        return out
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

extension UInt8 {
    /// An ASCII letter or digit, or one of `-._~` (RFC 3986 §2.3).
    public var isURIUnreserved: Bool {
        switch self {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): return true
        default: return false
        }
    }
}
