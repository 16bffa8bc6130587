import Testing
import FreeBusy
import ICalendar
import Meetings

@Suite struct CalendarObjectChangesTests {
    let now = UTCInstant(secondsSinceEpoch: 1_796_000_000) // 2026-11-30T…Z
    func utc(_ s: String) throws -> UTCInstant { try UTCInstant.parseICalendarUTC(s) }
    func address(_ s: String) throws -> CalendarUserAddress { try CalendarUserAddress(s) }

    func lines(_ text: String) -> [String] {
        text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// Unfolded content lines of the first VEVENT, by name.
    func eventLines(_ object: CalendarObject, _ name: String) throws -> [ContentLine] {
        let parsed = try CalendarObject(parsing: object.iCalendarText)
        return parsed.event.properties(named: name)
    }

    @Test(arguments: ["davical-organizer-copy.ics", "cyrus-organizer-copy.ics", "thunderbird-style.ics", "all-day.ics",
                      "davical-inbox-reply.ics"])
    func roundTripKeepsEverything(fixture: String) throws {
        let object = try Fixture.object(fixture)
        let text = object.iCalendarText
        #expect(try CalendarObject(parsing: text) == object)
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        // RFC 5545 §3.1: CRLF, no line longer than 75 octets.
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(lines(text).allSatisfy { $0.utf8.count <= 75 })
        #expect(lines(text).count >= 10 && lines(text).count == text.utf8.filter { $0 == 0x0A }.count)
    }

    @Test func roundTripKeepsUnknownPropertiesAndParameters() throws {
        let text = try Fixture.object("thunderbird-style.ics").iCalendarText
        for kept in ["X-WR-CALNAME:Work", "X-LIC-LOCATION:America/New_York", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "X-MOZ-GENERATION:3",
                     "TRIGGER;RELATED=START:-PT15M", "BEGIN:VALARM"] {
            #expect(text.contains(kept + "\r\n"), "\(kept)")
        }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("ORGANIZER;CN=\"Smith, Alice\";X-ORG-TAG=keep:mailto:alice@example.com\r\n"))
        #expect(unfolded.contains(";X-NUM-GUESTS=0;SCHEDULE-STATUS=\"2.0,1.2\":mailto:bob@example.com\r\n"))
        #expect(unfolded.contains("DELEGATED-TO=\"mailto:frank@example.com\":mailto:erin@example.com\r\n"))
    }

