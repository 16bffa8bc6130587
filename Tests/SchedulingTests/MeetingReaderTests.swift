import Testing
import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import LocalTime
import Meetings
@testable import Scheduling

/// Reading the organizer's meetings against a recorded server: every
/// calendar is read, and an Inbox that cannot be read costs nothing.
@Suite struct MeetingReaderTests {
    static func event(uid: String, organizer: String) -> String {
        """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//test//EN\r
        BEGIN:VEVENT\r
        UID:\(uid)\r
        DTSTAMP:20261201T090000Z\r
        DTSTART:20261208T100000Z\r
        DTEND:20261208T110000Z\r
        SUMMARY:\(uid)\r
        ORGANIZER:mailto:\(organizer)\r
        ATTENDEE;PARTSTAT=ACCEPTED:mailto:\(organizer)\r
        ATTENDEE;PARTSTAT=NEEDS-ACTION;SCHEDULE-STATUS=1.2:mailto:bob@example.com\r
        END:VEVENT\r
        END:VCALENDAR\r

        """
    }

    @Test func everyCalendarIsReadAndOnlyTheUsersOwnMeetingsListed() async throws {
        let f = try ServiceFixture()
        defer { f.remove() }
        func resource(_ path: String, _ text: String) -> CalendarObjectResource {
            CalendarObjectResource(url: f.url("http://cal.example" + path), etag: "\"1\"", text: text)
        }
        var script = RecordedServer.Script(discoveries: [.success(f.discovery())])
        script.calendars = [
            "http://cal.example/alice/home/": [resource("/alice/home/a.ics", Self.event(uid: "mine", organizer: "alice@example.com"))],
            "http://cal.example/alice/work/": [resource("/alice/work/b.ics", Self.event(uid: "theirs", organizer: "carol@example.com")),
                                               resource("/alice/work/c.ics", Self.event(uid: "as-me", organizer: "me@example.org"))],
        ]
        script.inbox = .failure(.refused(status: 404, url: "http://cal.example/alice/inbox/", message: "no inbox"))
        let server = RecordedServer(script)
        let list = try await MeetingReader(server: server).meetings(in: f.window, organizer: CalendarUserAddress(uncheckedURI: "mailto:me@example.org"),
                                                                    zone: DisplayZone.named("UTC")!)
        #expect(list.entries.map(\.meeting.uid).sorted() == ["as-me", "mine"], "the config's organizer address counts as the user's")
        #expect(server.count(.calendarObjects("http://cal.example/alice/home/")) == 1)
        #expect(server.count(.calendarObjects("http://cal.example/alice/work/")) == 1)
        #expect(server.count(.inbox) == 1)
    }
}
