import FreeBusy

/// What `MeetingChangeService.moveSeriesIfFree` did: the move as for a
/// single meeting, and which occurrence `--at` was measured from and how many
/// of the new occurrences were checked.
public struct SeriesMoveAttempt: Sendable {
    public var attempt: MeetingMoveAttempt
    /// The occurrence the new start replaces: the first in the search window.
    public var reference: TimeSpan
    /// Its new time; every occurrence moves by the same amount.
    public var moved: TimeSpan
    /// How many of the new occurrences were checked against everyone's time.
    public var checkedOccurrences: Int
}
