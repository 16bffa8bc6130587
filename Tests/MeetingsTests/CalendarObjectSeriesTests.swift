import Testing
import FreeBusy
import ICalendar
import Meetings

/// `avail move --series`: the whole series shifts, with what names its
/// occurrences (EXDATE, RDATE, UNTIL) shifting along, and what cannot be
/// shifted honestly is refused.
@Suite struct CalendarObjectSeriesTests {
    let now = UTCInstant(secondsSinceEpoch: 1_796_000_000)

    func series(_ extra: String, start: String = "DTSTART;TZID=Europe/Berlin:20340307T100000\r\nDTEND;TZID=Europe/Berlin:20340307T110000\r\n",
                overrides: String = "") throws -> CalendarObject {
        try CalendarObject(parsing: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:s1\r\nSUMMARY:Weekly\r\nSEQUENCE:2\r\n" + start + extra
            + "ORGANIZER:mailto:alice@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:alice@example.com\r\n"
            + "ATTENDEE;PARTSTAT=ACCEPTED;SCHEDULE-STATUS=2.0:mailto:bob@example.com\r\nEND:VEVENT\r\n" + overrides + "END:VCALENDAR\r\n")
    }

    func value(_ o: CalendarObject, _ name: String) -> [String] { o.event.properties(named: name).map(\.value) }

    @Test func anHourLaterKeepsTheZoneAndMovesExclusionsAndUntil() throws {
        let o = try series("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20340425T090000Z\r\nEXDATE;TZID=Europe/Berlin:20340321T100000\r\n")
        let moved = try o.shiftedSeries(by: 3600, length: nil, now: now)
        #expect(value(moved, "DTSTART") == ["20340307T110000"])
        #expect(moved.event.property("DTSTART")?.parameter("TZID") == "Europe/Berlin")
        #expect(value(moved, "DTEND") == ["20340307T120000"])
        #expect(value(moved, "EXDATE") == ["20340321T110000"])
        #expect(value(moved, "RRULE") == ["FREQ=WEEKLY;BYDAY=TU;UNTIL=20340425T100000Z"])
        #expect(value(moved, "SEQUENCE") == ["3"])
        let bob = try #require(moved.event.properties(named: "ATTENDEE").first { $0.value.hasSuffix("bob@example.com") })
        #expect(bob.parameter("PARTSTAT") == "NEEDS-ACTION" && bob.parameter("RSVP") == "TRUE" && bob.parameter("SCHEDULE-STATUS") == nil)
        // A new length: DTEND from the new start.
        let longer = try o.shiftedSeries(by: 0, length: 5400, now: now)
        #expect(value(longer, "DTSTART") == ["20340307T100000"] && value(longer, "DTEND") == ["20340307T113000"])
    }

    @Test func anotherDayIsRefusedWhenTheRuleNamesDays() throws {
        let byDay = try series("RRULE:FREQ=WEEKLY;BYDAY=TU\r\n")
        let refusal = #expect(throws: MeetingError.self) { try byDay.shiftedSeries(by: 86_400, length: nil, now: now) }
        #expect(refusal.map { "\($0)" }?.contains("names days") == true)
        // Without BY… parts the rule follows the start: a day later is fine, RDATEs too.
        let plain = try series("RRULE:FREQ=WEEKLY;COUNT=4\r\nRDATE:20340401T090000Z\r\n", start: "DTSTART:20340307T090000Z\r\nDURATION:PT1H\r\n")
        let moved = try plain.shiftedSeries(by: 86_400, length: nil, now: now)
        #expect(value(moved, "DTSTART") == ["20340308T090000Z"] && value(moved, "RDATE") == ["20340402T090000Z"])
        #expect(value(moved, "DURATION") == ["PT1H"])
    }

