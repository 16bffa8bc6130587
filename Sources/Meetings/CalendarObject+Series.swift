import FreeBusy
import ICalendar
import LocalTime

/// Changing a repeating meeting as a whole.
extension CalendarObject {
    /// Every occurrence moved by `offset` seconds (`avail move --series`):
    /// DTSTART, DTEND, EXDATE, RDATE and RRULE's UNTIL of the master all
    /// shift alike, so the same occurrences stay excluded and the series
    /// keeps its count (RFC 5545 §3.8.5). A time with a TZID or a floating
    /// time shifts on the wall clock (a weekly 10:00 stays 10:00 across a
    /// clock change), UTC shifts exactly, a date by whole days only.
    /// `length`: the new length of each occurrence (nil: as it is).
    /// A new version with everyone asked again, as for a single move (RFC
    /// 5546 §2.1.4). Refused: a rule that names days (BYDAY, BYMONTHDAY, …)
    /// when the move changes the day (the rule would then pick other days
    /// than the start), and a series with occurrences changed on their own
    /// (their RECURRENCE-IDs name the old times; RFC 5545 §3.8.4.4).
    public func shiftedSeries(by offset: Int64, length: Int64?, now: UTCInstant) throws(MeetingError) -> CalendarObject {
        let meeting = try Meeting(self)
        guard isRecurring, let index = masterIndex else { throw .seriesNotMovable(uid: meeting.uid, reason: "it does not repeat") }
        if calendar.components.contains(where: { $0.name == "VEVENT" && $0.property("RECURRENCE-ID") != nil }) {
            throw .seriesNotMovable(uid: meeting.uid, reason: "some of its occurrences were changed on their own")
        }
        if let length, length <= 0 { throw .endBeforeStart }
        var object = self
        var event = object.calendar.components[index]
        guard let startLine = event.property("DTSTART") else { throw .missingProperty("DTSTART", uid: meeting.uid) }
        let start = try EventTime(startLine)
        let shiftedStart = try Self.shifted(start, by: offset, uid: meeting.uid)
        let dayChange = Self.day(shiftedStart) - Self.day(start)
        var rule = event.property("RRULE")
        if dayChange != 0, let r = rule,
           r.value.uppercased().split(separator: ";").contains(where: { $0.hasPrefix("BY") }) {
            throw .seriesNotMovable(uid: meeting.uid, reason: "its rule (\(r.value)) names days, and this moves it to another day")
        }
        if var r = rule {
            r.value = try Self.shiftingUntil(r.value, by: offset, days: dayChange, uid: meeting.uid)
            rule = r
            replace(&event, "RRULE", with: r)
        }
        func shiftLine(_ line: ContentLine) throws(MeetingError) -> ContentLine {
            var out = line
            var values: [String] = []
            for part in line.value.split(separator: ",") {
                // RFC 5545 §3.3.9: an RDATE PERIOD is a start and an end or a duration.
                let pieces = part.split(separator: "/", maxSplits: 1).map(String.init)
                var shiftedPieces: [String] = []
                for (i, piece) in pieces.enumerated() {
                    if i == 1 && piece.hasPrefix("P") { shiftedPieces.append(piece); continue }
                    let time = try EventTime(ContentLine(name: line.name, parameters: pieces.count == 2 ? line.parameters.filter { $0.name.uppercased() != "VALUE" } : line.parameters,
                                                         value: piece))
                    shiftedPieces.append(Self.value(try Self.shifted(time, by: offset, uid: meeting.uid)))
                }
                values.append(shiftedPieces.joined(separator: "/"))
            }
            out.value = values.joined(separator: ",")
            return out
        }
        replace(&event, "DTSTART", with: try shiftLine(startLine))
        if let length {
            if let duration = event.property("DURATION"), event.property("DTEND") == nil {
                var d = duration
                d.value = Self.durationValue(length)
                replace(&event, "DURATION", with: d)
            } else {
                var end = event.property("DTEND") ?? ContentLine(name: "DTEND", parameters: startLine.parameters, value: "")
                end.parameters = startLine.parameters
                end.value = Self.value(try Self.shifted(start, by: offset + length, uid: meeting.uid))
                replace(&event, "DTEND", with: end)
            }
        } else if let end = event.property("DTEND") {
            replace(&event, "DTEND", with: try shiftLine(end))
        }
        for name in ["EXDATE", "RDATE"] {
            for i in event.properties.indices where event.properties[i].name == name {
                event.properties[i] = try shiftLine(event.properties[i])
            }
        }
        event.setValue("SEQUENCE", String(meeting.nextSequence))
        event.setValue("DTSTAMP", now.iCalendarString)
        Self.askAgain(&event, organizer: meeting.organizer)
        object.calendar.components[index] = event
        return object
    }

    static func shifted(_ time: EventTime, by offset: Int64, uid: String) throws(MeetingError) -> EventTime {
        func wallClock(_ l: LocalDateTime) throws(MeetingError) -> LocalDateTime {
            guard let asUTC = UTCInstant(year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute, second: l.second) else {
                throw .invalidTime(property: "DTSTART", value: l.iCalendarString)
            }
            return LocalDateTime(asUTC.adding(seconds: offset), offset: 0)
        }
        switch time {
        case let .utc(i): return .utc(i.adding(seconds: offset))
        case let .zoned(l, tzid): return .zoned(try wallClock(l), tzid: tzid)
        case let .floating(l): return .floating(try wallClock(l))
        case let .date(l):
            guard offset % 86_400 == 0 else { throw .seriesNotMovable(uid: uid, reason: "it is all-day, and this is not a move by whole days") }
            return .date(try wallClock(l))
        }
    }

