import FreeBusy
import ICalendar
import LocalTime
import Meetings

extension OwnBusyTime {
    /// The occurrences in `window` of the event in one calendar object (a
    /// VCALENDAR holding one UID, RFC 4791 §4.1), by the same expansion the
    /// busy time is computed with; nil when the object cannot be expanded
    /// (an unsupported RRULE, a time that cannot be resolved), so that the
    /// caller can say so rather than list it at the wrong times.
    public static func occurrences(of calendar: Component, window: TimeWindow, floatingZone: DisplayZone?) -> [SeriesOccurrence]? {
        let resolver = EventTimeResolver(calendar: calendar, floatingZone: floatingZone)
        let events = calendar.components.filter { $0.name == "VEVENT" }
        do throws(OccurrenceProblem) {
            return try occurrences(of: events, window: window, resolver: resolver)
        } catch {
            return nil
        }
    }
}
