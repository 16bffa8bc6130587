import Testing
import HTTPClient
import WebDAV
@testable import CalDAVClient

/// The first PROPFIND's answer decides whether discovery asks the principal
/// too: recorded answers of the real servers, and ones made to look alike
/// without proving anything.
@Suite struct PrincipalAnswerTests {
    func url(_ s: String) -> HTTPURL { HTTPURL(string: s)! }
    let server = HTTPURL(string: "http://127.0.0.1:58080/caldav.php/")!
    let alice = HTTPURL(string: "http://127.0.0.1:58080/caldav.php/alice/")!

    /// One response with these properties in a 200 propstat (and `missing` in a 404 one).
    func answer(href: String, _ properties: String, missing: String = "") throws -> Multistatus.Response {
        var xml = """
            <?xml version="1.0" encoding="utf-8" ?>
            <multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>\(href)</href>
            <propstat><prop>\(properties)</prop><status>HTTP/1.1 200 OK</status></propstat>
            """
        if !missing.isEmpty { xml += "<propstat><prop>\(missing)</prop><status>HTTP/1.1 404 Not Found</status></propstat>" }
        xml += "</response></multistatus>"
        let parsed = try Multistatus.parse(Array(xml.utf8))
        return try #require(parsed.responses.first)
    }

    /// DAViCal's answer on /caldav.php/ (where /.well-known/caldav lands), as recorded.
    static let davicalRoot = """
        <current-user-principal><href>/caldav.php/alice/</href></current-user-principal>
        <C:schedule-outbox-URL><href>/caldav.php/alice/.out/</href></C:schedule-outbox-URL>
        <C:calendar-user-address-set><href>mailto:alice@example.com</href><href>/caldav.php/alice/</href></C:calendar-user-address-set>
        <displayname>avail test DAViCal</displayname>
        <resourcetype><collection/></resourcetype>
        """

    @Test func davicalsFirstAnswerIsTheUsersScheduling() throws {
        let entry = try answer(href: "/caldav.php/", Self.davicalRoot)
        #expect(PrincipalAnswer.judge(entry, answeredAt: server, principal: alice) == .principalsScheduling)
    }

    @Test func theAddressSetListingThePrincipalAloneTiesAnOutboxElsewhere() throws {
        let entry = try answer(href: "/caldav.php/", """
            <C:schedule-outbox-URL><href>/outboxes/7/</href></C:schedule-outbox-URL>
            <C:calendar-user-address-set><href>mailto:alice@example.com</href><href>http://127.0.0.1:58080/caldav.php/alice</href></C:calendar-user-address-set>
            """)
        #expect(PrincipalAnswer.judge(entry, answeredAt: server, principal: alice) == .principalsScheduling)
    }

    @Test func anOutboxUnderThePrincipalTiesAnAddressSetWithoutItsURL() throws {
        let entry = try answer(href: "/caldav.php/", """
            <C:schedule-outbox-URL><href>alice/.out/</href></C:schedule-outbox-URL>
            <C:calendar-user-address-set><href>mailto:alice@example.com</href></C:calendar-user-address-set>
            """)
        #expect(PrincipalAnswer.judge(entry, answeredAt: server, principal: alice) == .principalsScheduling)
    }

    @Test func anOutboxOnASharedResourceWithoutATieIsUnproven() throws {
        let entry = try answer(href: "/caldav.php/", """
            <C:schedule-outbox-URL><href>/caldav.php/shared/.out/</href></C:schedule-outbox-URL>
            <C:calendar-user-address-set><href>mailto:team@example.com</href><href>/caldav.php/shared/</href></C:calendar-user-address-set>
            """)
        #expect(PrincipalAnswer.judge(entry, answeredAt: server, principal: alice) == .unproven)
    }

    @Test func anAddressSetWithoutAMailtoIsUnproven() throws {
        let entry = try answer(href: "/caldav.php/", """
            <C:schedule-outbox-URL><href>/caldav.php/alice/.out/</href></C:schedule-outbox-URL>
            <C:calendar-user-address-set><href>/caldav.php/alice/</href></C:calendar-user-address-set>
            """)
        #expect(PrincipalAnswer.judge(entry, answeredAt: server, principal: alice) == .unproven)
    }

