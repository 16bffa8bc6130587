import ICalendar

/// A half-open span of time `[start, end)` in UTC, never empty: the one shape of
/// a time range in avail. A request's window, a busy period's time, what a cache
/// answer covers, a slot, a planner column: all of them are (or hold) a `TimeSpan`,
/// so overlap, clipping, merging and gaps are written once, here.
public struct TimeSpan: Hashable, Sendable, CustomStringConvertible {
    public private(set) var start: UTCInstant
    public private(set) var end: UTCInstant

    /// Nil unless `start` is before `end`: an empty or inverted span is no time at all,
    /// and every operation below drops such results rather than carrying them on.
    public init?(start: UTCInstant, end: UTCInstant) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    public var seconds: Int64 { end.secondsSinceEpoch - start.secondsSinceEpoch }
    public var description: String { "\(start.iso8601String)/\(end.iso8601String)" }

    /// Whether the two share any time; spans that only touch do not.
    public func overlaps(_ other: TimeSpan) -> Bool { start < other.end && other.start < end }

    /// Whether all of `other` lies inside this span.
    public func contains(_ other: TimeSpan) -> Bool { start <= other.start && other.end <= end }

    /// The part of this span inside `limit`, or nil when they do not overlap.
    public func clipped(to limit: TimeSpan) -> TimeSpan? {
        TimeSpan(start: Swift.max(start, limit.start), end: Swift.min(end, limit.end))
    }

    /// This span less the given ones: the gaps they leave, in time order.
    public func subtracting(_ others: [TimeSpan]) -> [TimeSpan] {
        var rest: [TimeSpan] = []
        var from = start
        for o in others.union() where o.end > from {
            guard o.start < end else { break }
            if let gap = TimeSpan(start: from, end: o.start) { rest.append(gap) }
            from = o.end
            if from >= end { break }
        }
        if let tail = TimeSpan(start: from, end: end) { rest.append(tail) }
        return rest
    }

    /// The same span grown to also cover `other` and anything between.
    func extended(to other: TimeSpan) -> TimeSpan {
        var s = self
        s.start = Swift.min(start, other.start)
        s.end = Swift.max(end, other.end)
        return s
    }
}

extension Array where Element == TimeSpan {
    /// The time covered by any of the spans: sorted, with overlapping and touching
    /// spans merged into one.
    public func union() -> [TimeSpan] {
        var out: [TimeSpan] = []
        out.reserveCapacity(count)
        for s in sorted(by: { $0.start < $1.start }) {
            if let last = out.last, s.start <= last.end { out[out.count - 1] = last.extended(to: s) } else { out.append(s) }
        }
        return out
    }
}

/// The span a request asks about: the same thing as any other span of time.
public typealias TimeWindow = TimeSpan
