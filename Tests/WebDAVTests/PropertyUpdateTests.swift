import Testing
import WebDAV
import XMLTree

@Suite struct PropertyUpdateTests {
    @Test func setCarriesTheValueAsEscapedText() throws {
        let value = "BEGIN:VCALENDAR\r\nSUMMARY:a <b> & c\r\nEND:VCALENDAR\r\n"
        let root = try XML.parse(PropertyUpdate(set: [(.calendarAvailability, value)]).xmlBody)
        #expect(root.isNamed("propertyupdate", in: Namespace.dav))
        let prop = try #require(root.child("set", in: Namespace.dav)?.child("prop", in: Namespace.dav))
        let availability = try #require(prop.child("calendar-availability", in: Namespace.caldav))
        #expect(availability.allText == value)
        #expect(root.child("remove", in: Namespace.dav) == nil)
    }

    @Test func removeNamesTheProperty() throws {
        let root = try XML.parse(PropertyUpdate(remove: [.calendarAvailability]).xmlBody)
        #expect(root.child("set", in: Namespace.dav) == nil)
        let prop = try #require(root.child("remove", in: Namespace.dav)?.child("prop", in: Namespace.dav))
        #expect(prop.children.count == 1)
        #expect(prop.child("calendar-availability", in: Namespace.caldav) != nil)
    }

    @Test func otherNamespacesGetAPrefix() throws {
        let root = try XML.parse(PropertyUpdate(set: [(QualifiedName("http://example.com/ns", "x"), "1")]).xmlBody)
        #expect(root.child("set", in: Namespace.dav)?.child("prop", in: Namespace.dav)?.child("x", in: "http://example.com/ns")?.allText == "1")
    }
}
