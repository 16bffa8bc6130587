import Testing
import CalDAVClient
import FreeBusy
import ICalendar
@testable import HTTPClient

/// How CalDAVSession.storeNewEvent reads the refusals of a PUT (served over
/// real HTTP by the loopback test server from fixture files): each becomes
/// one line that says what to do. The successful path is tested on DAViCal
/// and Cyrus (BookingIntegrationTests).
@Suite struct EventStoreAnswerTests {
    func store(under path: String) async throws -> Result<StoredEvent, CalDAVError> {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let session = CalDAVSession(account: Account(serverURL: server.url("/"), credentials: Credentials(user: "alice", password: "pw")), http: client)
        let calendar = EventCalendar(url: server.url(path), name: nil, source: "test")
        do throws(CalDAVError) { return .success(try await session.storeNewEvent("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", uid: "u 1/x", in: calendar)) }
        catch { return .failure(error) }
    }

    @Test func preconditionFailedMeansTheUIDIsTaken() async throws {
        guard case let .failure(e) = try await store(under: "/canned/412/-/") else { Issue.record("accepted a 412"); return }
        guard case let .eventExists(url, uid) = e else { Issue.record("\(e)"); return }
        #expect(uid == "u 1/x")
        #expect(url.hasSuffix("/canned/412/-/u%201%2Fx.ics"), "the UID is percent-encoded in the resource name: \(url)")
        #expect(e.description.hasPrefix("an event with UID u 1/x already exists in http://127.0.0.1:"))
        #expect(e.exitCode == 6)
    }

    @Test func noUIDConflictToo() async throws {
        guard case let .failure(e) = try await store(under: "/canned/403/error-no-uid-conflict.xml/") else { Issue.record("accepted"); return }
        guard case .eventExists = e else { Issue.record("\(e)"); return }
    }

    @Test func noWritePrivilegeNamesIt() async throws {
        guard case let .failure(e) = try await store(under: "/canned/403/error-need-write-privilege.xml/") else { Issue.record("accepted"); return }
        #expect(e.description == "403: alice lacks DAV:bind on /caldav.php/alice/calendar/", "\(e)")
    }

    @Test func aStoredEventReportsItsTags() async throws {
        let stored = try await store(under: "/canned/201/-/").get()
        #expect(stored.url.path.hasSuffix("/u%201%2Fx.ics"))
        #expect(stored.serverSchedules == false)
    }
}