    @Test func moveKeepsTheZoneAndAsksEveryoneAgain() throws {
        let object = try Fixture.object("davical-organizer-copy.ics")
        // To 14:00 Berlin summer time on 2 July 2031 (CEST, +02:00).
        let moved = try object.moved(start: try utc("20310702T120000Z"), end: try utc("20310702T133000Z"), now: now)
        let m = try Meeting(try CalendarObject(parsing: moved.iCalendarText))
        try #expect(m.start == (try utc("20310702T120000Z")) && m.end == (try utc("20310702T133000Z")))
        #expect(m.sequence == 1 && m.timestamp == now)
        #expect(try eventLines(moved, "DTSTART") == [ContentLine(name: "DTSTART", parameters: [.init(name: "TZID", values: ["Europe/Berlin"])],
                                                                  value: "20310702T140000")])
        #expect(try eventLines(moved, "DTEND").first?.value == "20310702T153000")
        // The VTIMEZONE now covers the new time (the stored one had winter only).
        let zone = try #require(moved.calendar.components.first { $0.name == "VTIMEZONE" })
        #expect(zone.components.contains { $0.name == "DAYLIGHT" })
        #expect(moved.calendar.components.filter { $0.name == "VTIMEZONE" }.count == 1)
        #expect(m.invitees.allSatisfy { $0.participation == .needsAction && $0.rsvp && $0.scheduleStatus.isEmpty })
        #expect(m.attendees[0].participation == .accepted) // the organizer's own line
        #expect(!moved.iCalendarText.contains("SCHEDULE-STATUS"))
        // What the move does not touch stays as it was.
        for name in ["UID", "SUMMARY", "STATUS", "TRANSP", "ORGANIZER"] {
            #expect(try eventLines(moved, name) == object.event.properties(named: name), "\(name)")
        }
        #expect(moved.event.properties.map(\.name) == object.event.properties.map(\.name))
    }

    /// The first 02:30 of the night Berlin's clocks go back is written in UTC
    /// (as MeetingEvent does: DAViCal would read the second 02:30).
    @Test func moveIntoARepeatedHourIsWrittenInUTC() throws {
        let moved = try Fixture.object("davical-organizer-copy.ics")
            .moved(start: try utc("20311026T003000Z"), end: try utc("20311026T023000Z"), now: now)
        #expect(try eventLines(moved, "DTSTART") == [ContentLine(name: "DTSTART", value: "20311026T003000Z")])
        // 03:30 CET happens once: the end keeps its zone.
        #expect(try eventLines(moved, "DTEND") == [ContentLine(name: "DTEND", parameters: [.init(name: "TZID", values: ["Europe/Berlin"])],
                                                                value: "20311026T033000")])
        let m = try Meeting(try CalendarObject(parsing: moved.iCalendarText))
        try #expect(m.start == (try utc("20311026T003000Z")) && m.end == (try utc("20311026T023000Z")))
    }

    @Test func moveKeepsDurationAndOtherClientsProperties() throws {
        let object = try Fixture.object("thunderbird-style.ics")
        let moved = try object.moved(start: try utc("20310702T150000Z"), end: try utc("20310702T154500Z"), now: now)
        #expect(try eventLines(moved, "DURATION").map(\.value) == ["PT45M"])
        #expect(try eventLines(moved, "DTEND").isEmpty)
        #expect(try eventLines(moved, "DTSTART").first?.value == "20310702T110000") // 11:00 EDT
        #expect(try eventLines(moved, "SEQUENCE").map(\.value) == ["3"])
        let text = moved.iCalendarText.replacingOccurrences(of: "\r\n ", with: "")
        #expect(text.contains("X-MOZ-GENERATION:3\r\n") && text.contains("BEGIN:VALARM\r\n") && text.contains("X-NUM-GUESTS=0"))
        #expect(text.contains("ATTENDEE;CN=Bob;PARTSTAT=NEEDS-ACTION;ROLE=OPT-PARTICIPANT;RSVP=TRUE;X-NUM-GUESTS=0:mailto:bob@example.com\r\n"))
        // The client-scheduled attendee stays client-scheduled.
        #expect(text.contains("ATTENDEE;PARTSTAT=NEEDS-ACTION;SCHEDULE-AGENT=CLIENT;RSVP=TRUE:mailto:grace@elsewhere.example\r\n"))
    }

    @Test func allDayMovedByWholeDaysStaysAllDay() throws {
        let moved = try Fixture.object("all-day.ics").moved(start: try utc("20310706T000000Z"), end: try utc("20310707T000000Z"), now: now)
        #expect(try eventLines(moved, "DTSTART") == [ContentLine(name: "DTSTART", parameters: [.init(name: "VALUE", values: ["DATE"])],
                                                                  value: "20310706")])
        #expect(try eventLines(moved, "DTEND").map(\.value) == ["20310707"])
        #expect(try Meeting(moved).isAllDay)
        let timed = try Fixture.object("all-day.ics").moved(start: try utc("20310706T090000Z"), end: try utc("20310706T100000Z"), now: now)
        #expect(try eventLines(timed, "DTSTART").map(\.value) == ["20310706T090000Z"])
    }

    @Test func movesThatCannotBeMade() throws {
        let object = try Fixture.object("cyrus-organizer-copy.ics")
        #expect(throws: MeetingError.endBeforeStart) { try object.moved(start: try utc("20310706T100000Z"), end: try utc("20310706T100000Z"), now: now) }
        var series = object
        series.calendar.components[0].properties.append(ContentLine(name: "RRULE", value: "FREQ=WEEKLY"))
        #expect(throws: MeetingError.recurring(uid: "fixture-6138")) {
            try series.moved(start: try utc("20310706T100000Z"), end: try utc("20310706T110000Z"), now: now)
        }
    }

    @Test func cancelKeepingIt() throws {
        let object = try Fixture.object("thunderbird-style.ics")
        let cancelled = try object.cancelledKeepingIt(now: now)
        let m = try Meeting(try CalendarObject(parsing: cancelled.iCalendarText))
        #expect(m.isCancelled && m.sequence == 3 && m.timestamp == now)
        #expect(m.start == (try Meeting(object)).start)
        #expect(cancelled.event.properties.map(\.name) == object.event.properties.map(\.name))
    }

    @Test func inviteAndUninvite() throws {
        let object = try Fixture.object("cyrus-organizer-copy.ics")
        let invited = try object.addingAttendees([.init(address: try address("dave@example.com"), name: "Dave, D."),
                                                  .init(address: try address("BOB@example.com"), name: "Bob again")], now: now)
        let m = try Meeting(try CalendarObject(parsing: invited.iCalendarText))
        #expect(m.invitees.count == 4)
        #expect(m.invitees.last?.name == "Dave, D." && m.invitees.last?.participation == .needsAction && m.invitees.last?.rsvp == true)
        #expect(m.sequence == 0 && m.timestamp == now)
        #expect(invited.iCalendarText.replacingOccurrences(of: "\r\n ", with: "")
            .contains("ATTENDEE;CN=\"Dave, D.\";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:dave@example.com\r\n"))

        let uninvited = try invited.removingAttendees([try address("bob@example.com"), try address("alice@example.com")], now: now)
        let u = try Meeting(uninvited)
        #expect(u.invitees.map(\.address.displayString) == ["carol@example.com", "nobody@example.com", "dave@example.com"])
        #expect(u.attendees.first?.address.displayString == "alice@example.com") // the organizer stays
    }

    @Test func markingClientScheduled() throws {
        let object = try Fixture.object("davical-organizer-copy.ics")
        let marked = try object.markingClientScheduled([try address("nobody@example.com"), try address("dave@example.com")])
        let m = try Meeting(try CalendarObject(parsing: marked.iCalendarText))
        #expect(m.invitees.map(\.scheduleAgent) == [.server, .server, .client, .client])
        #expect(m.invitees.map(\.delivery) == [.delivered, .delivered, .notByServer, .notByServer])
        #expect(m.invitees[2].scheduleStatus.isEmpty && m.sequence == 0)
    }

    @Test func answeringAsAnAttendee() throws {
        let object = try Fixture.object("cyrus-organizer-copy.ics")
        let answered = try object.answering(as: try address("carol@example.com"), .tentative, now: now)
        let m = try Meeting(try CalendarObject(parsing: answered.iCalendarText))
        #expect(m.invitees.map(\.participation) == [.needsAction, .tentative, .needsAction])
        #expect(m.invitees[1].scheduleStatus.isEmpty && !m.invitees[1].rsvp)
    }

    @Test(arguments: [(Int64(2700), "PT45M"), (3600, "PT1H"), (5400, "PT1H30M"), (86_400, "P1D"), (90_061, "P1DT1H1M1S"), (0, "PT0S"), (59, "PT59S")])
    func durationValues(seconds: Int64, text: String) throws {
        #expect(CalendarObject.durationValue(seconds) == text)
        #expect(try ICalDuration.parse(text).seconds == seconds)
    }
}