    @Test func anOutboxOrAddressSetAloneIsUnproven() throws {
        let outboxOnly = try answer(href: "/caldav.php/", "<C:schedule-outbox-URL><href>/caldav.php/alice/.out/</href></C:schedule-outbox-URL>",
                                    missing: "<C:calendar-user-address-set/>")
        #expect(PrincipalAnswer.judge(outboxOnly, answeredAt: server, principal: alice) == .unproven)
        let addressesOnly = try answer(href: "/caldav.php/", """
            <C:calendar-user-address-set><href>mailto:alice@example.com</href><href>/caldav.php/alice/</href></C:calendar-user-address-set>
            """, missing: "<C:schedule-outbox-URL/>")
        #expect(PrincipalAnswer.judge(addressesOnly, answeredAt: server, principal: alice) == .unproven)
    }

    /// Properties that came back with a 404 propstat are not there at all.
    @Test func propertiesInA404PropstatProveNothing() throws {
        let entry = try answer(href: "/caldav.php/", "<displayname>x</displayname>", missing: """
            <C:schedule-outbox-URL><href>/caldav.php/alice/.out/</href></C:schedule-outbox-URL>
            <C:calendar-user-address-set><href>mailto:alice@example.com</href><href>/caldav.php/alice/</href></C:calendar-user-address-set>
            """)
        #expect(PrincipalAnswer.judge(entry, answeredAt: server, principal: alice) == .unproven)
    }

    /// Look-alike paths: a sibling whose name starts with the principal's, a
    /// `..` climbing out (plain or percent-encoded), another origin, the
    /// principal itself as its own "outbox".
    @Test func outboxesThatOnlyLookLikeThePrincipalsAreUnproven() throws {
        for outbox in ["/caldav.php/alice2/.out/", "/caldav.php/alice/%2E%2E/bob/.out/", "/caldav.php/alice/%2e./bob/",
                       "http://127.0.0.1:58081/caldav.php/alice/.out/", "https://127.0.0.1:58080/caldav.php/alice/.out/",
                       "/caldav.php/alice/", "/caldav.php/alice"] {
            let entry = try answer(href: "/caldav.php/", """
                <C:schedule-outbox-URL><href>\(outbox)</href></C:schedule-outbox-URL>
                <C:calendar-user-address-set><href>mailto:alice@example.com</href><href>/caldav.php/bob/</href></C:calendar-user-address-set>
                """)
            #expect(PrincipalAnswer.judge(entry, answeredAt: server, principal: alice) == .unproven, "\(outbox)")
        }
    }

    @Test func anAddressSetNamingAnotherOriginsPrincipalIsUnproven() throws {
        let entry = try answer(href: "/caldav.php/", """
            <C:schedule-outbox-URL><href>/outboxes/7/</href></C:schedule-outbox-URL>
            <C:calendar-user-address-set><href>mailto:alice@example.com</href><href>http://elsewhere.example/caldav.php/alice/</href></C:calendar-user-address-set>
            """)
        #expect(PrincipalAnswer.judge(entry, answeredAt: server, principal: alice) == .unproven)
    }

    /// The configured URL was the principal: its own answer, name and all.
    @Test func theResourceThatIsThePrincipalIsItself() throws {
        let entry = try answer(href: "/caldav.php/alice/", """
            <current-user-principal><href>/caldav.php/alice/</href></current-user-principal>
            <displayname>Alice Example</displayname>
            """)
        #expect(PrincipalAnswer.judge(entry, answeredAt: alice, principal: alice) == .principalItself)
        let withoutSlash = try answer(href: "/caldav.php/alice", "<displayname>Alice Example</displayname>")
        #expect(PrincipalAnswer.judge(withoutSlash, answeredAt: alice, principal: alice) == .principalItself)
    }

    /// Cyrus (/dav/calendars after the .well-known redirect), Radicale and
    /// Xandikos name only the principal: it is asked.
    @Test func answersNamingOnlyThePrincipalAreUnproven() throws {
        let cyrus = try answer(href: "/dav/calendars/", "<current-user-principal><href>/dav/principals/user/alice/</href></current-user-principal>",
                               missing: "<C:schedule-outbox-URL/><C:calendar-user-address-set/><displayname/>")
        #expect(PrincipalAnswer.judge(cyrus, answeredAt: url("http://127.0.0.1:58008/dav/calendars"),
                                      principal: url("http://127.0.0.1:58008/dav/principals/user/alice/")) == .unproven)
        let radicale = try answer(href: "/", "<current-user-principal><href>/alice/</href></current-user-principal>")
        #expect(PrincipalAnswer.judge(radicale, answeredAt: url("http://127.0.0.1:58090/"),
                                      principal: url("http://127.0.0.1:58090/alice/")) == .unproven)
    }
}
