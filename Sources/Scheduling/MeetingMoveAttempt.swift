import FreeBusy

/// What `MeetingChangeService.moveIfFree` did: moved, or not because someone is busy.
public struct MeetingMoveAttempt: Sendable {
    public var conflicts: [BookingConflict]
    /// Nil when someone is busy and the move was not forced (nothing written).
    public var outcome: MeetingChangeOutcome?
    /// False on a server without scheduling (no outbox): nobody's time could be asked.
    public var checked: Bool

    public init(conflicts: [BookingConflict], outcome: MeetingChangeOutcome?, checked: Bool = true) {
        self.conflicts = conflicts
        self.outcome = outcome
        self.checked = checked
    }

    public var busy: [BookingConflict] { conflicts.filter { !$0.busy.isEmpty } }
    public var unchecked: [BookingConflict] { conflicts.filter { $0.unknown != nil } }
}
