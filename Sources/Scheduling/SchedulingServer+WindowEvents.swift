import CalDAVClient
import HTTPClient
import FreeBusy
import ICalendar
import LocalTime

extension SchedulingServer {
    /// The stored objects of one calendar with an event in `window`, a series
    /// begun before the window included: the time-range calendar-query
    /// (RFC 4791 §7.8, §9.9), plus the repeating events (which Xandikos's
    /// time-range filter leaves out when the series began earlier), each
    /// object once, by URL. A server that refuses or garbles the second query
    /// leaves the first one's answer; a lost connection is a failure.
    /// `avail publish` and `avail meetings` (and the planner's own row) read
    /// through here, so both see the same events.
    public func eventObjects(in calendar: HTTPURL, window: TimeWindow) async throws(CalDAVError) -> [CalendarObjectResource] {
        var found = try await calendarObjects(in: calendar, from: window.start, to: window.end)
        do {
            let seen = Set(found.map(\.url.description))
            found += try await recurringCalendarObjects(in: calendar).filter { !seen.contains($0.url.description) }
        } catch .refused(_, _, _) {
        } catch .badAnswer(_, _) {
        }
        return found
    }
}
