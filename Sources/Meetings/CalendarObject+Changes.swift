import FreeBusy
import ICalendar
import LocalTime

/// The organizer's changes to a stored meeting. Each edits the stored
/// components and keeps every property and parameter it does not mean to
/// change, so that what other clients and the server put there survives.
extension CalendarObject {
    /// A person to add, with their name when it is known.
    public struct Invitee: Equatable, Sendable {
        public var address: CalendarUserAddress
        public var name: String?
        public init(address: CalendarUserAddress, name: String? = nil) { self.address = address; self.name = name }
    }

    /// The meeting at a new time. RFC 5546 §2.1.4: a change of time is a new
    /// version (SEQUENCE raised) and every answer given to the old time is void,
    /// so each invitee is asked again (PARTSTAT=NEEDS-ACTION, RSVP=TRUE). The
    /// client does this itself: Cyrus raises SEQUENCE but keeps the organizer's
    /// copy saying ACCEPTED, DAViCal resets PARTSTAT but keeps SEQUENCE.
    /// SCHEDULE-STATUS is the server's to write (RFC 6638 §7.3) and dropped.
    /// Times keep their form: a TZID stays a TZID (with a VTIMEZONE that covers
    /// the new times) unless the wall-clock time is ambiguous there, as in
    /// MeetingEvent; UTC and floating become UTC; an all-day event stays
    /// all-day when moved by whole days.
    public func moved(start: UTCInstant, end: UTCInstant, now: UTCInstant) throws(MeetingError) -> CalendarObject {
        guard end > start else { throw .endBeforeStart }
        let meeting = try Meeting(self)
        guard !isRecurring else { throw .recurring(uid: meeting.uid) }
        guard let index = masterIndex else { throw .noEvent }
        var object = self
        var event = object.calendar.components[index]
        let original = try event.property("DTSTART").map { line throws(MeetingError) in try EventTime(line) }
        var newZone: TimeZoneDefinition? = nil
        func timeLine(_ name: String, _ instant: UTCInstant, _ old: ContentLine?) -> ContentLine {
            var line = (old ?? ContentLine(name: name, value: "")).removing("TZID", "VALUE")
            if case .date = original, Self.isMidnightUTC(start), Self.isMidnightUTC(end) {
                line.parameters.append(.init(name: "VALUE", values: ["DATE"]))
                line.value = String(instant.iCalendarString.prefix(8))
            } else if let tzid = original?.tzid, let zone = Self.definition(tzid, in: self, covering: start, to: end),
                      let local = Self.unambiguousLocalTime(instant, in: zone) {
                line.parameters.append(.init(name: "TZID", values: [tzid]))
                line.value = local.iCalendarString
                newZone = zone
            } else {
                line.value = instant.iCalendarString
            }
            return line
        }
        let startLine = timeLine("DTSTART", start, event.property("DTSTART"))
        replace(&event, "DTSTART", with: startLine)
        if event.property("DURATION") != nil, event.property("DTEND") == nil {
            replace(&event, "DURATION", with: ContentLine(name: "DURATION", value: Self.durationValue(end.secondsSinceEpoch - start.secondsSinceEpoch)))
        } else {
            replace(&event, "DTEND", with: timeLine("DTEND", end, event.property("DTEND")))
        }
        event.setValue("SEQUENCE", String(meeting.nextSequence))
        event.setValue("DTSTAMP", now.iCalendarString)
        Self.askAgain(&event, organizer: meeting.organizer)
        object.calendar.components[index] = event
        if let newZone { object.replaceTimeZone(newZone) }
        return object
    }

