import Testing
import FreeBusy
import ICalendar
import Meetings

@Suite struct InboxReplyTests {
    let bob = CalendarUserAddress(uncheckedURI: "mailto:bob@example.com")
    let carol = CalendarUserAddress(uncheckedURI: "mailto:carol@example.com")
    func utc(_ s: String) throws -> UTCInstant { try UTCInstant.parseICalendarUTC(s) }

    @Test func cyrusReplyNamesTheOneAttendee() throws {
        let replies = InboxReply.replies(in: try Fixture.object("cyrus-inbox-reply.ics"))
        #expect(replies == [InboxReply(uid: "avail-meeting-DE49032C-DE35-4C65-8F74-350F44E900F9", attendee: bob, participation: .accepted,
                                       sequence: 1, timestamp: try utc("20261201T112253Z"), start: try utc("20300510T111500Z"))])
    }

    /// DAViCal lists every attendee in a REPLY: whose answer it is cannot be told.
    @Test func davicalReplyWithEveryAttendeeIsLeftOut() throws {
        #expect(InboxReply.replies(in: try Fixture.object("davical-inbox-reply.ics")).isEmpty)
    }

    @Test func onlyRepliesCount() throws {
        var request = try Fixture.object("cyrus-inbox-reply.ics")
        request.calendar.properties = request.calendar.properties.map {
            $0.name == "METHOD" ? ContentLine(name: "METHOD", value: "REQUEST") : $0
        }
        #expect(InboxReply.replies(in: request).isEmpty)
    }

    func meeting() throws -> Meeting {
        try Meeting(try Fixture.object("cyrus-organizer-copy.ics"))
    }

    func reply(_ who: CalendarUserAddress, _ p: Participation, seq: Int = 0, at stamp: String = "20261201T120000Z",
               start: String? = "20310304T100000Z") throws -> InboxReply {
        InboxReply(uid: "fixture-6138", attendee: who, participation: p, sequence: seq, timestamp: try utc(stamp),
                   start: try start.map { try utc($0) })
    }

    @Test func newestReplyWinsOverALaggingCopy() throws {
        let merged = try meeting().merging([
            try reply(bob, .accepted, seq: 1, at: "20261201T120000Z"),
            try reply(bob, .declined, seq: 1, at: "20261201T130000Z"),
            try reply(bob, .tentative, seq: 0, at: "20261201T140000Z"), // older SEQUENCE: earlier than the declined one
            try reply(carol, .accepted, seq: 1),
        ])
        #expect(merged.invitees.map(\.participation) == [.declined, .accepted, .needsAction])
        #expect(merged.invitees.map(\.answerSource) == [.inboxReply, .inboxReply, .storedCopy])
        #expect(merged.replySummary.description == "1 of 3 accepted, 1 declined")
    }

    @Test func repliesToAnOlderVersionDoNotCount() throws {
        var m = try meeting()
        m.sequence = 2
        #expect(m.merging([try reply(bob, .accepted, seq: 1)]).invitees[0].participation == .needsAction)
        let base = try meeting()
        // Another start: an answer to the time before a move.
        #expect(base.merging([try reply(bob, .accepted, start: "20310303T100000Z")]).invitees[0].participation == .needsAction)
        // Older than the organizer's last change (its DTSTAMP 2026-12-01 11:23:25).
        #expect(base.merging([try reply(bob, .accepted, at: "20261201T110000Z")]).invitees[0].participation == .needsAction)
        // Another UID, or one occurrence only.
        var other = try reply(bob, .accepted)
        other.uid = "something-else"
        var occurrence = try reply(bob, .accepted)
        occurrence.recurrenceID = "20310304T100000Z"
        #expect(base.merging([other, occurrence]) == base)
        // NEEDS-ACTION in a reply takes no answer back.
        var answered = base
        answered.attendees[1].participation = .accepted
        #expect(answered.merging([try reply(bob, .needsAction)]) == answered)
        // A reply that does not say when still counts.
        #expect(base.merging([try reply(bob, .accepted, start: nil)]).invitees[0].participation == .accepted)
    }
}
