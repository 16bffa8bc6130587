import FreeBusy
import ICalendar

/// Free stretches as one iCalendar VFREEBUSY of FBTYPE=FREE periods, for a
/// calendar program to import (`--format ics`).
public enum FreeStretchCalendar {
    /// RFC 5546 §3.4.1 (VFREEBUSY PUBLISH): DTSTAMP, DTSTART, DTEND, UID and
    /// ORGANIZER once each, FREEBUSY for the periods. RFC 5545 §3.8.2.6: the
    /// periods in UTC and in order; they are merged first, so none overlap.
    public static func text(_ stretches: [FreeStretch], window: TimeWindow, organizer: CalendarUserAddress?,
                            uid: String, timestamp: UTCInstant, productID: String) -> String {
        let periods = stretches.compactMap { $0.span.clipped(to: window) }.union()
        return ContentLineWriter.calendar(productID: productID, method: "PUBLISH") { w in
            VFreeBusyWriter.component(attendee: nil, organizer: organizer, window: window, periods: periods.map { ("FREE", $0) },
                                      requestStatus: nil, uid: uid, timestamp: timestamp, into: &w)
        }
    }
}
