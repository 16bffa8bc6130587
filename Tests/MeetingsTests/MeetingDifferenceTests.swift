import Testing
import FreeBusy
import ICalendar
import Meetings

@Suite struct MeetingDifferenceTests {
    let now = UTCInstant(secondsSinceEpoch: 1_796_000_000)
    func utc(_ s: String) throws -> UTCInstant { try UTCInstant.parseICalendarUTC(s) }

    @Test func whatSomeoneElseChanged() throws {
        let object = try Fixture.object("cyrus-organizer-copy.ics")
        let old = try Meeting(object)
        let changed = try object
            .answering(as: CalendarUserAddress(uncheckedURI: "mailto:bob@example.com"), .accepted, now: now)
            .addingAttendees([.init(address: try CalendarUserAddress("erin@example.com"))], now: now)
            .removingAttendees([try CalendarUserAddress("nobody@example.com")], now: now)
            .moved(start: try utc("20310305T100000Z"), end: try utc("20310305T110000Z"), now: now)
        let d = MeetingDifference(from: old, to: try Meeting(changed))
        // The move asks everyone again, so bob's answer is back to none: only the time and the people show.
        #expect(d.description == "time 2031-03-04T10:00:00Z–2031-03-04T11:00:00Z → 2031-03-05T10:00:00Z–2031-03-05T11:00:00Z; "
            + "erin@example.com invited; nobody@example.com no longer invited")
        let answered = try Meeting(try object.answering(as: CalendarUserAddress(uncheckedURI: "mailto:BOB@example.com"), .declined, now: now))
        #expect(MeetingDifference(from: old, to: answered).description == "bob@example.com: no answer yet → declined")
        let cancelled = try Meeting(try object.cancelledKeepingIt(now: now))
        #expect(MeetingDifference(from: old, to: cancelled).changes == [.status(from: "CONFIRMED", to: "CANCELLED")])
    }

    @Test func onlyTheVersionMoved() throws {
        let old = try Meeting(try Fixture.object("cyrus-organizer-copy.ics"))
        var new = old
        new.sequence = 1
        #expect(MeetingDifference(from: old, to: new).description == "version 0 → 1")
        #expect(MeetingDifference(from: old, to: old).isEmpty)
        #expect(MeetingDifference(from: old, to: old).description == "no visible change")
    }
}
