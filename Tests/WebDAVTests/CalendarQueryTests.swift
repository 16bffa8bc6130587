import Testing
import WebDAV
import XMLTree

/// calendar-query REPORT bodies (RFC 4791 §7.8) and the answers DAViCal and
/// Cyrus give to one on a scheduling Inbox.
@Suite struct CalendarQueryTests {
    @Test func bodyWithATimeRangeFiltersEvents() throws {
        let body = CalendarQueryRequest(timeRange: ("20290517T101500Z", "20290518T000000Z")).xmlBody
        let root = try XML.parse(Array(body.utf8))
        #expect(root.isNamed("calendar-query", in: Namespace.caldav))
        let prop = try #require(root.child("prop", in: Namespace.dav))
        #expect(prop.children.map(\.name) == ["getetag", "calendar-data"])
        let calendar = try #require(root.child("filter", in: Namespace.caldav)?.child("comp-filter", in: Namespace.caldav))
        #expect(calendar.attribute("name") == "VCALENDAR")
        let event = try #require(calendar.child("comp-filter", in: Namespace.caldav))
        #expect(event.attribute("name") == "VEVENT")
        let range = try #require(event.child("time-range", in: Namespace.caldav))
        #expect(range.attribute("start") == "20290517T101500Z" && range.attribute("end") == "20290518T000000Z")
    }

    @Test func bodyWithoutATimeRangeTakesEveryObject() throws {
        let root = try XML.parse(Array(CalendarQueryRequest(timeRange: nil).xmlBody.utf8))
        let calendar = try #require(root.child("filter", in: Namespace.caldav)?.child("comp-filter", in: Namespace.caldav))
        #expect(calendar.attribute("name") == "VCALENDAR" && calendar.children.isEmpty)
    }

    @Test(arguments: [("calendar-query-davical-inbox.xml", 5, "/caldav.php/alice/.in/"), ("calendar-query-cyrus-inbox.xml", 4, "/dav/calendars/user/alice/Inbox/")])
    func answersCarryETagAndCalendarData(fixture: String, count: Int, prefix: String) throws {
        let ms = try Multistatus.parse(try Fixture.bytes(fixture))
        #expect(ms.responses.count == count)
        for r in ms.responses {
            #expect(r.href.hasPrefix(prefix) && r.href.hasSuffix(".ics"))
            let etag = try #require(r.property(.getETag)?.allText)
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            let data = try #require(r.property(.calendarData)?.allText)
            #expect(data.hasPrefix("BEGIN:VCALENDAR") && data.contains("METHOD:REPLY"))
        }
    }
}
