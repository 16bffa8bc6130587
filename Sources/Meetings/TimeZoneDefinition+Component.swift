import ICalendar

extension TimeZoneDefinition {
    /// Reads a VTIMEZONE (RFC 5545 §3.6.5) whose observances are listed one by
    /// one, as avail and many servers write them. Nil when it is not readable,
    /// or when an observance repeats by RRULE or RDATE: those are left to the
    /// system's zone data for the same TZID (the caller decides), rather than
    /// expanded here half right.
    public init?(vtimezone c: Component) {
        guard c.name == "VTIMEZONE", let tzid = c.property("TZID")?.value, !tzid.isEmpty else { return nil }
        var observances: [Observance] = []
        for o in c.components where o.name == "STANDARD" || o.name == "DAYLIGHT" {
            guard o.property("RRULE") == nil, o.property("RDATE") == nil,
                  let start = o.property("DTSTART").flatMap({ EventTime.localDateTime($0.value) }),
                  let from = o.property("TZOFFSETFROM").flatMap({ Self.offsetSeconds($0.value) }),
                  let to = o.property("TZOFFSETTO").flatMap({ Self.offsetSeconds($0.value) })
            else { return nil }
            observances.append(Observance(isDaylight: o.name == "DAYLIGHT", onsetLocal: start, offsetFrom: from, offsetTo: to,
                                          name: o.property("TZNAME")?.value))
        }
        guard !observances.isEmpty else { return nil }
        self.init(tzid: tzid, observances: observances)
    }

    /// UTC-OFFSET (RFC 5545 §3.3.14): `+HHMM` or `+HHMMSS`.
    static func offsetSeconds(_ text: String) -> Int? {
        let u = Array(text.utf8)
        guard u.count == 5 || u.count == 7, u[0] == UInt8(ascii: "+") || u[0] == UInt8(ascii: "-"),
              u.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        func n(_ i: Int) -> Int { Int(u[i] - 0x30) * 10 + Int(u[i + 1] - 0x30) }
        let hours = n(1), minutes = n(3), seconds = u.count == 7 ? n(5) : 0
        guard hours < 24, minutes < 60, seconds < 60 else { return nil }
        let total = hours * 3600 + minutes * 60 + seconds
        return u[0] == UInt8(ascii: "-") ? -total : total
    }
}
