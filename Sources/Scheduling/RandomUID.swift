import TextUtilities

/// A random UUID-shaped UID (RFC 5545 §3.8.4.7 asks for a globally unique one).
public enum RandomUID {
    public static func make() -> String {
        var g = SystemRandomNumberGenerator()
        let hex = (0..<16).map { _ in UInt8.random(in: 0...255, using: &g).zeroPadded(to: 2, radix: 16) }.joined()
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-"
            + String(h[20..<32]) + "@avail"
    }
}
