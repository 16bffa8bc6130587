import XMLTree

/// A CALDAV:calendar-query REPORT body (RFC 4791 §7.8) asking for each
/// matching resource's ETag and calendar data. With a time range, only
/// VEVENTs that overlap it match (§9.9: the server expands recurrences to
/// decide); without one, every VCALENDAR in the collection (a scheduling
/// Inbox holds REPLY and CANCEL items without a time to filter on).
public struct CalendarQueryRequest: Sendable {
    /// UTC date-times in the iCalendar form (`20290517T101500Z`), as §9.9 requires.
    public var timeRange: (start: String, end: String)?
    /// Only VEVENTs that have this property, at any time (RFC 4791 §9.7.2: a
    /// prop-filter with no child matches when the property is defined).
    public var definedProperty: String? = nil

    public init(timeRange: (start: String, end: String)?) { self.timeRange = timeRange }

    public init(eventsWithProperty name: String) {
        timeRange = nil
        definedProperty = name
    }

    public var xmlBody: String {
        var body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        body += "<C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"\(Namespace.caldav)\">"
        body += "<D:prop><D:getetag/><C:calendar-data/></D:prop>"
        body += "<C:filter><C:comp-filter name=\"VCALENDAR\">"
        if let range = timeRange {
            body += "<C:comp-filter name=\"VEVENT\"><C:time-range start=\"\(XML.escape(range.start))\" end=\"\(XML.escape(range.end))\"/></C:comp-filter>"
        } else if let name = definedProperty {
            body += "<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"\(XML.escape(name))\"/></C:comp-filter>"
        }
        body += "</C:comp-filter></C:filter></C:calendar-query>"
        return body
    }
}
