import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension LocalServerSuites {
/// Repeating meetings through `avail meetings` on a server whose time-range
/// filter misses them: Xandikos 0.2 compares the window with a series' first
/// occurrence only, so a weekly meeting begun weeks before the window was
/// not listed until the meetings were read like `avail publish` reads them.
@Suite(.serialized) struct MeetingsSeriesIntegrationTests {
    @Test func aSeriesBegunBeforeTheWindowIsListedOnXandikos() throws {
        let url = try LocalServers.value("AVAIL_TEST_XANDIKOS_URL")
        let uid = "avail-meetings-series-\(UUID().uuidString)"
        let resource = url + "user/calendars/calendar/\(uid).ics"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(uid).ics").path
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20261201T090000Z\r\n"
            + "DTSTART:20350305T062300Z\r\nDTEND:20350305T065300Z\r\nRRULE:FREQ=WEEKLY;COUNT=8\r\nSUMMARY:Weekly sync\r\n"
            + "ORGANIZER:mailto:alice@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:alice@example.com\r\n"
            + "ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file); _ = try? spawnAndWait(["curl", "-s", "-o", "/dev/null", "-X", "DELETE", resource]) }
        let put = try spawnAndWait(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-H", "Content-Type: text/calendar",
                                    "--data-binary", "@" + file, resource])
        #expect(put.output == "201")
        let run = try runAvail(["meetings", "--organizer", "alice@example.com", "--from", "2035-03-24", "--days", "14", "--format", "json"],
                               environment: ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "x"])
        #expect(run.status == 0, "\(run.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], "\(run.stdout)")
        let mine = list.filter { $0["uid"] as? String == uid }
        #expect(mine.map { $0["start"] as? String ?? "" } == ["2035-03-26T06:23:00Z", "2035-04-02T06:23:00Z"], "\(run.stdout)")
        #expect(mine.allSatisfy { $0["recurring"] as? Bool == true })
    }
}
}
