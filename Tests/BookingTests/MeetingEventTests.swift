import Foundation
import Testing
import Booking
import FreeBusy
import ICalendar
import LocalTime

private func at(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int = 0) -> UTCInstant {
    UTCInstant(year: y, month: mo, day: d, hour: h, minute: mi)!
}

private func event(summary: String = "Planning", zone: TimeZoneDefinition? = nil,
                   attendees: [MeetingEvent.Attendee]? = nil, location: String? = nil, description: String? = nil) throws -> MeetingEvent {
    MeetingEvent(uid: "uid-1@avail", timestamp: at(2026, 11, 25, 12), start: at(2026, 12, 8, 14), end: at(2026, 12, 8, 15),
                 summary: summary, location: location, description: description,
                 organizer: try CalendarUserAddress("alice@example.com"), organizerName: "Alice Example",
                 attendees: try attendees ?? [
                    .init(address: try CalendarUserAddress("bob@example.com"), name: "Bob"),
                    .init(address: try CalendarUserAddress("carol@example.com"), optional: true),
                 ],
                 zone: zone)
}

/// The physical lines of a text, CRLF-separated.
private func lines(_ text: String) -> [String] {
    text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
}

@Suite struct MeetingEventTests {
    @Test func utcEventHasEverythingImplicitSchedulingNeeds() throws {
        let text = try event().iCalendarText
        let l = ContentLine.unfold(text)
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.contains("METHOD:"), "a stored calendar object carries no METHOD (RFC 4791 §4.1)")
        #expect(l.contains("UID:uid-1@avail"))
        #expect(l.contains("DTSTAMP:20261125T120000Z"))
        #expect(l.contains("DTSTART:20261208T140000Z"))
        #expect(l.contains("DTEND:20261208T150000Z"))
        #expect(l.contains("SUMMARY:Planning"))
        #expect(l.contains("ORGANIZER;CN=Alice Example:mailto:alice@example.com"))
        #expect(l.contains("ATTENDEE;CN=Alice Example;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:alice@example.com"))
        let vevent = try #require(try Component.parse(text).first?.descendants(named: "VEVENT").first)
        let attendees = vevent.properties(named: "ATTENDEE")
        #expect(attendees.map(\.value) == ["mailto:alice@example.com", "mailto:bob@example.com", "mailto:carol@example.com"])
        #expect(attendees[1].parameter("ROLE") == "REQ-PARTICIPANT")
        #expect(attendees[1].parameter("PARTSTAT") == "NEEDS-ACTION")
        #expect(attendees[1].parameter("RSVP") == "TRUE")
        #expect(attendees[1].parameter("CN") == "Bob")
        #expect(attendees[2].parameter("ROLE") == "OPT-PARTICIPANT")
        #expect(try Component.parse(text).first?.descendants(named: "VTIMEZONE").isEmpty == true)
    }

    @Test func theOrganizerIsNotInvitedTwice() throws {
        let e = try event(attendees: [.init(address: try CalendarUserAddress("ALICE@example.com")),
                                      .init(address: try CalendarUserAddress("bob@example.com"))])
        let vevent = try #require(try Component.parse(e.iCalendarText).first?.descendants(named: "VEVENT").first)
        #expect(vevent.properties(named: "ATTENDEE").map(\.value) == ["mailto:alice@example.com", "mailto:bob@example.com"])
    }

    /// RFC 5545 §3.2.3: a room is invited as CUTYPE=ROOM, people as INDIVIDUAL.
    @Test func aRoomIsInvitedAsCUTYPEROOM() throws {
        let e = try event(attendees: [.init(address: try CalendarUserAddress("bob@example.com")),
                                      .init(address: try CalendarUserAddress("room2@example.com"), calendarUserType: .room)])
        let vevent = try #require(try Component.parse(e.iCalendarText).first?.descendants(named: "VEVENT").first)
        let attendees = vevent.properties(named: "ATTENDEE").dropFirst()
        #expect(attendees.map(\.value) == ["mailto:bob@example.com", "mailto:room2@example.com"])
        #expect(attendees.map { $0.parameter("CUTYPE") } == ["INDIVIDUAL", "ROOM"])
    }

    @Test func textIsEscapedAndControlCharactersCannotSplitLines() throws {
        let e = try event(summary: "Budget, Q1; review\\plan", location: "Room 1, floor 2",
                          description: "Agenda:\n1. numbers\r\n2. people\u{1B}[2J")
        let l = lines(e.iCalendarText)
        #expect(l.contains("SUMMARY:Budget\\, Q1\\; review\\\\plan"))
        #expect(l.contains("LOCATION:Room 1\\, floor 2"))
        let description = try #require(try Component.parse(e.iCalendarText).first?.descendants(named: "VEVENT").first?.property("DESCRIPTION"))
        #expect(description.value == "Agenda:\\n1. numbers\\n2. people [2J")
    }

    @Test func longLinesFoldAt75OctetsWithoutSplittingCharacters() throws {
        let title = String(repeating: "Zoë’s planning ", count: 12)
        let text = try event(summary: title).iCalendarText
        for line in lines(text) { #expect(line.utf8.count <= 75, "\(line)") }
        // Unfolded, the summary is whole again.
        let summary = try #require(try Component.parse(text).first?.descendants(named: "VEVENT").first?.property("SUMMARY"))
        #expect(summary.value == title)
    }

    @Test func namesWithCommasAndNonASCIIAreQuotedParameters() throws {
        let e = try event(attendees: [.init(address: try CalendarUserAddress("jane@example.com"), name: "Doe, Jane"),
                                      .init(address: try CalendarUserAddress("zoe@example.com"), name: "Zoë Ünal 山田")])
        let vevent = try #require(try Component.parse(e.iCalendarText).first?.descendants(named: "VEVENT").first)
        let a = vevent.properties(named: "ATTENDEE")
        #expect(a[1].parameter("CN") == "Doe, Jane")
        #expect(a[2].parameter("CN") == "Zoë Ünal 山田")
        #expect(e.iCalendarText.contains("CN=\"Doe, Jane\""))
    }

    @Test func berlinTimesWithTheirVTIMEZONE() throws {
        let zone = try #require(DisplayZone.named("Europe/Berlin"))
        let start = at(2026, 12, 8, 14), end = at(2026, 12, 8, 15)
        let zoned = zone.definition(covering: start, to: end)
        let text = try event(zone: zoned).iCalendarText
        let l = lines(text)
        #expect(l.contains("DTSTART;TZID=Europe/Berlin:20261208T150000"))
        #expect(l.contains("DTEND;TZID=Europe/Berlin:20261208T160000"))
        let tz = try #require(try Component.parse(text).first?.descendants(named: "VTIMEZONE").first)
        #expect(tz.property("TZID")?.value == "Europe/Berlin")
        // The observance in force on 8 December: CET since the last Sunday of October.
        let standard = try #require(tz.components.first)
        #expect(tz.components.count == 1)
        #expect(standard.name == "STANDARD")
        #expect(standard.property("DTSTART")?.value == "20261025T030000")
        #expect(standard.property("TZOFFSETFROM")?.value == "+0200")
        #expect(standard.property("TZOFFSETTO")?.value == "+0100")
        // The VTIMEZONE comes before the VEVENT that uses it.
        #expect(text.range(of: "BEGIN:VTIMEZONE")!.lowerBound < text.range(of: "BEGIN:VEVENT")!.lowerBound)
    }

    @Test func anEventAcrossADSTChangeCarriesBothObservances() throws {
        let zone = try #require(DisplayZone.named("Europe/Berlin"))
        // Sunday 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00 UTC).
        let d = zone.definition(covering: at(2026, 3, 29, 0, 30), to: at(2026, 3, 29, 2, 30))
        #expect(d.observances.map(\.isDaylight) == [false, true])
        #expect(d.observances[1].onsetLocal == LocalDateTime(year: 2026, month: 3, day: 29, hour: 2))
        #expect(d.observances[1].offsetFrom == 3600 && d.observances[1].offsetTo == 7200)
        #expect(zone.localDateTime(at(2026, 3, 29, 2, 30)) == LocalDateTime(year: 2026, month: 3, day: 29, hour: 4, minute: 30))
    }

    @Test func aZoneWithoutChangesHasOneStandardObservance() throws {
        let zone = try #require(DisplayZone.named("Asia/Tokyo"))
        let d = zone.definition(covering: at(2026, 12, 8, 1), to: at(2026, 12, 8, 2))
        #expect(d.observances.count == 1)
        #expect(d.observances[0].offsetFrom == 9 * 3600 && d.observances[0].offsetTo == 9 * 3600)
        var w = ContentLineWriter()
        d.write(to: &w)
        #expect(w.text.contains("TZOFFSETTO:+0900\r\n"))
    }

    @Test func utcOffsets() {
        #expect(TimeZoneDefinition.utcOffset(0) == "+0000")
        #expect(TimeZoneDefinition.utcOffset(-5 * 3600) == "-0500")
        #expect(TimeZoneDefinition.utcOffset(5 * 3600 + 45 * 60) == "+0545")
        #expect(TimeZoneDefinition.utcOffset(-(3600 + 30)) == "-010030")
    }
}

