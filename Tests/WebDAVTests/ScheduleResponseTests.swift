import Testing
@testable import WebDAV
import XMLTree

@Suite struct ScheduleResponseTests {
    @Test func davicalStyleDefaultNamespaceAndEscapedCRLF() throws {
        let r = try ScheduleResponse.parse(try Fixture.bytes("schedule-response-davical-style.xml"))
        #expect(r.items.map(\.recipient) == ["mailto:bob@example.com", "mailto:dave@example.com", "mailto:nobody@example.com"])
        #expect(r.items.map(\.requestStatus) == ["2.0;Success", "3.8;No authority", "3.7;Invalid Calendar User"])
        let data = try #require(r.items[0].calendarData)
        #expect(data.contains("FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261207T110000Z/20261207T120000Z\r\n"))
        #expect(r.items[1].calendarData == nil) // an empty <C:calendar-data/>
    }

    @Test func cyrusStyleCDATAAndMissingCalendarData() throws {
        let r = try ScheduleResponse.parse(try Fixture.bytes("schedule-response-cyrus-style.xml"))
        #expect(r.items.count == 2)
        #expect(r.items[0].calendarData?.hasPrefix("BEGIN:VCALENDAR\n") == true)
        #expect(r.items[1].recipient == "mailto:Nobody@example.com")
        #expect(r.items[1].requestStatus == "5.1;Service unavailable")
        #expect(r.items[1].calendarData == nil)
    }

    @Test func sabreStylePrefixes() throws {
        let r = try ScheduleResponse.parse(try Fixture.bytes("schedule-response-sabre-style.xml"))
        #expect(r.items.count == 1)
        #expect(r.items[0].calendarData?.contains("X-OUT-OF-OFFICE") == true)
    }

    @Test func calendarServerStyleBareTextRecipientAndDescription() throws {
        let r = try ScheduleResponse.parse(try Fixture.bytes("schedule-response-calendarserver-style.xml"))
        #expect(r.items.map(\.recipient) == ["mailto:bob@example.com", "mailto:carol@example.com"])
        #expect(r.items[0].requestStatus == "2.0")
        #expect(r.items[1].responseDescription == "No principal for carol")
    }

    /// SOGo (SOGoAppointmentFolder.m) names its namespaces n0, n1…, writes the
    /// recipient as a bare address (no mailto:, no href) and sends one FREEBUSY
    /// line per event, overlapping and unmerged.
    @Test func sogoStyleBareAddressRecipients() throws {
        let r = try ScheduleResponse.parse(try Fixture.bytes("schedule-response-sogo-style.xml"))
        #expect(r.items.map(\.recipient) == ["bob@example.com", "nobody@example.com"])
        #expect(r.items.map(\.requestStatus) == ["2.0;Success", "3.7;Invalid Calendar User"])
        #expect(r.items[0].calendarData?.contains("FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261207T093000Z/20261207T110000Z\r\n") == true)
        #expect(r.items[1].calendarData == nil)
    }

    @Test func refusesOtherDocuments() {
        #expect(throws: ScheduleResponse.ParseError.notScheduleResponse("{DAV:}multistatus")) {
            try ScheduleResponse.parse(Array("<multistatus xmlns=\"DAV:\"/>".utf8))
        }
        // CalDAV element names under the wrong namespace are not CalDAV.
        #expect(throws: ScheduleResponse.ParseError.self) {
            try ScheduleResponse.parse(Array("<schedule-response xmlns=\"DAV:\"><response/></schedule-response>".utf8))
        }
        #expect(throws: ScheduleResponse.ParseError.recipientMissing(index: 0)) {
            try ScheduleResponse.parse(Array("<C:schedule-response xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><C:response><C:request-status>2.0</C:request-status></C:response></C:schedule-response>".utf8))
        }
        #expect(throws: ScheduleResponse.ParseError.self) { try ScheduleResponse.parse(Array("<html>500</html>".utf8)) }
    }

    @Test func anEmptyScheduleResponseHasNoItems() throws {
        let r = try ScheduleResponse.parse(Array("<C:schedule-response xmlns:C=\"urn:ietf:params:xml:ns:caldav\"/>".utf8))
        #expect(r.items.isEmpty)
    }
}

@Suite struct MultistatusTests {
    @Test func readsHrefPropertiesWithDefaultNamespace() throws {
        let ms = try Multistatus.parse(try Fixture.bytes("propfind-principal-davical-style.xml"))
        let r = try #require(ms.responses.first)
        #expect(r.href == "/caldav.php/alice/")
        #expect(r.hrefs(in: .scheduleOutboxURL) == ["/caldav.php/alice/.out/"])
        #expect(r.hrefs(in: .calendarUserAddressSet) == ["mailto:alice@example.com", "/caldav.php/alice/"])
        #expect(r.property(.displayName)?.allText == "Alice Example")
    }

    @Test func ignoresPropertiesThatCameWith404() throws {
        let ms = try Multistatus.parse(try Fixture.bytes("propfind-radicale-style.xml"))
        let r = try #require(ms.responses.first)
        #expect(r.hrefs(in: .currentUserPrincipal) == ["/principals/alice/"])
        #expect(r.property(.scheduleOutboxURL) == nil)
    }

    @Test func statusLines() {
        #expect(Multistatus.httpStatusCode("HTTP/1.1 404 Not Found") == 404)
        #expect(Multistatus.httpStatusCode(" HTTP/1.1 200 OK\n") == 200)
        #expect(Multistatus.httpStatusCode("garbage") == nil)
        #expect(Multistatus.httpStatusCode("HTTP/1.1 999 No") == nil)
    }

    @Test func propfindBodyNamesEveryProperty() throws {
        let body = PropfindRequest(properties: [.currentUserPrincipal, .scheduleOutboxURL, QualifiedName("urn:x", "y")]).xmlBody
        let root = try XML.parse(body)
        let names = root.child("prop", in: Namespace.dav)?.children.map { "\($0.namespace ?? "")|\($0.name)" }
        #expect(names == ["DAV:|current-user-principal", "urn:ietf:params:xml:ns:caldav|schedule-outbox-URL", "urn:x|y"])
    }
}

@Suite struct PreconditionErrorTests {
    @Test func needPrivileges() throws {
        let e = try #require(PreconditionError.parse(try Fixture.bytes("error-need-privileges.xml")))
        #expect(e.has("need-privileges"))
        #expect(e.missingPrivileges.first?.href == "/caldav.php/alice/.out/")
        #expect(e.missingPrivileges.first?.privilege == QualifiedName(Namespace.caldav, "schedule-send-freebusy"))
    }

    @Test func validOrganizerWithDescription() throws {
        let e = try #require(PreconditionError.parse(try Fixture.bytes("error-valid-organizer.xml")))
        #expect(e.conditions == [QualifiedName(Namespace.caldav, "valid-organizer")])
        #expect(e.responseDescription == "ORGANIZER does not match authenticated user")
    }

    @Test func notAnErrorBody() {
        #expect(PreconditionError.parse(Array("<html>403</html>".utf8)) == nil)
        #expect(PreconditionError.parse([]) == nil)
    }
}
