import ICalendar

extension DisplayZone {
    /// Wall-clock time of an instant in this zone, for DTSTART;TZID=….
    public func localDateTime(_ instant: UTCInstant) -> LocalDateTime {
        LocalDateTime(instant, offset: offset(at: instant))
    }

    /// Whether times in this zone are plain UTC (then events are written in UTC
    /// and need no VTIMEZONE).
    public var isUTC: Bool {
        rules.transitions.isEmpty && rules.footer?.daylight == nil && rules.types.allSatisfy { $0.offset == 0 }
    }

    /// The VTIMEZONE for an event from `start` to `end`: the observance in force
    /// at `start` and every change up to `end` (RFC 5545 §3.6.5 lets a
    /// VTIMEZONE carry only the observances the calendar data needs). A zone
    /// with no change in the year before `start` gets a single STANDARD.
    public func definition(covering start: UTCInstant, to end: UTCInstant) -> TimeZoneDefinition {
        var transitions: [UTCInstant] = []
        var cursor = start.secondsSinceEpoch - 400 * 86_400
        while let next = rules.nextTransition(after: cursor), next <= end.secondsSinceEpoch, transitions.count < 64 {
            transitions.append(UTCInstant(secondsSinceEpoch: next))
            cursor = next
        }
        // Keep the last change at or before the start, and those during the event.
        let before = transitions.last { $0 <= start }
        let during = transitions.filter { $0 > start }
        let kept = (before.map { [$0] } ?? []) + during
        guard !kept.isEmpty else {
            let t = rules.type(at: start.secondsSinceEpoch)
            return TimeZoneDefinition(tzid: identifier, observances: [
                .init(isDaylight: t.isDST, onsetLocal: LocalDateTime(year: 1970, month: 1, day: 1), offsetFrom: t.offset, offsetTo: t.offset,
                      name: Self.usableName(t.abbreviation)),
            ])
        }
        let observances = kept.map { t -> TimeZoneDefinition.Observance in
            let from = offset(at: t.adding(seconds: -1))
            let type = rules.type(at: t.secondsSinceEpoch)
            return .init(isDaylight: type.isDST, onsetLocal: LocalDateTime(t, offset: from),
                         offsetFrom: from, offsetTo: type.offset, name: Self.usableName(type.abbreviation))
        }
        return TimeZoneDefinition(tzid: identifier, observances: observances)
    }

    /// "CET" is a name; "+0530", which zoneinfo uses where a zone has none,
    /// says nothing TZOFFSETTO does not.
    static func usableName(_ abbreviation: String?) -> String? {
        guard let a = abbreviation, !a.isEmpty,
              a.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) }) else { return nil }
        return a
    }
}
