extension TimeZoneDefinition {
    /// When an observance begins, as an instant: its DTSTART is wall-clock
    /// time in the offset it replaces (RFC 5545 §3.6.5).
    private func onset(_ o: Observance) -> Int64? {
        UTCInstant(year: o.onsetLocal.year, month: o.onsetLocal.month, day: o.onsetLocal.day,
                   hour: o.onsetLocal.hour, minute: o.onsetLocal.minute, second: o.onsetLocal.second)
            .map { $0.secondsSinceEpoch - Int64(o.offsetFrom) }
    }

    /// The offset from UTC this definition gives at an instant: that of the
    /// last observance begun by then (before the first, the offset it replaces).
    public func offset(at instant: UTCInstant) -> Int {
        var current = observances.first?.offsetFrom ?? 0
        var latest = Int64.min
        for o in observances {
            if let t = onset(o), t <= instant.secondsSinceEpoch, t >= latest {
                latest = t
                current = o.offsetTo
            }
        }
        return current
    }

    /// The wall-clock time of an instant in this zone, for DTSTART;TZID=….
    public func localDateTime(_ instant: UTCInstant) -> LocalDateTime {
        LocalDateTime(instant, offset: offset(at: instant))
    }

    /// Every instant at which this zone's wall clock shows `local`, earliest
    /// first: none in a gap, two in a repeated hour.
    public func readings(of local: LocalDateTime) -> [UTCInstant] {
        guard let wall = Self.wallSeconds(local) else { return [] }
        var offsets = Set<Int>()
        for o in observances { offsets.insert(o.offsetFrom); offsets.insert(o.offsetTo) }
        return Set(offsets.map { wall - Int64($0) }).filter { Int64(offset(at: UTCInstant(secondsSinceEpoch: $0))) + $0 == wall }
            .sorted().map { UTCInstant(secondsSinceEpoch: $0) }
    }

    private static func wallSeconds(_ l: LocalDateTime) -> Int64? {
        UTCInstant(year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute, second: l.second)?.secondsSinceEpoch
    }

    /// The instant a reader of this VTIMEZONE takes `local` (with this TZID)
    /// to mean by RFC 5545 §3.3.5: a time that happens twice is the first
    /// occurrence; a time in a gap is read with the offset before the gap
    /// (so it lands as far after the gap as it was into it).
    public func instant(of local: LocalDateTime) -> UTCInstant? {
        guard let wall = Self.wallSeconds(local) else { return nil }
        if let first = readings(of: local).first { return first }
        // In a gap: the offset in force before the change that opened it.
        // (Its DTSTART, the wall clock where the gap opens, is at or before `local`.)
        let opening = observances.filter { o in onset(o).map { $0 + Int64(o.offsetFrom) <= wall } ?? false }
            .max { (onset($0) ?? 0) < (onset($1) ?? 0) }
        return UTCInstant(secondsSinceEpoch: wall - Int64(opening?.offsetFrom ?? offset(at: UTCInstant(secondsSinceEpoch: wall))))
    }
}
