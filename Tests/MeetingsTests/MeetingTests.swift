import Testing
import FreeBusy
import ICalendar
import Meetings

@Suite struct MeetingTests {
    func address(_ s: String) throws -> CalendarUserAddress { try CalendarUserAddress(s) }
    func utc(_ s: String) throws -> UTCInstant { try UTCInstant.parseICalendarUTC(s) }

    @Test func davicalOrganizerCopyAfterBobAccepted() throws {
        let m = try Meeting(try Fixture.object("davical-organizer-copy.ics"))
        #expect(m.uid == "fixture-4652")
        #expect(m.summary == "Fixture, two")
        // 10:00 Europe/Berlin in March is CET (+01:00), from the stored VTIMEZONE.
        try #expect(m.start == (try utc("20310305T090000Z")) && m.end == (try utc("20310305T100000Z")))
        #expect(m.startZone == "Europe/Berlin" && !m.isAllDay && m.sequence == 0 && m.status == "CONFIRMED")
        #expect(m.organizer?.matchKey == (try address("alice@example.com")).matchKey && m.organizerName == "Alice Example")
        #expect(m.attendees.count == 5 && m.invitees.count == 4)
        #expect(m.invitees.map(\.participation) == [.accepted, .needsAction, .needsAction, .needsAction])
        #expect(m.invitees.map(\.delivery) == [.delivered, .delivered, .notDelivered(RequestStatus(code: "3.7")),
                                               .notDelivered(RequestStatus(code: "3.8"))])
        #expect(m.invitees[2].delivery.description == "not delivered: unknown calendar user (3.7)")
        #expect(m.invitees.allSatisfy { $0.rsvp && $0.role == "REQ-PARTICIPANT" && $0.scheduleAgent == .server })
        #expect(m.replySummary.description == "1 of 4 accepted, 2 not delivered")
        #expect(m.isOrganized(byAnyOf: [try address("ALICE@example.com")]))
        #expect(!m.isOrganized(byAnyOf: [try address("bob@example.com")]))
    }

    @Test func cyrusOrganizerCopySentByMailForAnUnknownAddress() throws {
        let m = try Meeting(try Fixture.object("cyrus-organizer-copy.ics"))
        try #expect(m.start == (try utc("20310304T100000Z")) && m.end == (try utc("20310304T110000Z")) && m.startZone == nil)
        #expect(m.invitees.map(\.delivery) == [.delivered, .delivered, .sent])
        #expect(m.invitees[2].delivery.description == "sent by mail")
        #expect(m.replySummary == ReplySummary(m.invitees))
        #expect(m.replySummary.description == "0 of 3 accepted")
    }

    /// The shapes Thunderbird writes: a VTIMEZONE by RRULE (read through the
    /// system's zone of the same name), DURATION instead of DTEND, quoted CN,
    /// every PARTSTAT, a quoted SCHEDULE-STATUS list, SCHEDULE-AGENT=CLIENT.
    @Test func otherClientsShapes() throws {
        let m = try Meeting(try Fixture.object("thunderbird-style.ics"))
        // 09:00 EDT (-04:00) on 1 July 2031.
        #expect(m.start == (try utc("20310701T130000Z")))
        #expect(m.end == (try utc("20310701T143000Z")))
        #expect(m.sequence == 2)
        #expect(m.summary == "Budget review, Q3 ; final numbers for the long title that needs folding ok")
        #expect(m.organizerName == "Smith, Alice")
        #expect(m.invitees.map(\.participation) == [.tentative, .declined, .delegated, .other("X-WAITING"), .needsAction])
        #expect(m.invitees.map(\.participation.description) == ["tentative", "declined", "delegated", "no answer yet", "no answer yet"])
        #expect(m.invitees[0].scheduleStatus == [RequestStatus(code: "2.0"), RequestStatus(code: "1.2")])
        #expect(m.invitees[0].role == "OPT-PARTICIPANT" && !m.invitees[0].rsvp)
        #expect(m.invitees[3].delivery == .notDelivered(RequestStatus(code: "5.1")))
        #expect(m.invitees[4].scheduleAgent == .client && m.invitees[4].delivery == .notByServer)
        // No SCHEDULE-STATUS, but an answer: it arrived.
        #expect(m.invitees[2].scheduleStatus.isEmpty && m.invitees[2].delivery == .delivered)
        #expect(m.replySummary.description == "0 of 5 accepted, 1 declined, 1 tentative, 1 delegated, 1 not delivered")
        #expect(m.replySummary.noAnswer == 2)
    }

    @Test func allDayWithoutEndIsOneDay() throws {
        let m = try Meeting(try Fixture.object("all-day.ics"))
        #expect(m.isAllDay)
        try #expect(m.start == (try utc("20310704T000000Z")) && m.end == (try utc("20310705T000000Z")))
        #expect(m.invitees.map(\.participation) == [.needsAction])
        #expect(m.invitees[0].delivery == .notReported)
    }

    @Test func unreadableEventsAreTypedErrors() throws {
        #expect(throws: MeetingError.noEvent) { try CalendarObject(parsing: "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n") }
        #expect(throws: MeetingError.unreadable(.unbalancedComponent("VEVENT"))) {
            try CalendarObject(parsing: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n")
        }
        let noStart = try CalendarObject(parsing: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        #expect(throws: MeetingError.missingProperty("DTSTART", uid: "x")) { try Meeting(noStart) }
        let badTime = try CalendarObject(parsing: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2031070\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        #expect(throws: MeetingError.invalidTime(property: "DTSTART", value: "2031070")) { try Meeting(badTime) }
        let unknownZone = try CalendarObject(parsing:
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Nowhere/Atlantis:20310701T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        #expect(throws: MeetingError.unknownZone("Nowhere/Atlantis")) { try Meeting(unknownZone) }
        let noUID = try CalendarObject(parsing: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20310701T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        #expect(throws: MeetingError.missingProperty("UID", uid: nil)) { try Meeting(noUID) }
    }

    @Test(arguments: [("1.2", Delivery.delivered), ("2.0", .delivered), ("2.8;Foo", .delivered), ("1.1", .sent), ("1.0", .pending),
                      ("3.7", .notDelivered(RequestStatus(code: "3.7"))), ("5.3;No scheduling", .notDelivered(RequestStatus(code: "5.3", text: "No scheduling"))),
                      ("garbage", .notReported)])
    func deliveryFromScheduleStatus(raw: String, expected: Delivery) {
        #expect(Delivery(RequestStatus(parsing: raw)) == expected)
        #expect(Delivery(RequestStatus(parsing: raw), agent: .client) == .notByServer)
    }
}
