import Testing
import FreeBusy
import ICalendar
import Meetings

/// `avail move --occurrence`: one occurrence moved becomes an overridden
/// instance (RFC 5545 §3.8.4.4) beside the master, which stays as it was.
@Suite struct CalendarObjectOccurrenceTests {
    let now = UTCInstant(secondsSinceEpoch: 1_796_000_000)
    let fixture = CalendarObjectSeriesTests()

    /// The second weekly occurrence: Tue 14 March 2034 10:00 Berlin (09:00Z, CET).
    func second(_ o: CalendarObject) throws -> SeriesOccurrence {
        let start = try #require(UTCInstant(year: 2034, month: 3, day: 14, hour: 9))
        return SeriesOccurrence(span: try #require(TimeSpan(start: start, end: start.adding(seconds: 3600))), recurrenceID: start, event: o.event)
    }

    func instances(_ o: CalendarObject) -> [Component] {
        o.calendar.components.filter { $0.name == "VEVENT" && $0.property("RECURRENCE-ID") != nil }
    }

    @Test func anOccurrenceBecomesAnInstanceInTheSeriesZoneAndTheMasterStays() throws {
        let o = try fixture.series("RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Europe/Berlin:20340328T100000\r\n")
        let start = try #require(UTCInstant(year: 2034, month: 3, day: 14, hour: 11))
        let moved = try o.movingOccurrence(try second(o), start: start, end: start.adding(seconds: 1800), now: now)
        #expect(moved.event == o.event, "the master and everyone's answers to it stay")
        let instance = try #require(instances(moved).first)
        #expect(instances(moved).count == 1)
        #expect(instance.property("RECURRENCE-ID")?.value == "20340314T100000" && instance.property("RECURRENCE-ID")?.parameter("TZID") == "Europe/Berlin")
        #expect(instance.property("DTSTART")?.value == "20340314T120000" && instance.property("DTSTART")?.parameter("TZID") == "Europe/Berlin")
        #expect(instance.property("DTEND")?.value == "20340314T123000")
        #expect(instance.property("RRULE") == nil && instance.property("EXDATE") == nil, "the rule belongs to the series")
        #expect(instance.property("SEQUENCE")?.value == "3" && instance.property("DTSTAMP")?.value == now.iCalendarString)
        #expect(instance.property("UID")?.value == "s1" && instance.property("SUMMARY")?.value == "Weekly")
        let bob = try #require(instance.properties(named: "ATTENDEE").first { $0.value.hasSuffix("bob@example.com") })
        #expect(bob.parameter("PARTSTAT") == "NEEDS-ACTION" && bob.parameter("RSVP") == "TRUE" && bob.parameter("SCHEDULE-STATUS") == nil)
    }

    @Test func anOccurrenceChangedBeforeIsChangedAgainNotDoubled() throws {
        let o = try fixture.series("RRULE:FREQ=WEEKLY;COUNT=4\r\n", overrides: "BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID;TZID=Europe/Berlin:20340314T100000\r\n"
            + "DTSTART;TZID=Europe/Berlin:20340314T150000\r\nDTEND;TZID=Europe/Berlin:20340314T160000\r\nSUMMARY:Weekly (late)\r\nSEQUENCE:7\r\n"
            + "ORGANIZER:mailto:alice@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.com\r\nEND:VEVENT\r\n")
        let start = try #require(UTCInstant(year: 2034, month: 3, day: 14, hour: 8))
        let moved = try o.movingOccurrence(try second(o), start: start, end: start.adding(seconds: 3600), now: now)
        let all = instances(moved)
        #expect(all.count == 1)
        #expect(all.first?.property("DTSTART")?.value == "20340314T090000" && all.first?.property("SUMMARY")?.value == "Weekly (late)")
        #expect(all.first?.property("SEQUENCE")?.value == "8", "above the instance's own version")
    }

    @Test func aUTCSeriesGetsUTCTimesAndADurationStaysADuration() throws {
        let o = try fixture.series("RRULE:FREQ=WEEKLY\r\n", start: "DTSTART:20340307T090000Z\r\nDURATION:PT1H\r\n")
        let start = try #require(UTCInstant(year: 2034, month: 3, day: 14, hour: 13))
        let moved = try o.movingOccurrence(try second(o), start: start, end: start.adding(seconds: 5400), now: now)
        let instance = try #require(instances(moved).first)
        #expect(instance.property("RECURRENCE-ID")?.value == "20340314T090000Z")
        #expect(instance.property("DTSTART")?.value == "20340314T130000Z" && instance.property("DURATION")?.value == "PT1H30M")
        #expect(instance.property("DTEND") == nil)
    }

    @Test func anAllDaySeriesOrASingleMeetingIsRefused() throws {
        let allDay = try fixture.series("RRULE:FREQ=WEEKLY\r\n", start: "DTSTART;VALUE=DATE:20340307\r\nDTEND;VALUE=DATE:20340308\r\n")
        let start = try #require(UTCInstant(year: 2034, month: 3, day: 14, hour: 13))
        let refusal = #expect(throws: MeetingError.self) { try allDay.movingOccurrence(try second(allDay), start: start, end: start.adding(seconds: 60), now: now) }
        #expect(refusal.map { "\($0)" }?.contains("cannot be moved on its own: it is all-day") == true)
        let single = try fixture.series("")
        #expect(throws: MeetingError.self) { try single.movingOccurrence(try second(single), start: start, end: start.adding(seconds: 60), now: now) }
        let o = try fixture.series("RRULE:FREQ=WEEKLY\r\n")
        #expect(throws: MeetingError.endBeforeStart) { try o.movingOccurrence(try second(o), start: start, end: start, now: now) }
    }
}
