import Testing
import HTTPClient
import WebDAV
@testable import CalDAVClient

/// How a PROPPATCH's 207 is read (RFC 4918 §9.2.1): a non-2xx propstat is a
/// refusal, and the cause is the failure that is not 424 Failed Dependency.
@Suite struct PropertyUpdateAnswerTests {
    static let inbox = HTTPURL(string: "http://127.0.0.1:58080/caldav.php/carol/.in/")!

    static func answer(_ propstats: String) throws -> Multistatus {
        try Multistatus.parse(Array("""
        <?xml version="1.0" encoding="utf-8"?>
        <D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:response><D:href>/caldav.php/carol/.in/</D:href>\(propstats)</D:response></D:multistatus>
        """.utf8))
    }

    @Test func everyPropertyStoredIsNoFailure() throws {
        let ms = try Self.answer("<D:propstat><D:prop><C:calendar-availability/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>")
        #expect(CalDAVSession.proppatchFailure(ms, url: Self.inbox, action: "store CALDAV:calendar-availability") == nil)
    }

    @Test func aForbiddenPropertyIsTheCauseNotItsDependants() throws {
        let ms = try Self.answer("""
        <D:propstat><D:prop><D:displayname/></D:prop><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:propstat>\
        <D:propstat><D:prop><C:calendar-availability/></D:prop><D:status>HTTP/1.1 403 Forbidden</D:status></D:propstat>
        """)
        let failure = try #require(CalDAVSession.proppatchFailure(ms, url: Self.inbox, action: "store CALDAV:calendar-availability"))
        #expect(failure == .refused(status: 403, url: Self.inbox.description,
                                    message: "403: the server did not store CALDAV:calendar-availability on \(Self.inbox) (CALDAV:calendar-availability)"))
        #expect(failure.exitCode == 6)
    }

    @Test func onlyDependantsFailedStillFails() throws {
        let ms = try Self.answer("<D:propstat><D:prop><C:calendar-availability/></D:prop><D:status>HTTP/1.1 424 Failed Dependency</D:status></D:propstat>")
        guard case let .refused(status, _, _)? = CalDAVSession.proppatchFailure(ms, url: Self.inbox, action: "x") else {
            Issue.record("a 424 was taken for success")
            return
        }
        #expect(status == 424)
    }
}
