import Testing
import FreeBusy
import ICalendar

@Suite struct CalendarUserTypeTests {
    @Test func aRoomAttendeeCarriesCUTYPE() throws {
        let room = try CalendarUserAddress("Room1@example.com")
        let bob = try CalendarUserAddress("bob@example.com")
        var request = FreeBusyRequest(organizer: try CalendarUserAddress("alice@example.com"), attendees: [bob, room],
                                      window: TimeWindow(start: UTCInstant(year: 2026, month: 12, day: 7)!, end: UTCInstant(year: 2026, month: 12, day: 8)!)!,
                                      uid: "u", timestamp: UTCInstant(year: 2026, month: 12, day: 1)!)
        #expect(request.iCalendarText.contains("ATTENDEE:mailto:Room1@example.com\r\n"))
        request.calendarUserTypes[try CalendarUserAddress("mailto:room1@EXAMPLE.com").matchKey] = .room
        let lines = ContentLine.unfold(request.iCalendarText).filter { $0.hasPrefix("ATTENDEE") }
        #expect(lines == ["ATTENDEE:mailto:bob@example.com", "ATTENDEE;CUTYPE=ROOM:mailto:Room1@example.com"])
    }

    @Test func typesReadAndWrite() {
        #expect(CalendarUserType("resource") == .resource && CalendarUserType.resource.isRoomLike)
        #expect(CalendarUserType("ROOM").isRoomLike && CalendarUserType("ROOM").description == "ROOM")
        #expect(!CalendarUserType("INDIVIDUAL").isRoomLike && !CalendarUserType("group").isRoomLike)
        #expect(CalendarUserType("x-car") == .other("X-CAR"))
    }
}
