import Testing
@testable import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import LocalTime
@testable import Scheduling

/// The user's own busy time for `avail publish`, against a recorded server:
/// every event calendar is read, the periods are merged across calendars,
/// and what cannot be counted is named with where it is stored.
@Suite struct OwnFreeBusyReaderTests {
    static func event(uid: String, _ lines: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20261201T090000Z\r\n"
            + lines + "SUMMARY:secret \(uid)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    }

    @Test func everyCalendarCountsAndWhatCannotBeCountedIsNamed() async throws {
        let f = try ServiceFixture()
        defer { f.remove() }
        func resource(_ path: String, _ text: String) -> CalendarObjectResource {
            CalendarObjectResource(url: f.url("http://cal.example" + path), etag: "\"1\"", text: text)
        }
        var script = RecordedServer.Script(discoveries: [.success(f.discovery())])
        script.calendars = [
            "http://cal.example/alice/home/": [
                resource("/alice/home/a.ics", Self.event(uid: "a", "DTSTART:20261207T090000Z\r\nDTEND:20261207T100000Z\r\n")),
                resource("/alice/home/t.ics", Self.event(uid: "t", "DTSTART:20261207T120000Z\r\nDTEND:20261207T130000Z\r\nSTATUS:TENTATIVE\r\n")),
                resource("/alice/home/broken.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"),
            ],
            "http://cal.example/alice/work/": [
                resource("/alice/work/b.ics", Self.event(uid: "b", "DTSTART:20261207T093000Z\r\nDTEND:20261207T110000Z\r\n")),
                resource("/alice/work/r.ics", Self.event(uid: "r", "DTSTART:20261207T150000Z\r\nDTEND:20261207T160000Z\r\nRRULE:FREQ=SECONDLY\r\n")),
            ],
        ]
        let server = RecordedServer(script)
        let result = try await OwnFreeBusyReader(server: server).busyTime(in: f.window, organizer: nil, zone: DisplayZone.named("UTC")!)
        #expect(result.periods == [BusyPeriod(start: f.at(7, 9), end: f.at(7, 11)),
                                   BusyPeriod(start: f.at(7, 12), end: f.at(7, 13), type: .busyTentative)],
                "merged across the two calendars")
        #expect(result.calendarCount == 2 && result.objectCount == 5)
        #expect(result.setAside.map(\.resource) == ["http://cal.example/alice/home/broken.ics", "http://cal.example/alice/work/r.ics"])
        #expect(result.setAside.last?.uid == "r")
        #expect(result.organizer == f.discovery().organizer)
        #expect(server.count(.calendarObjects("http://cal.example/alice/home/")) == 1)
        #expect(server.count(.calendarObjects("http://cal.example/alice/work/")) == 1)
        #expect(server.count(.inbox) == 0, "the Inbox holds others' invitations, not the user's time")
    }

    @Test func theConfigsOrganizerWins() async throws {
        let f = try ServiceFixture()
        defer { f.remove() }
        let server = RecordedServer(RecordedServer.Script(discoveries: [.success(f.discovery())]))
        let me = CalendarUserAddress(uncheckedURI: "mailto:me@example.org")
        let result = try await OwnFreeBusyReader(server: server).busyTime(in: f.window, organizer: me, zone: DisplayZone.named("UTC")!)
        #expect(result.organizer == me && result.periods.isEmpty && result.calendarCount == 0)
    }

    @Test(arguments: [
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VFREEBUSY\r\nUID:x\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n", nil),
        ("BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:X\r\nEND:VTIMEZONE\r\nBEGIN:VFREEBUSY\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n", nil),
        ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "a VEVENT"),
        ("BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\nEND:VFREEBUSY\r\nBEGIN:VTODO\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", "a VTODO"),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "a calendar object without VFREEBUSY"),
        ("<html>not here</html>", "something that is not an iCalendar object"),
    ] as [(String, String?)])
    func onlyAnEarlierPublicationIsReplaced(text: String, refusal: String?) {
        #expect(CalDAVSession.notAPublication(text) == refusal)
    }
}

