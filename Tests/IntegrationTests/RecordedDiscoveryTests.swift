import Foundation
import Testing
import CalDAVClient
import HTTPClient

/// Discovery's round trips over recorded answers on a loopback socket: the
/// principal is asked unless the first answer already holds the user's
/// outbox and addresses, provably for this principal (`PrincipalAnswer`), and
/// the name shown is only ever the principal's own.
@Suite(.serialized) struct RecordedDiscoveryTests {
    static func multistatus(_ href: String, _ properties: String) -> [UInt8] {
        let body = """
            <?xml version="1.0" encoding="utf-8" ?>
            <multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>\(href)</href>
            <propstat><prop>\(properties)</prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>
            """
        return Array(("HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml; charset=utf-8\r\nDAV: 1, 2, calendar-access, calendar-auto-schedule\r\n"
                      + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body).utf8)
    }

    /// DAViCal's answer on its root (/caldav.php/), moved under /dav/.
    static let rootLikeDAViCal = multistatus("/dav/", """
        <current-user-principal><href>/dav/alice/</href></current-user-principal>
        <C:schedule-outbox-URL><href>/dav/alice/.out/</href></C:schedule-outbox-URL>
        <C:calendar-user-address-set><href>mailto:alice@example.com</href><href>/dav/alice/</href></C:calendar-user-address-set>
        <displayname>the server's name</displayname>
        """)
    static let principal = multistatus("/dav/alice/", """
        <current-user-principal><href>/dav/alice/</href></current-user-principal>
        <C:schedule-outbox-URL><href>/dav/alice/.out/</href></C:schedule-outbox-URL>
        <C:calendar-user-address-set><href>mailto:alice@example.com</href><href>/dav/alice/</href></C:calendar-user-address-set>
        <displayname>Alice Example</displayname>
        """)

    func session(_ listener: LoopbackListener, path: String = "/dav/") throws -> CalDAVSession {
        let url = try #require(HTTPURL(string: "http://127.0.0.1:\(listener.port)\(path)"))
        return CalDAVSession(account: Account(serverURL: url, credentials: Credentials(user: "alice", password: "alicepw")), http: HTTPClient())
    }

    /// The request lines sent, in order: "PROPFIND /dav/".
    func requestLines(_ listener: LoopbackListener) -> [String] {
        listener.requests.map { head in
            let line = head.prefix { $0 != "\r" && $0 != "\n" }
            return line.split(separator: " ").prefix(2).joined(separator: " ")
        }
    }

    @Test func anAnswerLikeDAViCalsRootIsOnePropfindWithoutAName() async throws {
        let listener = try LoopbackListener(.answeringInTurn([Self.rootLikeDAViCal, Self.principal]))
        let d = try await session(listener).discover(needsName: false)
        #expect(requestLines(listener) == ["PROPFIND /dav/"])
        #expect(d.principalURL.path == "/dav/alice/")
        #expect(d.outboxURL.path == "/dav/alice/.out/")
        #expect(d.calendarUserAddresses == ["mailto:alice@example.com", "/dav/alice/"])
        #expect(d.organizer.uri == "mailto:alice@example.com")
        #expect(d.davCapabilities.contains("calendar-auto-schedule"))
        // The root's display name is the server's, never shown as the user's.
        #expect(d.displayName == nil)
    }

    /// `avail discover`, `setup` and booking want the user's name: the principal is asked.
    @Test func whenTheNameIsNeededThePrincipalIsAsked() async throws {
        let listener = try LoopbackListener(.answeringInTurn([Self.rootLikeDAViCal, Self.principal]))
        let d = try await session(listener).discover(needsName: true)
        #expect(requestLines(listener) == ["PROPFIND /dav/", "PROPFIND /dav/alice/"])
        #expect(d.displayName == "Alice Example")
        #expect(d.outboxURL.path == "/dav/alice/.out/")
    }

