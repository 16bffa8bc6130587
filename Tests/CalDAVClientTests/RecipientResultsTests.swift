import Foundation
import Testing
import FreeBusy
import HTTPClient
import ICalendar
import WebDAV
@testable import CalDAVClient

private func fixture(_ name: String) throws -> [UInt8] {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WebDAVTests/Fixtures")
    return Array(try Data(contentsOf: dir.appendingPathComponent(name)))
}

private func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> UTCInstant {
    UTCInstant(year: 2026, month: 12, day: day, hour: hour, minute: minute)!
}

private let week = TimeWindow(start: at(7, 0), end: at(12, 0))!

@Suite struct RecipientResultsTests {
    @Test func davicalAnswerInCommandLineOrder() throws {
        let response = try ScheduleResponse.parse(try fixture("schedule-response-davical-style.xml"))
        let asked = try ["NOBODY@example.com", "bob@example.com", "dave@example.com", "zed@example.com"].map { try CalendarUserAddress($0) }
        let results = response.recipientResults(for: asked, window: week)
        #expect(results.map(\.recipient.uri) == asked.map(\.uri))
        #expect(results.map(\.status.code) == ["3.7", "2.0", "3.8", "?"])
        #expect(results[0].busy == nil && results[2].busy == nil && results[3].busy == nil)
        // Clipped at the window start, overlapping periods merged, types kept.
        #expect(results[1].busy == [
            BusyPeriod(start: at(7, 0), end: at(7, 1)),
            BusyPeriod(start: at(7, 9), end: at(7, 10)),
            BusyPeriod(start: at(7, 11), end: at(7, 12), type: .busyTentative),
            BusyPeriod(start: at(11, 10), end: at(11, 11, 30)),
        ])
        #expect(results[3].problem != nil)
    }

    @Test func cyrusAnswer() throws {
        let response = try ScheduleResponse.parse(try fixture("schedule-response-cyrus-style.xml"))
        let results = response.recipientResults(for: [try CalendarUserAddress("bob@example.com"), try CalendarUserAddress("Nobody@example.com")], window: week)
        #expect(results[0].busy?.count == 3)
        #expect(results[0].busy?.last == BusyPeriod(start: at(10, 0), end: at(11, 0)))
        #expect(results[1].status.code == "5.1" && results[1].busy == nil)
    }

    /// SOGo names the recipient by bare address; it still answers the mailto: we asked.
    @Test func sogoAnswerWithBareAddresses() throws {
        let response = try ScheduleResponse.parse(try fixture("schedule-response-sogo-style.xml"))
        let results = response.recipientResults(for: [try CalendarUserAddress("bob@example.com"), try CalendarUserAddress("nobody@example.com")], window: week)
        #expect(results.map(\.status.code) == ["2.0", "3.7"])
        // Periods are merged per type; a busy and a tentative one may overlap.
        #expect(results[0].busy == [
            BusyPeriod(start: at(7, 9), end: at(7, 10)),
            BusyPeriod(start: at(7, 9, 30), end: at(7, 11), type: .busyTentative),
        ])
    }

    @Test func repeatedRecipientCountsOnceAndGarbageDataIsUnknown() throws {
        let xml = """
        <C:schedule-response xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:D="DAV:">
        <C:response><C:recipient><D:href>mailto:bob@example.com</D:href></C:recipient><C:request-status>2.0</C:request-status><C:calendar-data>not icalendar</C:calendar-data></C:response>
        <C:response><C:recipient><D:href>mailto:bob@example.com</D:href></C:recipient><C:request-status>2.0</C:request-status><C:calendar-data>BEGIN:VCALENDAR
        BEGIN:VFREEBUSY
        END:VFREEBUSY
        END:VCALENDAR
        </C:calendar-data></C:response>
        <C:response><C:recipient><D:href>mailto:carol@example.com</D:href></C:recipient><C:request-status>2.0</C:request-status></C:response>
        </C:schedule-response>
        """
        let response = try ScheduleResponse.parse(Array(xml.utf8))
        let results = response.recipientResults(for: [try CalendarUserAddress("bob@example.com"), try CalendarUserAddress("carol@example.com")], window: week)
        #expect(results[0].status.code == "2.0" && results[0].busy == nil)
        #expect(results[0].problem?.hasPrefix("unreadable calendar-data") == true)
        #expect(results[1].busy == nil && results[1].problem == "status 2.0 but no calendar-data")
    }
}

@Suite struct RefusalMessageTests {
    let outbox = HTTPURL(string: "http://cal.example.com/caldav.php/alice/.out/")!

    func response(_ status: Int, _ body: String, type: String = "application/xml", reason: String = "") -> HTTPResponse {
        HTTPResponse(status: status, reason: reason, headers: [HTTPHeader("Content-Type", type)], body: Array(body.utf8), url: outbox)
    }

    @Test func needPrivilegesNamesResourceAndPrivilege() throws {
        let m = RefusalMessage.describe(HTTPResponse(status: 403, body: try fixture("error-need-privileges.xml"), url: outbox),
                                        action: "POST", user: "alice")
        #expect(m == "403: alice lacks CALDAV:schedule-send-freebusy on /caldav.php/alice/.out/")
    }

