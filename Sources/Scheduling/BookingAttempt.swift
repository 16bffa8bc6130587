/// What `BookingService.bookIfFree` did: booked (with whoever could not be
/// checked), or not, because someone is busy and the user did not say book anyway.
public struct BookingAttempt: Sendable {
    /// Everyone whose time is not free for the whole meeting, or unknown.
    public var conflicts: [BookingConflict]
    /// The booking; nil when someone is busy and booking was not forced (nothing stored).
    public var outcome: BookingOutcome?

    public init(conflicts: [BookingConflict], outcome: BookingOutcome?) {
        self.conflicts = conflicts
        self.outcome = outcome
    }

    /// People known to be busy during the meeting.
    public var busy: [BookingConflict] { conflicts.filter { !$0.busy.isEmpty } }
    /// People whose time could not be had fresh: a warning, not a reason to stop.
    public var unchecked: [BookingConflict] { conflicts.filter { $0.unknown != nil } }
}
