/// Small text helpers every module needs, in one place.
extension StringProtocol {
    /// Without leading and trailing whitespace and line ends. `Character.isWhitespace`
    /// also covers "\r\n", which is one Character and slips past tests for "\r" or "\n".
    public var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