    /// Cancelled but kept in the calendar (RFC 5546 §3.2.5 as the organizer's
    /// stored copy): STATUS:CANCELLED in a new version; the server sends the
    /// CANCEL to every attendee (RFC 6638 §3.2.1.2 applies to any change).
    public func cancelledKeepingIt(now: UTCInstant) throws(MeetingError) -> CalendarObject {
        let meeting = try Meeting(self)
        var object = try changingEvent { event throws(MeetingError) in
            event.setValue("STATUS", "CANCELLED")
            event.setValue("SEQUENCE", String(meeting.nextSequence))
            event.setValue("DTSTAMP", now.iCalendarString)
        }
        // A series: its occurrences changed on their own are cancelled with it.
        for i in object.calendar.components.indices where object.calendar.components[i].name == "VEVENT"
            && object.calendar.components[i].property("RECURRENCE-ID") != nil {
            object.calendar.components[i].setValue("STATUS", "CANCELLED")
            object.calendar.components[i].setValue("SEQUENCE", String(meeting.nextSequence))
        }
        return object
    }

    /// New attendees (RFC 5546 §2.1.2: adding people needs no new SEQUENCE;
    /// the server sends them a REQUEST). People already there are left alone.
    public func addingAttendees(_ people: [Invitee], now: UTCInstant) throws(MeetingError) -> CalendarObject {
        let present = Set(try Meeting(self).attendees.map(\.address.matchKey))
        return try changingEvent { event throws(MeetingError) in
            var added = Set<String>()
            for p in people where !present.contains(p.address.matchKey) && !added.contains(p.address.matchKey) {
                added.insert(p.address.matchKey)
                event.properties.append(ContentLine(name: "ATTENDEE", parameters: ContentLine.Parameter.commonName(p.name) + [
                    .init(name: "CUTYPE", values: ["INDIVIDUAL"]), .init(name: "ROLE", values: ["REQ-PARTICIPANT"]),
                    .init(name: "PARTSTAT", values: ["NEEDS-ACTION"]), .init(name: "RSVP", values: ["TRUE"]),
                ], value: p.address.uri))
            }
            event.setValue("DTSTAMP", now.iCalendarString)
        }
    }

    /// Attendees taken off (the server sends each a CANCEL, RFC 6638
    /// §3.2.1.2). The organizer's own line is never removed.
    public func removingAttendees(_ addresses: [CalendarUserAddress], now: UTCInstant) throws(MeetingError) -> CalendarObject {
        let organizer = try Meeting(self).organizer?.matchKey
        let gone = Set(addresses.map(\.matchKey)).subtracting([organizer].compactMap { $0 })
        return try changingEvent { event throws(MeetingError) in
            event.properties.removeAll { $0.name == "ATTENDEE" && gone.contains(CalendarUserAddress(uncheckedURI: $0.value).matchKey) }
            event.setValue("DTSTAMP", now.iCalendarString)
        }
    }

    /// RFC 6638 §7.1: SCHEDULE-AGENT=CLIENT tells the server that the client
    /// looks after these attendees (avail writes them an iTIP file to mail), so
    /// the server stops trying; their SCHEDULE-STATUS goes with it.
    public func markingClientScheduled(_ addresses: [CalendarUserAddress]) throws(MeetingError) -> CalendarObject {
        let wanted = Set(addresses.map(\.matchKey))
        return try changingEvent { event throws(MeetingError) in
            for i in event.properties.indices where event.properties[i].name == "ATTENDEE"
                && wanted.contains(CalendarUserAddress(uncheckedURI: event.properties[i].value).matchKey) {
                event.properties[i] = event.properties[i].removing("SCHEDULE-STATUS").setting("SCHEDULE-AGENT", "CLIENT")
            }
        }
    }

    /// An attendee's answer in their own copy (RFC 6638 §3.2.2: the server
    /// turns it into a REPLY to the organizer).
    public func answering(as attendee: CalendarUserAddress, _ participation: Participation, now: UTCInstant) throws(MeetingError) -> CalendarObject {
        try changingEvent { event throws(MeetingError) in
            for i in event.properties.indices where event.properties[i].name == "ATTENDEE"
                && CalendarUserAddress(uncheckedURI: event.properties[i].value).matchKey == attendee.matchKey {
                event.properties[i] = event.properties[i].removing("SCHEDULE-STATUS", "RSVP").setting("PARTSTAT", participation.value)
            }
            event.setValue("DTSTAMP", now.iCalendarString)
        }
    }

