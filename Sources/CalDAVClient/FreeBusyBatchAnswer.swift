import FreeBusy

/// Answers for part of a free/busy request, delivered as soon as the POST that
/// carried them answers (or, for a recipient that broke the server, once the
/// bisection has found it), so that a caller can show rows while other batches
/// are still out.
public struct FreeBusyBatchAnswer: Sendable, Equatable {
    /// Positions in the request's attendee list; `recipients[i]` is for position
    /// `positions.lowerBound + i`.
    public var positions: Range<Int>
    public var recipients: [RecipientResult]

    public init(positions: Range<Int>, recipients: [RecipientResult]) {
        self.positions = positions
        self.recipients = recipients
    }
}
