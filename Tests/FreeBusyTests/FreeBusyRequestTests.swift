import Testing
import ICalendar
@testable import FreeBusy

@Suite struct FreeBusyRequestTests {
    @Test func writesAnITIPRequest() throws {
        let request = FreeBusyRequest(
            organizer: try CalendarUserAddress("alice@example.com"), organizerName: "Smith, Alice",
            attendees: [try CalendarUserAddress("bob@example.com"), try CalendarUserAddress("MAILTO:carol@example.com")],
            window: week, uid: "uid-1", timestamp: at(7, 8))
        let text = request.iCalendarText
        #expect(text == """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//avail//avail//EN\r
        METHOD:REQUEST\r
        BEGIN:VFREEBUSY\r
        UID:uid-1\r
        DTSTAMP:20261207T080000Z\r
        DTSTART:20261207T000000Z\r
        DTEND:20261212T000000Z\r
        ORGANIZER;CN="Smith, Alice":mailto:alice@example.com\r
        ATTENDEE:mailto:bob@example.com\r
        ATTENDEE:mailto:carol@example.com\r
        END:VFREEBUSY\r
        END:VCALENDAR\r

        """)
        // It reads back as what it says.
        let vfb = try #require(try Component.parse(text).first?.descendants(named: "VFREEBUSY").first)
        #expect(vfb.properties(named: "ATTENDEE").map(\.value) == ["mailto:bob@example.com", "mailto:carol@example.com"])
    }

    @Test func foldsLongAttendeeLines() throws {
        let long = String(repeating: "a", count: 90) + "@example.com"
        let request = FreeBusyRequest(organizer: try CalendarUserAddress("alice@example.com"),
                                      attendees: [try CalendarUserAddress(long)], window: week, uid: "u", timestamp: at(7, 8))
        for line in request.iCalendarText.split(separator: "\r\n") { #expect(line.utf8.count <= 75) }
        #expect(!request.iCalendarText.contains("\n\n"))
        let vfb = try #require(try Component.parse(request.iCalendarText).first?.descendants(named: "VFREEBUSY").first)
        #expect(vfb.property("ATTENDEE")?.value == "mailto:" + long)
    }
}

@Suite struct CalendarUserAddressTests {
    @Test func normalisesToMailto() throws {
        #expect(try CalendarUserAddress("bob@example.com").uri == "mailto:bob@example.com")
        #expect(try CalendarUserAddress("MAILTO:Bob@Example.com").uri == "mailto:Bob@Example.com")
        #expect(try CalendarUserAddress(" bob@example.com ").uri == "mailto:bob@example.com")
        #expect(try CalendarUserAddress("urn:uuid:1234").uri == "urn:uuid:1234")
        #expect(try CalendarUserAddress("MAILTO:Bob@Example.com").matchKey == "mailto:bob@example.com")
        #expect(try CalendarUserAddress("bob@example.com").displayString == "bob@example.com")
    }

    @Test(arguments: ["", "bob", "@example.com", "bob@", "bob@example.com\r\nATTENDEE:mailto:eve@x", "a b@c", "mailto:", "x\"y@z", "a,b@c"])
    func refusesWhatIsNotAnAddress(text: String) {
        #expect(throws: CalendarUserAddress.Invalid.self) { try CalendarUserAddress(text) }
    }
}
