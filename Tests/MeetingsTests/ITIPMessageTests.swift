import Testing
import FreeBusy
import ICalendar
import Meetings

@Suite struct ITIPMessageTests {
    func address(_ s: String) throws -> CalendarUserAddress { try CalendarUserAddress(s) }

    /// For the attendees DAViCal could not reach (3.7, 3.8): the whole meeting
    /// as a REQUEST, without the server's scheduling parameters.
    @Test func requestForTheUnreached() throws {
        let object = try Fixture.object("davical-organizer-copy.ics")
        let unreached = try Meeting(object).invitees.filter(\.delivery.failed).map(\.address)
        #expect(unreached.map(\.displayString) == ["nobody@example.com", "dave@example.com"])
        let message = try ITIPMessage(.request, of: object, for: unreached)
        let text = message.iCalendarText
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//avail//avail//EN\r\nMETHOD:REQUEST\r\nBEGIN:VTIMEZONE\r\n"))
        #expect(!text.contains("SCHEDULE-"))
        let parsed = try CalendarObject(parsing: text)
        #expect(parsed.method == "REQUEST")
        let m = try Meeting(parsed)
        try #expect(m.invitees.count == 4 && m.start == (try Meeting(object)).start && m.uid == "fixture-4652")
        #expect(text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }

    @Test func cancelForSomeNamesOnlyThem() throws {
        let object = try Fixture.object("davical-organizer-copy.ics")
        let message = try ITIPMessage(.cancel, of: object, for: [try address("nobody@example.com")])
        let m = try Meeting(try CalendarObject(parsing: message.iCalendarText))
        #expect(message.iCalendarText.contains("METHOD:CANCEL\r\n"))
        #expect(m.isCancelled)
        #expect(m.attendees.map(\.address.displayString) == ["nobody@example.com"])
    }

    @Test func cancelForEveryoneKeepsEveryAttendee() throws {
        let object = try Fixture.object("cyrus-organizer-copy.ics")
        let everyone = try Meeting(object).invitees.map(\.address)
        let m = try Meeting(try CalendarObject(parsing: try ITIPMessage(.cancel, of: object, for: everyone).iCalendarText))
        #expect(m.attendees.count == 4 && m.isCancelled)
    }
}