    /// The value as written in a DTSTART-like line whose parameters stay as they were.
    static func value(_ time: EventTime) -> String {
        switch time {
        case let .utc(i): return i.iCalendarString
        case let .zoned(l, _), let .floating(l): return l.iCalendarString
        case let .date(l): return String(l.iCalendarString.prefix(8))
        }
    }

    /// The day number of a time's own calendar date (for a UTC time, its UTC date).
    static func day(_ time: EventTime) -> Int64 {
        switch time {
        case let .utc(i): return i.secondsSinceEpoch >= 0 ? i.secondsSinceEpoch / 86_400 : (i.secondsSinceEpoch - 86_399) / 86_400
        case let .zoned(l, _), let .floating(l), let .date(l): return CivilDate.daysFromCivil(year: l.year, month: l.month, day: l.day)
        }
    }

    /// RRULE with UNTIL moved along (RFC 5545 §3.3.10: UNTIL is a DATE or a
    /// DATE-TIME in the form of DTSTART); a DATE moves by the days the start moved.
    static func shiftingUntil(_ rule: String, by offset: Int64, days: Int64, uid: String) throws(MeetingError) -> String {
        var parts: [String] = []
        for part in rule.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, kv[0].uppercased() == "UNTIL" else { parts.append(String(part)); continue }
            let time = try EventTime(ContentLine(name: "UNTIL", value: kv[1]))
            let moved: EventTime
            if case .date = time { moved = try shifted(time, by: days * 86_400, uid: uid) } else { moved = try shifted(time, by: offset, uid: uid) }
            parts.append("UNTIL=" + value(moved))
        }
        return parts.joined(separator: ";")
    }
}

extension CalendarObject {
    /// One occurrence cancelled, the series left as it is (`avail cancel
    /// --occurrence`): an EXDATE for it on the master (RFC 5545 §3.8.5.1) in a
    /// new SEQUENCE, which the server passes on to the attendees' copies
    /// (Cyrus does; DAViCal stores it but leaves their copies without it, and
    /// answers 500 to an overridden instance marked STATUS:CANCELLED, the
    /// other way RFC 5546 §3.2.5 allows: Tests/Servers/README.md). An
    /// occurrence that was overridden loses its override with it.
    public func cancellingOccurrence(_ occurrence: SeriesOccurrence, now: UTCInstant,
                                     floatingZone: DisplayZone? = nil) throws(MeetingError) -> CalendarObject {
        let meeting = try Meeting(self)
        guard isRecurring, let index = masterIndex else { throw .seriesNotMovable(uid: meeting.uid, reason: "it does not repeat") }
        let resolver = EventTimeResolver(calendar: calendar, floatingZone: floatingZone)
        var master = calendar.components[index]
        guard let startLine = master.property("DTSTART") else { throw .missingProperty("DTSTART", uid: meeting.uid) }
        let value = try Self.value(of: occurrence.recurrenceID, like: try EventTime(startLine), resolver: resolver)
        let parameters = startLine.parameters.filter { ["TZID", "VALUE"].contains($0.name.uppercased()) }
        let after = master.properties.lastIndex { ["EXDATE", "RRULE", "RDATE", "DTEND", "DURATION", "DTSTART"].contains($0.name) }.map { $0 + 1 }
            ?? master.properties.count
        master.properties.insert(ContentLine(name: "EXDATE", parameters: parameters, value: value), at: after)
        master.setValue("SEQUENCE", String(meeting.nextSequence))
        master.setValue("DTSTAMP", now.iCalendarString)
        var object = self
        object.calendar.components[index] = master
        object.calendar.components.removeAll { c in
            c.name == "VEVENT" && c.property("RECURRENCE-ID").flatMap { try? resolver.instant(try EventTime($0)) } == occurrence.recurrenceID
        }
        return object
    }

    /// `instant` written in the form of `like` (RFC 5545 §3.8.4.4: a
    /// RECURRENCE-ID has DTSTART's value type and zone): UTC, the wall clock of
    /// the TZID (the object's VTIMEZONE, else the system's zone of that name),
    /// the floating zone's wall clock, or the date.
    static func value(of instant: UTCInstant, like form: EventTime, resolver: EventTimeResolver) throws(MeetingError) -> String {
        func wallClock(_ zone: String?) throws(MeetingError) -> LocalDateTime {
            if let zone, let definition = resolver.definitions[zone] { return definition.localDateTime(instant) }
            if let named = zone.flatMap({ DisplayZone.named($0) }) ?? (zone == nil ? resolver.floatingZone : nil) {
                return LocalDateTime(instant, offset: named.offset(at: instant))
            }
            if zone == nil { return LocalDateTime(instant, offset: 0) }
            throw .unknownZone(zone ?? "")
        }
        switch form {
        case .utc: return instant.iCalendarString
        case let .zoned(_, tzid): return try wallClock(tzid).iCalendarString
        case .floating: return try wallClock(nil).iCalendarString
        case .date: return String(try wallClock(nil).iCalendarString.prefix(8))
        }
    }
}
