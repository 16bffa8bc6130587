import ICalendar

/// Operations on sets of busy periods. Servers differ (DAViCal returns periods
/// unmerged and unclipped, Cyrus merged and clipped), so every answer goes through
/// `normalized(within:)` where it enters the program (the schedule-response and
/// published free/busy readers, the cache entry reader) and the rest of avail sees
/// one canonical form: inside the window, sorted, and no two periods of the same
/// type overlapping or touching.
extension Array where Element == BusyPeriod {
    public func normalized(within window: TimeWindow) -> [BusyPeriod] {
        var byType: [BusyType: [TimeSpan]] = [:]
        for p in self {
            guard let inside = p.span.clipped(to: window) else { continue }
            byType[p.type, default: []].append(inside)
        }
        var result: [BusyPeriod] = []
        result.reserveCapacity(count)
        for (type, spans) in byType {
            result += spans.union().map { BusyPeriod(span: $0, type: type) }
        }
        return result.sorted(by: Self.canonicalOrder)
    }

    /// A normalised list narrowed to `window`: still normalised, without merging again.
    public func clipped(to window: TimeWindow) -> [BusyPeriod] {
        compactMap { p in p.span.clipped(to: window).map { BusyPeriod(span: $0, type: p.type) } }.sorted(by: Self.canonicalOrder)
    }

    /// A total order: an unknown FBTYPE ranks like BUSY, so the name breaks the
    /// tie (else the order followed the dictionary's; found by fuzz-cache).
    static func canonicalOrder(_ a: BusyPeriod, _ b: BusyPeriod) -> Bool {
        (a.start, a.end, a.type.strength, a.type.name) < (b.start, b.end, b.type.strength, b.type.name)
    }

    /// The union of all periods regardless of type.
    public func busySpans() -> [TimeSpan] { map(\.span).union() }

    /// The strongest busy type covering any part of `span`, or nil if free.
    public func strongestType(in span: TimeSpan) -> BusyType? {
        var best: BusyType? = nil
        for p in self where p.span.overlaps(span) {
            if let b = best, b.strength >= p.type.strength { continue }
            best = p.type
        }
        return best
    }

    /// Whether any period shares time with `span`.
    public func anyOverlaps(_ span: TimeSpan) -> Bool { contains { $0.span.overlaps(span) } }
}
