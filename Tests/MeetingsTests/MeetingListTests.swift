import Testing
import FreeBusy
import ICalendar
import Meetings

@Suite struct MeetingListTests {
    let alice = CalendarUserAddress(uncheckedURI: "mailto:alice@example.com")

    @Test func organisedMeetingsInStartOrderWithInboxRepliesAndProblemsSaid() throws {
        let davical = try Fixture.text("davical-organizer-copy.ics")   // 2031-03-05
        let cyrus = try Fixture.text("cyrus-organizer-copy.ics")       // 2031-03-04
        let bobs = try Fixture.text("all-day.ics")                      // organised by alice, but …
            .replacingOccurrences(of: "ORGANIZER:mailto:alice@example.com", with: "ORGANIZER:mailto:bob@example.com")
        let reply = try Fixture.text("cyrus-inbox-reply.ics")
            .replacingOccurrences(of: "avail-meeting-DE49032C-DE35-4C65-8F74-350F44E900F9", with: "fixture-6138")
            .replacingOccurrences(of: "DTSTART:20300510T111500Z", with: "DTSTART:20310304T100000Z")
            .replacingOccurrences(of: "DTSTAMP:20261201T112253Z", with: "DTSTAMP:20261201T120000Z") // after the copy's last change
        let list = MeetingList(objects: [
            .init(resource: "/d.ics", etag: "\"d\"", text: davical),
            .init(resource: "/c.ics", etag: "\"c\"", text: cyrus),
            .init(resource: "/shared/c.ics", etag: "\"c2\"", text: cyrus), // the same meeting seen through a second collection
            .init(resource: "/b.ics", etag: nil, text: bobs),
            .init(resource: "/broken.ics", etag: nil, text: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"),
        ], inbox: [reply, "not iCalendar"], organizer: [alice])
        #expect(list.entries.map(\.resource) == ["/c.ics", "/d.ics"])
        #expect(list.entries.map(\.etag) == ["\"c\"", "\"d\""])
        #expect(list.entries[0].meeting.replySummary.description == "1 of 3 accepted")
        #expect(list.entries[0].meeting.invitees[0].answerSource == .inboxReply)
        #expect(list.unreadable.map(\.resource) == ["/broken.ics"])
        #expect(list.unreadable.first?.problem == .unreadable(.unbalancedComponent("VEVENT")))
    }

    @Test func aMeetingWithOnlyTheOrganizerIsNotListed() throws {
        let alone = try Fixture.text("all-day.ics").replacingOccurrences(of: "ATTENDEE:mailto:bob@example.com", with: "ATTENDEE:mailto:alice@example.com")
        #expect(MeetingList(objects: [.init(resource: "/a.ics", etag: nil, text: alone)], inbox: [], organizer: [alice]).entries.isEmpty)
    }
}