    @Test func changedOccurrencesAndSingleMeetingsAreRefused() throws {
        let withOverride = try series("RRULE:FREQ=WEEKLY\r\n", overrides:
            "BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID;TZID=Europe/Berlin:20340314T100000\r\nDTSTART;TZID=Europe/Berlin:20340314T120000\r\nDTEND;TZID=Europe/Berlin:20340314T130000\r\nEND:VEVENT\r\n")
        #expect(throws: MeetingError.seriesNotMovable(uid: "s1", reason: "some of its occurrences were changed on their own")) {
            try withOverride.shiftedSeries(by: 3600, length: nil, now: now)
        }
        #expect(throws: MeetingError.seriesNotMovable(uid: "s1", reason: "it does not repeat")) {
            try series("").shiftedSeries(by: 3600, length: nil, now: now)
        }
        let allDay = try series("RRULE:FREQ=WEEKLY\r\n", start: "DTSTART;VALUE=DATE:20340307\r\n")
        #expect(throws: MeetingError.self) { try allDay.shiftedSeries(by: 3600, length: nil, now: now) }
        #expect(value(try allDay.shiftedSeries(by: 2 * 86_400, length: nil, now: now), "DTSTART") == ["20340309"])
    }

    @Test func cancellingAKeptSeriesCancelsItsChangedOccurrencesToo() throws {
        let o = try series("RRULE:FREQ=WEEKLY\r\n", overrides:
            "BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID;TZID=Europe/Berlin:20340314T100000\r\nDTSTART;TZID=Europe/Berlin:20340314T120000\r\nDTEND;TZID=Europe/Berlin:20340314T130000\r\nEND:VEVENT\r\n")
        let cancelled = try o.cancelledKeepingIt(now: now)
        let events = cancelled.calendar.components.filter { $0.name == "VEVENT" }
        #expect(events.count == 2 && events.allSatisfy { $0.property("STATUS")?.value == "CANCELLED" })
    }

    @Test func repetitionInWords() throws {
        #expect(try Meeting(try series("RRULE:FREQ=WEEKLY\r\n")).repeats == "weekly")
        #expect(try Meeting(try series("RRULE:FREQ=DAILY;INTERVAL=3\r\n")).repeats == "every 3 days")
        #expect(try Meeting(try series("RDATE:20340401T090000Z\r\n")).repeats == "on set dates")
        #expect(try Meeting(try series("")).repeats == nil)
    }

    /// One occurrence cancelled: an EXDATE in the master's form (TZID wall
    /// clock) in a new SEQUENCE; the expansion then leaves it out. An
    /// override of that occurrence goes with it.
    @Test func oneOccurrenceIsCancelledByAnExclusion() throws {
        let override = "BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID;TZID=Europe/Berlin:20340314T100000\r\nDTSTART;TZID=Europe/Berlin:20340314T120000\r\nDTEND;TZID=Europe/Berlin:20340314T130000\r\nEND:VEVENT\r\n"
        let o = try series("RRULE:FREQ=WEEKLY;COUNT=4\r\n", overrides: override)
        let second = try UTCInstant.parseICalendarUTC("20340314T090000Z")
        let occurrence = SeriesOccurrence(span: TimeSpan(start: second.adding(seconds: 7200), end: second.adding(seconds: 10800))!, recurrenceID: second,
                                          event: o.calendar.components.filter { $0.name == "VEVENT" }[1])
        let cancelled = try o.cancellingOccurrence(occurrence, now: now)
        let events = cancelled.calendar.components.filter { $0.name == "VEVENT" }
        #expect(events.count == 1, "the override stayed")
        let exdate = try #require(events[0].property("EXDATE"))
        #expect(exdate.value == "20340314T100000" && exdate.parameter("TZID") == "Europe/Berlin")
        #expect(events[0].property("SEQUENCE")?.value == "3" && events[0].property("RRULE")?.value == "FREQ=WEEKLY;COUNT=4")
        // Read back through the text, the occurrence is gone from the series.
        let reread = try CalendarObject(parsing: cancelled.iCalendarText)
        #expect(reread.event.properties(named: "EXDATE").map(\.value) == ["20340314T100000"])
        let utc = try CalendarObject(parsing: try series("RRULE:FREQ=WEEKLY\r\n", start: "DTSTART:20340307T090000Z\r\nDTEND:20340307T100000Z\r\n").iCalendarText)
        let plain = SeriesOccurrence(span: TimeSpan(start: second, end: second.adding(seconds: 3600))!, recurrenceID: second, event: utc.event)
        #expect(try utc.cancellingOccurrence(plain, now: now).event.property("EXDATE")?.value == "20340314T090000Z")
        #expect(throws: MeetingError.self) { try series("").cancellingOccurrence(plain, now: now) }
    }
}
