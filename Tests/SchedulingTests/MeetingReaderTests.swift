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
    static func event(uid: String, organizer: String, times: String = "DTSTART:20261208T100000Z\r\nDTEND:20261208T110000Z") -> String {
        """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//test//EN\r
        BEGIN:VEVENT\r
        UID:\(uid)\r
        DTSTAMP:20261201T090000Z\r
        \(times)\r
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

    /// A weekly meeting begun before the window, which a time-range filter
    /// can miss (Xandikos): the second query brings it back, each object is
    /// read once, and each occurrence in the window is listed.
    @Test func aSeriesBegunBeforeTheWindowIsListedOnce() async throws {
        let f = try ServiceFixture()
        defer { f.remove() }
        let weekly = CalendarObjectResource(url: f.url("http://cal.example/alice/home/weekly.ics"), etag: "\"1\"",
                                            text: Self.event(uid: "weekly", organizer: "alice@example.com",
                                                             times: "DTSTART:20261123T090000Z\r\nDTEND:20261123T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=6"))
        let single = CalendarObjectResource(url: f.url("http://cal.example/alice/home/single.ics"), etag: "\"1\"",
                                            text: Self.event(uid: "single", organizer: "alice@example.com"))
        var script = RecordedServer.Script(discoveries: [.success(f.discovery())])
        script.calendars = ["http://cal.example/alice/home/": [single]]
        script.recurring = ["http://cal.example/alice/home/": .success([weekly, single])]
        let server = RecordedServer(script)
        let list = try await MeetingReader(server: server).meetings(in: f.window, organizer: nil, zone: DisplayZone.named("UTC")!, eachOccurrence: true)
        #expect(list.entries.map(\.meeting.uid).sorted() == ["single", "weekly"], "\(list.entries.map(\.meeting.uid))")
        let occurrence = try #require(list.entries.first { $0.meeting.uid == "weekly" })
        #expect(occurrence.meeting.start == f.at(7, 9), "the occurrence in the window, not the series' first")
        #expect(occurrence.meeting.recurrenceID != nil)
        #expect(server.count(.recurringCalendarObjects("http://cal.example/alice/home/")) == 1)
    }

    @Test func aRefusedSecondQueryStillListsTheFirstAnswer() async throws {
        let f = try ServiceFixture()
        defer { f.remove() }
        var script = RecordedServer.Script(discoveries: [.success(f.discovery())])
        script.calendars = ["http://cal.example/alice/home/": [
            CalendarObjectResource(url: f.url("http://cal.example/alice/home/a.ics"), etag: "\"1\"", text: Self.event(uid: "a", organizer: "alice@example.com")),
        ]]
        script.recurring = ["http://cal.example/alice/home/": .failure(.refused(status: 403, url: "http://cal.example/alice/home/", message: "supported-filter"))]
        let list = try await MeetingReader(server: RecordedServer(script)).meetings(in: f.window, organizer: nil, zone: DisplayZone.named("UTC")!)
        #expect(list.entries.map(\.meeting.uid) == ["a"])
    }
}
