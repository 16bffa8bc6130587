import FreeBusy
import ICalendar
import LocalTime

/// Changing one occurrence of a repeating meeting on its own.
extension CalendarObject {
    /// One occurrence at a new time, the rest of the series as it is (`avail
    /// move --occurrence`): RFC 5545 §3.8.4.4 and RFC 5546 §3.2.2.1 make it
    /// an overridden instance in the same resource, a VEVENT with the
    /// occurrence's RECURRENCE-ID (in DTSTART's form) and its own times. An
    /// occurrence already overridden has that VEVENT changed; else one is made
    /// from the master, without its rule (RRULE, RDATE, EXDATE belong to the
    /// series). The instance is a new version of that occurrence (SEQUENCE
    /// above the series', RFC 5546 §2.1.4) with everyone asked again; the
    /// master and its answers stay. Its times take DTSTART's form (TZID,
    /// UTC, floating); an all-day series is refused (its occurrences are
    /// days, not times to move).
    public func movingOccurrence(_ occurrence: SeriesOccurrence, start: UTCInstant, end: UTCInstant, now: UTCInstant,
                                 floatingZone: DisplayZone? = nil) throws(MeetingError) -> CalendarObject {
        guard end > start else { throw .endBeforeStart }
        let meeting = try Meeting(self)
        guard isRecurring, let index = masterIndex else { throw .occurrenceNotMovable(uid: meeting.uid, reason: "it does not repeat") }
        let resolver = EventTimeResolver(calendar: calendar, floatingZone: floatingZone)
        let master = calendar.components[index]
        guard let startLine = master.property("DTSTART") else { throw .missingProperty("DTSTART", uid: meeting.uid) }
        let form = try EventTime(startLine)
        if case .date = form { throw .occurrenceNotMovable(uid: meeting.uid, reason: "it is all-day") }
        let parameters = startLine.parameters.filter { ["TZID", "VALUE"].contains($0.name.uppercased()) }
        func line(_ name: String, _ instant: UTCInstant) throws(MeetingError) -> ContentLine {
            ContentLine(name: name, parameters: parameters, value: try Self.value(of: instant, like: form, resolver: resolver))
        }
        let existing = calendar.components.firstIndex { c in
            c.name == "VEVENT" && c.property("RECURRENCE-ID").flatMap { try? resolver.instant(try EventTime($0)) } == occurrence.recurrenceID
        }
        var instance: Component
        if let existing {
            instance = calendar.components[existing]
        } else {
            instance = master
            instance.properties.removeAll { ["RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID"].contains($0.name) }
            instance.components.removeAll { $0.name == "VALARM" }
            let after = instance.properties.firstIndex { $0.name == "DTSTART" } ?? instance.properties.count
            instance.properties.insert(try line("RECURRENCE-ID", occurrence.recurrenceID), at: after)
        }
        replace(&instance, "DTSTART", with: try line("DTSTART", start))
        if instance.property("DURATION") != nil, instance.property("DTEND") == nil {
            replace(&instance, "DURATION", with: ContentLine(name: "DURATION", value: Self.durationValue(end.secondsSinceEpoch - start.secondsSinceEpoch)))
        } else {
            replace(&instance, "DTEND", with: try line("DTEND", end))
        }
        let instanceSequence = instance.property("SEQUENCE").flatMap { Int($0.value) } ?? 0
        instance.setValue("SEQUENCE", String(max(meeting.nextSequence, min(instanceSequence, Int(Int32.max) - 1) + 1)))
        instance.setValue("DTSTAMP", now.iCalendarString)
        Self.askAgain(&instance, organizer: meeting.organizer)
        var object = self
        if let existing {
            object.calendar.components[existing] = instance
        } else {
            object.calendar.components.append(instance)
        }
        return object
    }
}
