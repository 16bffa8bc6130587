public struct SlotResult: Equatable, Sendable {
    public var slots: [Slot]
    public var requiredKnown: Int
    public var requiredTotal: Int
    /// Why there are no slots, or what to keep in mind about them.
    public var note: String?
}
