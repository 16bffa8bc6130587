import Testing
import CalDAVClient
import FreeBusy
import ICalendar
import Meetings
import Scheduling
@testable import AvailCommands

/// The one place a change's errors become an exit code and a line: a 412
/// says what changed, an ambiguous title names every candidate.
@Suite struct MeetingChangeFailureTests {
    func meeting(_ uid: String, hour: Int) throws -> Meeting {
        try Meeting(try CalendarObject(parsing: """
        BEGIN:VCALENDAR\r
        BEGIN:VEVENT\r
        UID:\(uid)\r
        DTSTART:20261208T\(hour)0000Z\r
        DTEND:20261208T\(hour + 1)0000Z\r
        SUMMARY:Sync\r
        ORGANIZER:mailto:alice@example.com\r
        ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:bob@example.com\r
        END:VEVENT\r
        END:VCALENDAR\r

        """))
    }

    @Test func exitCodes() throws {
        let a = try meeting("a@x", hour: 10), b = try meeting("b@x", hour: 14)
        var accepted = a
        accepted.attendees[0].participation = .accepted
        let changed = MeetingChangeCommand.failure(.changedSinceRead(url: "http://cal/x.ics", difference: MeetingDifference(from: a, to: accepted)))
        #expect(changed.code == 6)
        #expect(changed.message.contains("412 Precondition Failed): bob@example.com: no answer yet → accepted; nothing was overwritten"))
        let ambiguous = MeetingChangeCommand.failure(.ambiguous(reference: "Sync", candidates: [a, b]))
        #expect(ambiguous.code == 2 && ambiguous.message.contains("a@x (2026-12-08T10:00:00Z), b@x (2026-12-08T14:00:00Z)"))
        #expect(MeetingChangeCommand.failure(.notFound(reference: "Sync", searched: "…")).code == 1)
        #expect(MeetingChangeCommand.failure(.notOrganizer(uid: "a@x", organizer: "dave@example.com")).code == 2)
        #expect(MeetingChangeCommand.failure(.noETag(url: "http://cal/x.ics")).code == 6)
        #expect(MeetingChangeCommand.failure(.server(.authenticationFailed(user: "alice", url: "http://cal/"))).code == 3)
    }
}

extension MeetingChangeFailureTests {
    /// A config group is a valid name to invite: the addresses are read with the config, not before.
    @Test func aGroupNamePassesValidation() throws {
        for spec in [InviteCommand.spec, UninviteCommand.spec] {
            let parsed = try #require(try CommandLineParser.parse(["Planning", "team"], spec: spec))
            let command: any CLICommand = spec.name == "invite" ? try InviteCommand(parsed) : try UninviteCommand(parsed)
            #expect(throws: Never.self) { try command.validate() }
        }
        let tooFew = try #require(try CommandLineParser.parse(["Planning"], spec: InviteCommand.spec))
        #expect(throws: CommandFailure.self) { _ = try InviteCommand(tooFew) }
    }
}
