import ICalendar

/// How a wall-clock time typed by someone became an instant, and whether the
/// zone's clock change made that a choice. RFC 5545 §3.3.5 gives the rule avail
/// follows everywhere: a time inside a gap (clocks go forward) means the time
/// that many minutes after the gap; a time that happens twice (clocks go back)
/// means the first. (Servers do not all read TZID times that way, so
/// MeetingEvent writes a time in the repeated hour in UTC.)
public struct LocalTimeResolution: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The wall clock shows this time exactly once.
        case exact
        /// The wall clock skips this time: clocks go forward by `gap` seconds,
        /// and the instant is the typed time read with the offset before the
        /// change, which the clock then shows `gap` seconds later.
        case skipped(gap: Int)
        /// The wall clock shows this time twice; the instant is the first,
        /// `later` the second.
        case repeated(later: UTCInstant)
    }

    public let local: LocalDateTime
    public let instant: UTCInstant
    public let kind: Kind

    public init(local: LocalDateTime, instant: UTCInstant, kind: Kind) {
        self.local = local
        self.instant = instant
        self.kind = kind
    }

    /// One line telling the user which instant was used, or nil when the time
    /// was not in doubt: "02:30 does not exist on 2028-03-26 in Europe/Berlin
    /// (clocks go forward); using 03:30 CEST".
    public func note(in zone: DisplayZone) -> String? {
        let time = "\(local.hour.zeroPadded(to: 2)):\(local.minute.zeroPadded(to: 2))" + (local.second == 0 ? "" : ":\(local.second.zeroPadded(to: 2))")
        let date = "\(local.year.zeroPadded(to: 4))-\(local.month.zeroPadded(to: 2))-\(local.day.zeroPadded(to: 2))"
        func shown(_ i: UTCInstant) -> String { "\(zone.formatTime(i)) \(zone.abbreviation(at: i))" }
        switch kind {
        case .exact:
            return nil
        case .skipped:
            return "\(time) does not exist on \(date) in \(zone.identifier) (clocks go forward); using \(shown(instant))"
        case let .repeated(later):
            return "\(time) happens twice on \(date) in \(zone.identifier) (clocks go back); using the first, \(shown(instant)) "
                + "(for the second, \(shown(later)), write \(date)T\(time)\(Self.isoOffset(zone.offset(at: later))))"
        }
    }

    /// `+01:00`, `-05:00`: the offset as TimeArgument reads it back.
    static func isoOffset(_ seconds: Int) -> String {
        let a = abs(seconds)
        return (seconds < 0 ? "-" : "+") + (a / 3600).zeroPadded(to: 2) + ":" + (a / 60 % 60).zeroPadded(to: 2)
    }
}
