/// A VTIMEZONE (RFC 5545 §3.6.5) as plain data: the observances that cover
/// the times an event uses. A writer needs no time zone database: whoever
/// builds this (LocalTime, from the system's zone data) lists the transitions.
public struct TimeZoneDefinition: Equatable, Sendable {
    public struct Observance: Equatable, Sendable {
        /// STANDARD or DAYLIGHT.
        public var isDaylight: Bool
        /// When this observance begins, as the wall-clock time just before it
        /// (RFC 5545 §3.6.5: DTSTART is local time in the offset it replaces).
        public var onsetLocal: LocalDateTime
        public var offsetFrom: Int
        public var offsetTo: Int
        public var name: String?
        /// A yearly rule (RFC 5545 §3.6.5: the observance recurs by RRULE from
        /// `onsetLocal`), e.g. `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`; nil: once.
        public var rrule: String?

        public init(isDaylight: Bool, onsetLocal: LocalDateTime, offsetFrom: Int, offsetTo: Int, name: String? = nil, rrule: String? = nil) {
            self.isDaylight = isDaylight
            self.onsetLocal = onsetLocal
            self.offsetFrom = offsetFrom
            self.offsetTo = offsetTo
            self.name = name
            self.rrule = rrule
        }
    }

    public var tzid: String
    public var observances: [Observance]

    public init(tzid: String, observances: [Observance]) {
        self.tzid = tzid
        self.observances = observances
    }

    public func write(to w: inout ContentLineWriter) {
        w.write("BEGIN", value: "VTIMEZONE")
        w.write("TZID", value: tzid)
        for o in observances {
            let kind = o.isDaylight ? "DAYLIGHT" : "STANDARD"
            w.write("BEGIN", value: kind)
            w.write("DTSTART", value: o.onsetLocal.iCalendarString)
            if let rrule = o.rrule { w.write("RRULE", value: rrule) }
            w.write("TZOFFSETFROM", value: Self.utcOffset(o.offsetFrom))
            w.write("TZOFFSETTO", value: Self.utcOffset(o.offsetTo))
            if let name = o.name, !name.isEmpty { w.write("TZNAME", value: ContentLineWriter.escapeText(name)) }
            w.write("END", value: kind)
        }
        w.write("END", value: "VTIMEZONE")
    }

    /// UTC-OFFSET value (RFC 5545 §3.3.14): +HHMM, or +HHMMSS when seconds are
    /// not zero; "-0000" is not allowed, so zero is "+0000".
    public static func utcOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let a = abs(seconds)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let base = sign + two(a / 3600) + two(a / 60 % 60)
        return a % 60 == 0 ? base : base + two(a % 60)
    }
}

/// A wall-clock date and time with no zone (RFC 5545 §3.3.5 form 1 or 3,
/// depending on the TZID next to it).
public struct LocalDateTime: Equatable, Hashable, Sendable {
    public var year, month, day, hour, minute, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }

    /// The civil fields of `instant` shifted by `offset` seconds.
    public init(_ instant: UTCInstant, offset: Int) {
        let c = instant.adding(seconds: Int64(offset)).components
        self.init(year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute, second: c.second)
    }

    /// `20261208T150000`: no `Z`, the zone is in the TZID parameter.
    public var iCalendarString: String {
        year.zeroPadded(to: 4) + month.zeroPadded(to: 2) + day.zeroPadded(to: 2) + "T"
            + hour.zeroPadded(to: 2) + minute.zeroPadded(to: 2) + second.zeroPadded(to: 2)
    }
}