    // MARK: Helpers

    private func changingEvent(_ change: (inout Component) throws(MeetingError) -> Void) throws(MeetingError) -> CalendarObject {
        guard let index = masterIndex else { throw .noEvent }
        var object = self
        try change(&object.calendar.components[index])
        return object
    }

    func replace(_ event: inout Component, _ name: String, with line: ContentLine) {
        if let i = event.properties.firstIndex(where: { $0.name == name }) {
            event.properties[i] = line
            event.properties.removeAll { $0.name == name && $0 != line }
        } else {
            event.properties.append(line)
        }
    }

    /// Every invitee asked again; the organizer's own line only loses its status.
    static func askAgain(_ event: inout Component, organizer: CalendarUserAddress?) {
        for i in event.properties.indices where event.properties[i].name == "ATTENDEE" {
            let line = event.properties[i].removing("SCHEDULE-STATUS")
            if CalendarUserAddress(uncheckedURI: line.value).matchKey == organizer?.matchKey {
                event.properties[i] = line
            } else {
                event.properties[i] = line.setting("PARTSTAT", "NEEDS-ACTION").setting("RSVP", "TRUE")
            }
        }
    }

    /// The object's VTIMEZONE for `tzid` replaced by `zone` (or added before the events).
    private mutating func replaceTimeZone(_ zone: TimeZoneDefinition) {
        var w = ContentLineWriter()
        zone.write(to: &w)
        guard let component = (try? Component.parse(w.text))?.first else { return }
        if let i = calendar.components.firstIndex(where: { $0.name == "VTIMEZONE" && $0.property("TZID")?.value == zone.tzid }) {
            calendar.components[i] = component
        } else {
            let first = calendar.components.firstIndex { $0.name == "VEVENT" } ?? calendar.components.count
            calendar.components.insert(component, at: first)
        }
    }

    /// The zone's rules for the new times: the system's zone data of that name
    /// (the stored VTIMEZONE may list only the observances of the old time),
    /// else the stored VTIMEZONE itself.
    private static func definition(_ tzid: String, in object: CalendarObject, covering start: UTCInstant,
                                   to end: UTCInstant) -> TimeZoneDefinition? {
        if let zone = DisplayZone.named(tzid), zone.identifier == tzid {
            var d = zone.definition(covering: start, to: end)
            d.tzid = tzid
            return d
        }
        return EventTimeResolver(calendar: object.calendar).definitions[tzid]
    }

    /// The wall-clock time of `instant` in `zone` if it names no other instant
    /// (the rule MeetingEvent follows: a repeated hour is written in UTC).
    private static func unambiguousLocalTime(_ instant: UTCInstant, in zone: TimeZoneDefinition) -> LocalDateTime? {
        let local = zone.localDateTime(instant)
        return zone.readings(of: local) == [instant] ? local : nil
    }

    private static func isMidnightUTC(_ i: UTCInstant) -> Bool { i.secondsSinceEpoch % 86_400 == 0 }

    /// DURATION (RFC 5545 §3.3.6): `P1DT2H30M`, `PT45M`.
    public static func durationValue(_ seconds: Int64) -> String {
        var s = max(0, seconds)
        let days = s / 86_400; s %= 86_400
        let h = s / 3600, m = s / 60 % 60, sec = s % 60
        var out = "P" + (days > 0 ? "\(days)D" : "")
        if h > 0 || m > 0 || sec > 0 || days == 0 {
            out += "T" + (h > 0 ? "\(h)H" : "") + (m > 0 ? "\(m)M" : "") + (sec > 0 || (h == 0 && m == 0) ? "\(sec)S" : "")
        }
        return out
    }
}
