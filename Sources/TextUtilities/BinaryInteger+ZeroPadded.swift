extension BinaryInteger {
    /// The number with zeros on the left to `width` digits (never cut): `7` to
    /// width 2 is `07`, in hex `0x1b` to width 4 is `001b`. A negative number keeps
    /// its sign in front of the digits (`-07`).
    /// Inlinable, so that each caller gets it for its own integer type: called
    /// through the generic witness tables from another module it cost twenty
    /// times the work.
    @inlinable
    public func zeroPadded(to width: Int, radix: Int = 10, uppercase: Bool = false) -> String {
        let digits = String(self.magnitude, radix: radix, uppercase: uppercase)
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return self < 0 ? "-" + padded : padded
    }
}
