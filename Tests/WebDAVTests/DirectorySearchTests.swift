import Testing
import WebDAV
import XMLTree

@Suite struct DirectorySearchTests {
    @Test func directorySearchAsksForTheCalendarUserType() throws {
        for criterion in [DirectorySearch.Criterion.text("Ro<om"), .calendarUserType("ROOM")] {
            let root = try XML.parse(DirectorySearch(criterion).xmlBody)
            #expect(root.isNamed("principal-property-search", in: Namespace.dav))
            let asked = try #require(root.child("prop", in: Namespace.dav))
            #expect(asked.child("calendar-user-type", in: Namespace.caldav) != nil)
            #expect(asked.child("calendar-user-address-set", in: Namespace.caldav) != nil)
            let searches = root.children("property-search", in: Namespace.dav)
            switch criterion {
            case .text:
                #expect(searches.count == 2)
                #expect(searches.allSatisfy { $0.child("match", in: Namespace.dav)?.allText == "Ro<om" })
            case .calendarUserType:
                #expect(searches.count == 1, "one criterion: Cyrus ANDs them")
                #expect(searches.first?.child("prop", in: Namespace.dav)?.child("calendar-user-type", in: Namespace.caldav) != nil)
                #expect(searches.first?.child("match", in: Namespace.dav)?.allText == "ROOM")
            }
        }
    }
}
