extension GlyphSet {
    /// The first cell of a repeating meeting's block on the user's own row
    /// (then its title), so an occurrence reads as part of a series.
    public var repeating: String { self == .unicode ? "↻" : "~" }
}
