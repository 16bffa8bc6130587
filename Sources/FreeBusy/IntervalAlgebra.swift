import ICalendar

/// Operations on sets of busy periods. Servers differ (DAViCal returns periods
/// unmerged and unclipped, Cyrus merged and clipped), so every answer goes through
/// `normalized(within:)` and the rest of avail sees one canonical form:
/// inside the window, sorted, and no two periods of the same type overlapping or touching.
extension Array where Element == BusyPeriod {
    public func normalized(within window: TimeWindow) -> [BusyPeriod] {
        var byType: [BusyType: [BusyPeriod]] = [:]
        for p in self {
            let start = Swift.max(p.start, window.start)
            let end = Swift.min(p.end, window.end)
            guard start < end else { continue } // outside the window, or zero-length
            byType[p.type, default: []].append(BusyPeriod(start: start, end: end, type: p.type))
        }
        var result: [BusyPeriod] = []
        result.reserveCapacity(count)
        for (_, periods) in byType {
            let sorted = periods.sorted { $0.start < $1.start }
            var current = sorted[0]
            for p in sorted.dropFirst() {
                if p.start <= current.end {
                    current.end = Swift.max(current.end, p.end)
                } else {
                    result.append(current)
                    current = p
                }
            }
            result.append(current)
        }
        // A total order: an unknown FBTYPE ranks like BUSY, so the name breaks the
        // tie (else the order followed the dictionary's; found by fuzz-cache).
        return result.sorted { ($0.start, $0.end, $0.type.strength, $0.type.name) < ($1.start, $1.end, $1.type.strength, $1.type.name) }
    }

    /// The union of all periods regardless of type, as plain `[start, end)` spans.
    public func busySpans() -> [(start: UTCInstant, end: UTCInstant)] {
        let sorted = self.sorted { $0.start < $1.start }
        var spans: [(start: UTCInstant, end: UTCInstant)] = []
        for p in sorted {
            if let last = spans.last, p.start <= last.end {
                spans[spans.count - 1].end = Swift.max(last.end, p.end)
            } else {
                spans.append((p.start, p.end))
            }
        }
        return spans
    }

    /// The strongest busy type covering any part of `[start, end)`, or nil if free.
    public func strongestType(from start: UTCInstant, to end: UTCInstant) -> BusyType? {
        var best: BusyType? = nil
        for p in self where p.start < end && p.end > start {
            if let b = best, b.strength >= p.type.strength { continue }
            best = p.type
        }
        return best
    }
}
