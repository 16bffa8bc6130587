import FreeBusy
import ICalendar

/// A range of time marked in the grid (`v`, then `h`/`l`). Kept as time, not
/// as cells: a zoom change or another window draws the same range again, and
/// `b` books exactly it.
public struct PlannerMark: Equatable, Sendable {
    /// The slot where the mark was started: it stays marked whichever way the mark grows.
    public var anchor: TimeSpan
    /// The marked time: the anchor's slot and the cursor's, and all between.
    public var span: TimeSpan

    public init(anchor: TimeSpan) {
        self.anchor = anchor
        span = anchor
    }

    /// The mark from its anchor to `slot` (the cursor's, on either side).
    public func stretched(to slot: TimeSpan) -> PlannerMark {
        var m = self
        m.span = TimeSpan(start: min(anchor.start, slot.start), end: max(anchor.end, slot.end)) ?? anchor
        return m
    }

    /// The same length, moved to start at `start` (n/N found a free slot there).
    public func moved(to start: UTCInstant) -> PlannerMark {
        guard let span = TimeSpan(start: start, end: start.adding(seconds: length)) else { return self }
        return PlannerMark(anchor: span)
    }

    public var length: Int64 { span.end.secondsSinceEpoch - span.start.secondsSinceEpoch }
}
