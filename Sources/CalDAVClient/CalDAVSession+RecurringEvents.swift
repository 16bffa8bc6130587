import HTTPClient
import WebDAV

extension CalDAVSession {
    /// Every repeating event of a calendar, whenever it starts: a
    /// calendar-query for VEVENTs with an RRULE (RFC 4791 §9.7.2). A
    /// time-range query should already hold each series with an occurrence in
    /// the range (§9.9), but Xandikos 0.2 compares the range with the first
    /// occurrence only, and leaves out a weekly meeting that began last month.
    /// Servers that ignore the prop-filter (DAViCal) answer with every event;
    /// only those with an RRULE are kept.
    public func recurringCalendarObjects(in calendar: HTTPURL) async throws(CalDAVError) -> [CalendarObjectResource] {
        try await calendarQuery(calendar, CalendarQueryRequest(eventsWithProperty: "RRULE")).filter { Self.hasRecurrenceRule($0.text) }
    }

    /// A line that starts with RRULE (any case) as a whole property name.
    /// (CRLF is one Character in Swift: split on isNewline, not on a "\n".)
    static func hasRecurrenceRule(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).contains { line in
            let upper = line.prefix(6).uppercased()
            return upper == "RRULE:" || upper == "RRULE;"
        }
    }
}
