import Testing
import WebDAV
import XMLTree

/// The calendar-query for repeating events (RFC 4791 §9.7.2 prop-filter):
/// every VEVENT with an RRULE, with no time range.
@Suite struct RecurringEventsQueryTests {
    @Test func bodyAsksForEventsThatHaveTheProperty() throws {
        let root = try XML.parse(Array(CalendarQueryRequest(eventsWithProperty: "RRULE").xmlBody.utf8))
        let calendar = try #require(root.child("filter", in: Namespace.caldav)?.child("comp-filter", in: Namespace.caldav))
        let event = try #require(calendar.child("comp-filter", in: Namespace.caldav))
        #expect(event.attribute("name") == "VEVENT")
        #expect(event.child("time-range", in: Namespace.caldav) == nil)
        let filter = try #require(event.child("prop-filter", in: Namespace.caldav))
        #expect(filter.attribute("name") == "RRULE")
        #expect(filter.children.isEmpty, "no child: the property is defined (§9.7.2)")
    }
}