@Suite struct DeliveryReportTests {
    /// What DAViCal and Cyrus give back on a GET after storing the event
    /// (folded differently; same parameters).
    @Test func readsScheduleStatusPerAttendee() throws {
        let davical = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nORGANIZER:mailto:alice@example.com\r\n"
            + "ATTENDEE;CN=Alice;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:alice@example.com\r\n"
            + "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;SCHEDULE-S\r\n TATUS=1.2:mailto:bob@example.com\r\n"
            + "ATTENDEE;ROLE=OPT-PARTICIPANT;RSVP=TRUE;\r\n SCHEDULE-STATUS=3.7:mailto:nobody@example.com\r\n"
            + "ATTENDEE:mailto:carol@example.com\r\n"
            + "ATTENDEE;SCHEDULE-STATUS=1.1:mailto:erin@elsewhere.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let r = try DeliveryReport.parse(davical, organizer: try CalendarUserAddress("alice@example.com"))
        #expect(r.entries.map(\.attendee.uri) == ["mailto:bob@example.com", "mailto:nobody@example.com", "mailto:carol@example.com",
                                                  "mailto:erin@elsewhere.example"])
        #expect(r.entries.map(\.status?.code) == ["1.2", "3.7", nil, "1.1"])
        #expect(r.entries.map(\.meaning) == ["delivered", "not delivered: invalid calendar user", "no delivery status reported", "sent"])
        #expect(r.entries.map(\.delivered) == [true, false, nil, nil])
    }

    @Test func everyStatusClassReadsTheSharedClassification() throws {
        let codes = ["1.0", "2.0", "3.8", "3.1", "5.1", "4.0"]
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"
            + codes.enumerated().map { "ATTENDEE;SCHEDULE-STATUS=\($1):mailto:p\($0)@example.com\r\n" }.joined()
            + "END:VEVENT\r\nEND:VCALENDAR\r\n"
        let r = try DeliveryReport.parse(text, organizer: try CalendarUserAddress("alice@example.com"))
        #expect(r.entries.map(\.meaning) == ["pending", "delivered", "not delivered: no scheduling privileges for them", "status 3.1",
                                              "not delivered (5.1)", "status 4.0"])
        #expect(r.entries.map(\.delivered) == [nil, true, false, false, false, nil])
    }

    @Test func somethingThatIsNotAnEventIsAnError() {
        #expect(throws: ICalendarError.self) {
            try DeliveryReport.parse("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", organizer: try CalendarUserAddress("alice@example.com"))
        }
    }
}