    /// An outbox on a shared collection, an address set that names someone
    /// else's principal: nothing ties them to alice, so the principal is asked
    /// and its outbox used.
    @Test func anAnswerThatDoesNotTieToThePrincipalAsksThePrincipal() async throws {
        let shared = Self.multistatus("/dav/", """
            <current-user-principal><href>/dav/alice/</href></current-user-principal>
            <C:schedule-outbox-URL><href>/dav/team/.out/</href></C:schedule-outbox-URL>
            <C:calendar-user-address-set><href>mailto:team@example.com</href><href>/dav/team/</href></C:calendar-user-address-set>
            """)
        let listener = try LoopbackListener(.answeringInTurn([shared, Self.principal]))
        let d = try await session(listener).discover(needsName: false)
        #expect(requestLines(listener) == ["PROPFIND /dav/", "PROPFIND /dav/alice/"])
        #expect(d.outboxURL.path == "/dav/alice/.out/")
        #expect(d.organizer.uri == "mailto:alice@example.com")
        #expect(d.displayName == "Alice Example")
    }

    /// Who the user is, asked again in the same process (the planner's
    /// meetings, then the meetings reader): the answer in hand is used.
    @Test func whoTheUserIsIsAskedOncePerProcess() async throws {
        let listener = try LoopbackListener(.answeringInTurn([Self.rootLikeDAViCal, Self.rootLikeDAViCal]))
        let s = try session(listener)
        let first = try await s.identity(needsName: false)
        let second = try await s.identity(needsName: false)
        #expect(requestLines(listener) == ["PROPFIND /dav/"])
        #expect(first == second && second.principalURL.path == "/dav/alice/")
    }

    /// A discovery is asked when the cached one failed (the outbox moved): it
    /// never takes a finished look-up, and who the user is then comes from the new one.
    @Test func aDiscoveryAlwaysAsksTheServer() async throws {
        let moved = Self.multistatus("/dav/", """
            <current-user-principal><href>/dav/alice/</href></current-user-principal>
            <C:schedule-outbox-URL><href>/dav/alice/outbox-2/</href></C:schedule-outbox-URL>
            <C:calendar-user-address-set><href>mailto:alice@example.com</href><href>/dav/alice/</href></C:calendar-user-address-set>
            """)
        let listener = try LoopbackListener(.answeringInTurn([Self.rootLikeDAViCal, moved, moved]))
        let s = try session(listener)
        let before = try await s.discover(needsName: false)
        let after = try await s.discover(needsName: false)
        #expect(before.outboxURL.path == "/dav/alice/.out/" && after.outboxURL.path == "/dav/alice/outbox-2/")
        _ = try await s.identity(needsName: false)
        #expect(requestLines(listener) == ["PROPFIND /dav/", "PROPFIND /dav/"])
    }

    /// A look-up that failed is not kept: the next question asks again.
    @Test func aFailedLookUpIsAskedAgain() async throws {
        let refused = Array("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
        let listener = try LoopbackListener(.answeringInTurn([refused, Self.rootLikeDAViCal]))
        let s = try session(listener)
        await #expect(throws: CalDAVError.self) { try await s.identity(needsName: false) }
        let me = try await s.identity(needsName: false)
        #expect(me.principalURL.path == "/dav/alice/")
        #expect(requestLines(listener) == ["PROPFIND /dav/", "PROPFIND /dav/"])
    }

    /// A look-up without the name does not do for one that needs it.
    @Test func theNameIsAskedWhenTheAnswerInHandHasNone() async throws {
        let listener = try LoopbackListener(.answeringInTurn([Self.rootLikeDAViCal, Self.rootLikeDAViCal, Self.principal]))
        let s = try session(listener)
        #expect(try await s.identity(needsName: false).displayName == nil)
        #expect(try await s.identity(needsName: true).displayName == "Alice Example")
        #expect(try await s.identity(needsName: true).displayName == "Alice Example")
        #expect(requestLines(listener) == ["PROPFIND /dav/", "PROPFIND /dav/", "PROPFIND /dav/alice/"])
    }

    /// The user configured the principal's URL: one PROPFIND, name and all, as before.
    @Test func theResourceThatIsThePrincipalIsOnePropfindWithItsName() async throws {
        let listener = try LoopbackListener(.answeringInTurn([Self.principal, Self.principal]))
        let d = try await session(listener, path: "/dav/alice/").discover(needsName: true)
        #expect(requestLines(listener) == ["PROPFIND /dav/alice/"])
        #expect(d.displayName == "Alice Example")
        #expect(d.outboxURL.path == "/dav/alice/.out/")
    }
}