/// A series that began before the window, which a time-range filter missed
/// (Xandikos 0.2), still counts; a server that refuses the second query
/// leaves the first one's answer.
@Suite struct OwnFreeBusyRecurringTests {
    @Test func aSeriesTheTimeRangeMissedIsCountedOnce() async throws {
        let f = try ServiceFixture()
        defer { f.remove() }
        let weekly = CalendarObjectResource(url: f.url("http://cal.example/alice/home/weekly.ics"), etag: "\"1\"",
                                            text: OwnFreeBusyReaderTests.event(uid: "weekly", "DTSTART:20261123T090000Z\r\nDTEND:20261123T100000Z\r\nRRULE:FREQ=WEEKLY\r\n"))
        let single = CalendarObjectResource(url: f.url("http://cal.example/alice/home/single.ics"), etag: "\"1\"",
                                            text: OwnFreeBusyReaderTests.event(uid: "single", "DTSTART:20261208T090000Z\r\nDTEND:20261208T100000Z\r\nRRULE:FREQ=DAILY;COUNT=1\r\n"))
        var script = RecordedServer.Script(discoveries: [.success(f.discovery())])
        script.calendars = ["http://cal.example/alice/home/": [single]]
        script.recurring = ["http://cal.example/alice/home/": .success([weekly, single])]
        let server = RecordedServer(script)
        let result = try await OwnFreeBusyReader(server: server).busyTime(in: f.window, organizer: nil, zone: DisplayZone.named("UTC")!)
        #expect(result.periods == [BusyPeriod(start: f.at(7, 9), end: f.at(7, 10)), BusyPeriod(start: f.at(8, 9), end: f.at(8, 10))])
        #expect(result.objectCount == 2, "the object both queries found is read once")
        #expect(server.count(.recurringCalendarObjects("http://cal.example/alice/home/")) == 1)
    }

    @Test func aRefusedSecondQueryLeavesTheFirstAnswer() async throws {
        let f = try ServiceFixture()
        defer { f.remove() }
        var script = RecordedServer.Script(discoveries: [.success(f.discovery())])
        script.calendars = ["http://cal.example/alice/home/": [
            CalendarObjectResource(url: f.url("http://cal.example/alice/home/a.ics"), etag: "\"1\"",
                                   text: OwnFreeBusyReaderTests.event(uid: "a", "DTSTART:20261207T090000Z\r\nDTEND:20261207T100000Z\r\n")),
        ]]
        script.recurring = ["http://cal.example/alice/home/": .failure(.refused(status: 403, url: "http://cal.example/alice/home/", message: "supported-filter"))]
        let result = try await OwnFreeBusyReader(server: RecordedServer(script)).busyTime(in: f.window, organizer: nil, zone: DisplayZone.named("UTC")!)
        #expect(result.periods == [BusyPeriod(start: f.at(7, 9), end: f.at(7, 10))])
    }

    @Test func aLostConnectionOnTheSecondQueryIsAFailure() async throws {
        let f = try ServiceFixture()
        defer { f.remove() }
        var script = RecordedServer.Script(discoveries: [.success(f.discovery())])
        script.calendars = ["http://cal.example/alice/home/": []]
        script.recurring = ["http://cal.example/alice/home/": .failure(.network(.cannotConnect("http://cal.example/", detail: "reset")))]
        await #expect(throws: CalDAVError.self) {
            _ = try await OwnFreeBusyReader(server: RecordedServer(script)).busyTime(in: f.window, organizer: nil, zone: DisplayZone.named("UTC")!)
        }
    }

    @Test(arguments: [
        ("BEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n", true),
        ("BEGIN:VEVENT\nrrule;X-A=1:FREQ=DAILY\nEND:VEVENT\n", true),
        ("BEGIN:VEVENT\r\nRDATE:20261207T090000Z\r\nDESCRIPTION:RRULE:FREQ=WEEKLY is in the text\r\nEND:VEVENT\r\n", false),
        ("BEGIN:VEVENT\r\nX-RRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n", false),
    ] as [(String, Bool)])
    func onlyObjectsWithAnRRULELineAreKept(text: String, kept: Bool) {
        #expect(CalDAVSession.hasRecurrenceRule(text) == kept)
    }
}
