import Testing
import CalDAVClient
import FreeBusy
import ICalendar
@testable import HTTPClient

/// How CalDAVSession.queryFreeBusy reads each kind of answer to the POST, served
/// over real HTTP by the loopback test server from the fixture files.
@Suite struct OutboxAnswerTests {
    let window = TimeWindow(start: UTCInstant(year: 2026, month: 12, day: 7)!, end: UTCInstant(year: 2026, month: 12, day: 12)!)!

    func query(_ path: String) async throws -> Result<FreeBusyResult, CalDAVError> {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let session = CalDAVSession(account: Account(serverURL: server.url("/"), credentials: nil), http: client)
        let request = FreeBusyRequest(organizer: try CalendarUserAddress("alice@example.com"),
                                      attendees: [try CalendarUserAddress("bob@example.com"), try CalendarUserAddress("dave@example.com")],
                                      window: window, uid: "u", timestamp: window.start)
        do { return .success(try await session.queryFreeBusy(request, outbox: server.url(path))) } catch { return .failure(error) }
    }

    @Test func aScheduleResponse() async throws {
        let result = try await query("/canned/200/schedule-response-davical-style.xml").get()
        #expect(result.recipients.map(\.status.code) == ["2.0", "3.8"])
        #expect(result.recipients[0].busy?.isEmpty == false)
    }

    @Test func noContentMeansUnknownNotFree() async throws {
        let result = try await query("/canned/204/-").get()
        #expect(result.recipients.allSatisfy { $0.busy == nil && $0.status.code == "?" })
        #expect(result.note?.contains("204") == true)
    }

    @Test func needPrivilegesIsOneClearLine() async throws {
        guard case let .failure(error) = try await query("/canned/403/error-need-privileges.xml") else { Issue.record("accepted a 403"); return }
        #expect(error.exitCode == 6)
        #expect(error.description == "403: this user lacks CALDAV:schedule-send-freebusy on /caldav.php/alice/.out/")
    }

    @Test func validOrganizer() async throws {
        guard case let .failure(error) = try await query("/canned/403/error-valid-organizer.xml") else { Issue.record("accepted a 403"); return }
        #expect(error.description.hasPrefix("403 CALDAV:valid-organizer: the organizer is not a calendar user of this outbox"))
        #expect(error.description.hasSuffix(": ORGANIZER does not match authenticated user"))
    }

    @Test func anHTMLPageWithStatus200IsNotAnAnswer() async throws {
        guard case let .failure(error) = try await query("/canned/200/error-page.html") else { Issue.record("accepted HTML"); return }
        #expect(error.exitCode == 6)
        #expect(error.description.contains("not a CALDAV:schedule-response"))
        #expect(error.description.contains("text/html"))
        #expect(!error.description.contains("\n"))
    }

    @Test func anEmptyBodyWithStatus200() async throws {
        guard case let .failure(error) = try await query("/canned/200/-") else { Issue.record("accepted an empty body"); return }
        #expect(error.description.hasSuffix("not a CALDAV:schedule-response: the body is empty"))
    }

    @Test func aServerErrorShowsItsFirstLine() async throws {
        guard case let .failure(error) = try await query("/canned/500/davical-fatal-error.txt") else { Issue.record("accepted a 500"); return }
        #expect(error.exitCode == 6)
        #expect(error.description.hasSuffix(": DAViCal Fatal Error"))
    }

    @Test func notFoundAndLocked() async throws {
        guard case let .failure(e404) = try await query("/canned/404/-"), case let .failure(e423) = try await query("/canned/423/-") else {
            Issue.record("accepted a refusal"); return
        }
        #expect(e404.description.hasPrefix("404 Not Found:"))
        #expect(e423.description.hasPrefix("423 Locked:"))
    }
}