extension CalendarObjectChangesTests {
    /// Hostile or broken values: a SEQUENCE past 32 bits, a parameter given
    /// twice, a negative DURATION. Each gives a value, never a crash.
    @Test func hostileValuesAreBounded() throws {
        let text = """
            BEGIN:VCALENDAR\r
            BEGIN:VEVENT\r
            UID:h\r
            DTSTART:20310701T090000Z\r
            DURATION:-PT1H\r
            SEQUENCE:99999999999999999\r
            ORGANIZER:mailto:alice@example.com\r
            ATTENDEE;PARTSTAT=ACCEPTED;PARTSTAT=DECLINED:mailto:bob@example.com\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let object = try CalendarObject(parsing: text)
        let m = try Meeting(object)
        #expect(m.sequence == Int(Int32.max) && m.nextSequence == Int(Int32.max))
        #expect(m.end == m.start)
        let moved = try object.moved(start: try utc("20310702T090000Z"), end: try utc("20310702T100000Z"), now: now)
        #expect(try eventLines(moved, "SEQUENCE").map(\.value) == ["2147483647"])
        #expect(try eventLines(moved, "ATTENDEE").map(\.parameters) == [[.init(name: "PARTSTAT", values: ["NEEDS-ACTION"]),
                                                                        .init(name: "RSVP", values: ["TRUE"])]])
        var negative = object
        negative.calendar.components[0].properties = negative.calendar.components[0].properties.map {
            $0.name == "SEQUENCE" ? ContentLine(name: "SEQUENCE", value: "-5") : $0
        }
        #expect(try Meeting(negative).sequence == 0)
    }
}
