/// Counts before a movement key, as in vi and less: `4l` is four slots on,
/// `3L` three windows, `5j` five rows down. A digit bound in the keys file
/// is that key instead.
extension PlannerState {
    /// The most a count can be: more moves nothing further and keeps the number short.
    static let largestCount = 9999

    /// Takes a digit into the count; false when the key is not a count's digit
    /// (a `0` cannot start a count, and a bound digit is its action).
    mutating func readCountDigit(_ key: PlannerKey) -> Bool {
        guard case let .char(c) = key, c.isASCII, let digit = c.wholeNumberValue,
              keyBindings.action(for: key) == nil, digit > 0 || pendingCount != nil else { return false }
        let count = min(Self.largestCount, (pendingCount ?? 0) * 10 + digit)
        pendingCount = count
        statusMessage = "count \(count)"
        return true
    }

    /// The count typed before this key (1 without one); it is used up.
    mutating func takeCount() -> Int {
        defer { pendingCount = nil }
        return pendingCount ?? 1
    }
}