    @Test func preconditionsBecomeMessages() {
        let cases: [(Int, String, String)] = [
            (400, "valid-calendar-data", "the iCalendar data is invalid"),
            (400, "valid-scheduling-message", "breaks iTIP rules"),
            (400, "supported-collection", "is not a schedule outbox"),
            (400, "supported-calendar-data", "does not accept this calendar data type"),
            (409, "organizer-allowed", "the organizer is not a calendar user of this outbox"),
            (403, "valid-organizer", "the organizer is not a calendar user of this outbox"),
            (403, "max-resource-size", "larger than the server accepts"),
        ]
        for (status, element, phrase) in cases {
            let body = "<D:error xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><C:\(element)/></D:error>"
            let m = RefusalMessage.describe(response(status, body), action: "POST", user: "alice")
            #expect(m.contains(phrase), "\(element): \(m)")
            #expect(m.hasPrefix("\(status) CALDAV:\(element)"))
            #expect(!m.contains("\n"))
        }
    }

    @Test func plainStatuses() {
        #expect(RefusalMessage.describe(response(404, "", type: "text/html"), action: "POST", user: nil).hasPrefix("404 Not Found"))
        #expect(RefusalMessage.describe(response(423, ""), action: "POST", user: nil).hasPrefix("423 Locked"))
        let fatal = RefusalMessage.describe(response(500, "\nDAViCal Fatal Error\nat line 3", type: "text/plain", reason: "Internal Server Error"), action: "POST", user: nil)
        #expect(fatal == "500 Internal Server Error from http://cal.example.com/caldav.php/alice/.out/: DAViCal Fatal Error")
        let html = RefusalMessage.describe(response(502, "<html><body>Bad gateway</body></html>", type: "text/html"), action: "POST", user: nil)
        #expect(html == "502 from http://cal.example.com/caldav.php/alice/.out/")
    }
}

@Suite struct CalDAVErrorTests {
    @Test func exitCodes() {
        #expect(CalDAVError.authenticationFailed(user: "a", url: "u").exitCode == 3)
        #expect(CalDAVError.noScheduling(server: "s", principal: "p").exitCode == 4)
        #expect(CalDAVError.notCalDAV(url: "u", detail: "d").exitCode == 4)
        #expect(CalDAVError.network(.timedOut("u", seconds: 30)).exitCode == 5)
        #expect(CalDAVError.network(.responseTooLarge("u", limit: 1)).exitCode == 6)
        #expect(CalDAVError.refused(status: 400, url: "u", message: "m").exitCode == 6)
        #expect(CalDAVError.badAnswer(url: "u", detail: "d").exitCode == 6)
    }

    @Test func noSchedulingMessageIsTheDocumentedOne() {
        #expect(CalDAVError.noScheduling(server: "http://127.0.0.1:5232", principal: "http://127.0.0.1:5232/alice/").description
            == "http://127.0.0.1:5232 does not support CalDAV scheduling (RFC 6638): no schedule-outbox-URL on http://127.0.0.1:5232/alice/"
               + "; published free/busy can stand in (fburl in the config, see the README)")
    }
}

@Suite struct TraceLogTests {
    @Test func redactsSecretsHeadersAndURLCredentials() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avail-trace-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try TraceLog(path: path, credentials: Credentials(user: "alice", password: "s3cr3t"))
        let url = try #require(HTTPURL(string: "http://cal.example.com/dav/"))
        log.request(HTTPRequest(method: "POST", url: url, headers: [HTTPHeader("Authorization", "Basic abc"), HTTPHeader("Cookie", "x=1")],
                                body: Array("password is s3cr3t".utf8), credentials: Credentials(user: "alice", password: "s3cr3t")))
        log.response(HTTPResponse(status: 200, reason: "OK", headers: [HTTPHeader("Set-Cookie", "y=2")],
                                  body: Array("see http://alice:s3cr3t@evil/ and s3cr3t".utf8), url: url))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("s3cr3t") && !text.contains("Basic abc") && !text.contains("x=1") && !text.contains("y=2"))
        #expect(text.contains("> Authorization: [redacted]"))
        #expect(text.contains("password is [redacted]"))
        #expect(text.contains("http://***@evil/"))
    }
}

@Suite struct DraftHeadersTests {
    @Test func originatorAndRecipientHeaders() throws {
        let request = FreeBusyRequest(organizer: try CalendarUserAddress("alice@example.com"),
                                      attendees: [try CalendarUserAddress("bob@example.com"), try CalendarUserAddress("carol@example.com")],
                                      window: TimeWindow(start: UTCInstant(year: 2026, month: 12, day: 7)!, end: UTCInstant(year: 2026, month: 12, day: 8)!)!,
                                      uid: "u", timestamp: UTCInstant(year: 2026, month: 12, day: 1)!)
        #expect(CalDAVSession.draftSchedulingHeaders(request) == [
            HTTPHeader("Originator", "mailto:alice@example.com"),
            HTTPHeader("Recipient", "mailto:bob@example.com, mailto:carol@example.com"),
        ])
        #expect(CalDAVSession.wantsDraftHeaders(setting: nil, capabilities: ["1", "calendar-access", "calendar-schedule"]))
        #expect(!CalDAVSession.wantsDraftHeaders(setting: nil, capabilities: ["calendar-schedule", "calendar-auto-schedule"]))
        #expect(!CalDAVSession.wantsDraftHeaders(setting: nil, capabilities: []))
        #expect(CalDAVSession.wantsDraftHeaders(setting: true, capabilities: []))
        #expect(!CalDAVSession.wantsDraftHeaders(setting: false, capabilities: ["calendar-schedule"]))
    }
}