/// DTSTART and DTEND on the nights the clocks change: what is written must be
/// read back (RFC 5545 §3.3.5, through the VTIMEZONE written with it) as the
/// instants booked, so a meeting never shrinks to nothing or moves an hour.
@Suite struct MeetingEventDSTTests {
    /// The instant a calendar reading the event takes a DTSTART/DTEND to mean.
    func readBack(_ line: ContentLine, definition: TimeZoneDefinition) throws -> UTCInstant {
        let v = Array(line.value.utf8).map { Int($0) - 48 }
        func n(_ at: Int, _ count: Int) -> Int { v[at..<(at + count)].reduce(0) { $0 * 10 + $1 } }
        try #require(v.count >= 15)
        let local = LocalDateTime(year: n(0, 4), month: n(4, 2), day: n(6, 2), hour: n(9, 2), minute: n(11, 2), second: n(13, 2))
        if line.value.hasSuffix("Z") {
            #expect(line.parameter("TZID") == nil)
            return try #require(UTCInstant(year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second))
        }
        #expect(line.parameter("TZID") == definition.tzid)
        // Written with TZID only when every reader gets the same instant back.
        #expect(definition.readings(of: local).count == 1, "\(line.value) is ambiguous in \(definition.tzid)")
        return try #require(definition.instant(of: local))
    }

