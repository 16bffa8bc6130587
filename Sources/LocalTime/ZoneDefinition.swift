import Foundation
import ICalendar

extension DisplayZone {
    /// Seconds east of UTC at an instant.
    public func offset(at instant: UTCInstant) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.secondsSinceEpoch)))
    }

    /// Wall-clock time of an instant in this zone, for DTSTART;TZID=….
    public func localDateTime(_ instant: UTCInstant) -> LocalDateTime {
        LocalDateTime(instant, offset: offset(at: instant))
    }

    /// Whether times in this zone are plain UTC (then events are written in UTC
    /// and need no VTIMEZONE).
    public var isUTC: Bool {
        ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu", "UCT", "Etc/UCT"]
            .contains(timeZone.identifier) || (timeZone.secondsFromGMT() == 0 && timeZone.nextDaylightSavingTimeTransition == nil
                                                && timeZone.identifier.hasPrefix("GMT"))
    }

    /// The VTIMEZONE for an event from `start` to `end`: the observance in force
    /// at `start` and every change up to `end` (RFC 5545 §3.6.5 lets a
    /// VTIMEZONE carry only the observances the calendar data needs). A zone
    /// with no change in the year before `start` gets a single STANDARD.
    public func definition(covering start: UTCInstant, to end: UTCInstant) -> TimeZoneDefinition {
        var transitions: [UTCInstant] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(start.secondsSinceEpoch - 400 * 86_400))
        let last = Date(timeIntervalSince1970: TimeInterval(end.secondsSinceEpoch))
        var guardCount = 0
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next <= last, guardCount < 64 {
            transitions.append(UTCInstant(secondsSinceEpoch: Int64(next.timeIntervalSince1970.rounded(.down))))
            cursor = next
            guardCount += 1
        }
        // Keep the last change at or before the start, and those during the event.
        let before = transitions.last { $0 <= start }
        let during = transitions.filter { $0 > start }
        let kept = (before.map { [$0] } ?? []) + during
        guard !kept.isEmpty else {
            let o = offset(at: start)
            return TimeZoneDefinition(tzid: timeZone.identifier, observances: [
                .init(isDaylight: false, onsetLocal: LocalDateTime(year: 1970, month: 1, day: 1), offsetFrom: o, offsetTo: o,
                      name: Self.usableName(timeZone.abbreviation(for: Date(timeIntervalSince1970: TimeInterval(start.secondsSinceEpoch))))),
            ])
        }
        let observances = kept.map { t -> TimeZoneDefinition.Observance in
            let from = offset(at: t.adding(seconds: -1))
            let to = offset(at: t)
            let date = Date(timeIntervalSince1970: TimeInterval(t.secondsSinceEpoch))
            return .init(isDaylight: timeZone.isDaylightSavingTime(for: date), onsetLocal: LocalDateTime(t, offset: from),
                         offsetFrom: from, offsetTo: to, name: Self.usableName(timeZone.abbreviation(for: date)))
        }
        return TimeZoneDefinition(tzid: timeZone.identifier, observances: observances)
    }

    /// "CET" is a name; "GMT+1", which some systems give instead, says nothing
    /// TZOFFSETTO does not.
    private static func usableName(_ abbreviation: String?) -> String? {
        guard let a = abbreviation, !a.isEmpty, !a.hasPrefix("GMT"), !a.hasPrefix("UTC"),
              a.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) }) else { return nil }
        return a
    }
}
