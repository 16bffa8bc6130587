/// How a slot ranks: fewer is better in each count, compared in this order
/// (required people free first, then fewer optional conflicts, fewer
/// tentatives, inside everyone's hours), the earlier slot winning ties.
public struct SlotRanking: Equatable, Comparable, Sendable {
    /// Required people who are not plainly free: outside their hours (allowed
    /// with --outside-hours) or unknown (planned around with --ignore-unknown).
    public var requiredNotFree: Int
    /// Optional people who are busy or unknown there.
    public var optionalConflicts: Int
    /// People (or the room) whose time there is tentative, counted as free.
    public var tentatives: Int
    /// Optional people outside their working hours there.
    public var optionalOutsideHours: Int

    public init(requiredNotFree: Int = 0, optionalConflicts: Int = 0, tentatives: Int = 0, optionalOutsideHours: Int = 0) {
        self.requiredNotFree = requiredNotFree
        self.optionalConflicts = optionalConflicts
        self.tentatives = tentatives
        self.optionalOutsideHours = optionalOutsideHours
    }

    public static func < (a: SlotRanking, b: SlotRanking) -> Bool {
        (a.requiredNotFree, a.optionalConflicts, a.tentatives, a.optionalOutsideHours)
            < (b.requiredNotFree, b.optionalConflicts, b.tentatives, b.optionalOutsideHours)
    }

    /// One number for people and scripts: 100 when everyone is free, less for
    /// each reason, weighted in the ranking's order; never below 0. The
    /// ranking itself compares the counts, so two reasons of a lower kind
    /// never outrank one of a higher kind.
    public var score: Int {
        max(0, 100 - 40 * requiredNotFree - 15 * optionalConflicts - 5 * tentatives - 2 * optionalOutsideHours)
    }
}