    func written(zone name: String, start: UTCInstant, end: UTCInstant) throws -> (start: UTCInstant, end: UTCInstant, text: String) {
        let zone = try #require(DisplayZone.named(name))
        let definition = zone.definition(covering: start, to: end)
        let e = MeetingEvent(uid: "dst@avail", timestamp: start, start: start, end: end, summary: "Night shift",
                             organizer: try CalendarUserAddress("alice@example.com"), attendees: [], zone: definition)
        let vevent = try #require(try Component.parse(e.iCalendarText).first?.descendants(named: "VEVENT").first)
        return (try readBack(try #require(vevent.property("DTSTART")), definition: definition),
                try readBack(try #require(vevent.property("DTEND")), definition: definition), e.iCalendarText)
    }

    /// One hour from the first 02:30 (Berlin) or 01:30 (New York) on the night
    /// the clocks go back ends at the second: as TZID times both would read as
    /// the same wall clock, a zero-length meeting. Both are written in UTC, so
    /// no reader can pick the other occurrence (DAViCal picks the second).
    @Test(arguments: [("Europe/Berlin", UTCInstant(year: 2028, month: 10, day: 29, hour: 0, minute: 30)!,
                       "DTSTART:20281029T003000Z", "DTEND:20281029T013000Z"),
                      ("America/New_York", UTCInstant(year: 2028, month: 11, day: 5, hour: 5, minute: 30)!,
                       "DTSTART:20281105T053000Z", "DTEND:20281105T063000Z")])
    func anHourFromTheFirstRepeatedTimeKeepsItsHour(zone: String, start: UTCInstant, dtstart: String, dtend: String) throws {
        let w = try written(zone: zone, start: start, end: start.adding(seconds: 3600))
        #expect(w.start == start)
        #expect(w.end == start.adding(seconds: 3600))
        let lines = ContentLine.unfold(w.text)
        #expect(lines.contains(dtstart) && lines.contains(dtend), "\(w.text)")
        // No property refers to the zone, so no VTIMEZONE is sent.
        #expect(!w.text.contains("BEGIN:VTIMEZONE"))
    }

    @Test func aMeetingThatStartsBeforeTheRepeatedHourKeepsItsTZIDStart() throws {
        // 01:30 CEST to the second 02:30 (CET): the start is unambiguous.
        let start = UTCInstant(year: 2028, month: 10, day: 28, hour: 23, minute: 30)!
        let w = try written(zone: "Europe/Berlin", start: start, end: start.adding(seconds: 2 * 3600))
        #expect(w.start == start && w.end == start.adding(seconds: 2 * 3600))
        let lines = ContentLine.unfold(w.text)
        #expect(lines.contains("DTSTART;TZID=Europe/Berlin:20281029T013000"))
        #expect(lines.contains("DTEND:20281029T013000Z"))
        #expect(w.text.contains("BEGIN:VTIMEZONE"))
    }

    @Test(arguments: ["Europe/Berlin", "America/New_York"])
    func aMeetingInTheSecondRepeatedHourIsWrittenWhereItIs(zone: String) throws {
        // The second 02:30 (Berlin, CET) or 01:30 (New York, EST), for 30 minutes.
        let start = zone == "Europe/Berlin" ? UTCInstant(year: 2028, month: 10, day: 29, hour: 1, minute: 30)!
                                             : UTCInstant(year: 2028, month: 11, day: 5, hour: 6, minute: 30)!
        let w = try written(zone: zone, start: start, end: start.adding(seconds: 1800))
        #expect(w.start == start)
        #expect(w.end == start.adding(seconds: 1800))
    }

    @Test(arguments: [("Europe/Berlin", UTCInstant(year: 2028, month: 3, day: 26, hour: 1, minute: 30)!, "20280326T033000"),
                      ("America/New_York", UTCInstant(year: 2028, month: 3, day: 12, hour: 7, minute: 30)!, "20280312T033000")])
    func aMeetingJustAfterTheGapKeepsItsZone(zone: String, start: UTCInstant, local: String) throws {
        let w = try written(zone: zone, start: start, end: start.adding(seconds: 3600))
        #expect(w.start == start && w.end == start.adding(seconds: 3600))
        #expect(ContentLine.unfold(w.text).contains("DTSTART;TZID=\(zone):\(local)"))
    }

    @Test func aVTIMEZONEReadsGapsAndRepeatsByRFC5545() throws {
        let berlin = try #require(DisplayZone.named("Europe/Berlin"))
        let d = berlin.definition(covering: UTCInstant(year: 2028, month: 3, day: 25)!, to: UTCInstant(year: 2028, month: 10, day: 30)!)
        // In the gap: read with the offset before it (CET), so 02:30 is 01:30Z (03:30 CEST).
        #expect(d.instant(of: LocalDateTime(year: 2028, month: 3, day: 26, hour: 2, minute: 30)) == UTCInstant(year: 2028, month: 3, day: 26, hour: 1, minute: 30))
        // Twice: the first (CEST).
        #expect(d.instant(of: LocalDateTime(year: 2028, month: 10, day: 29, hour: 2, minute: 30)) == UTCInstant(year: 2028, month: 10, day: 29, hour: 0, minute: 30))
        #expect(d.instant(of: LocalDateTime(year: 2028, month: 7, day: 1, hour: 12)) == UTCInstant(year: 2028, month: 7, day: 1, hour: 10))
    }
}
