import ICalendar

/// Writes time back out as an iCalendar VFREEBUSY (RFC 5545 §3.6.4), one
/// FREEBUSY line per period: a query's answer (`--format ics`, the cache), a
/// published busy time (`avail publish`) and free stretches (`slots --format
/// ics`) all go through here.
public enum VFreeBusyWriter {
    public static func component(attendee: CalendarUserAddress?, organizer: CalendarUserAddress?, window: TimeWindow,
                                 periods: [BusyPeriod], requestStatus: String?, uid: String,
                                 timestamp: UTCInstant, into w: inout ContentLineWriter) {
        component(attendee: attendee, organizer: organizer, window: window, periods: periods.map { ($0.type.name, $0.span) },
                  requestStatus: requestStatus, uid: uid, timestamp: timestamp, into: &w)
    }

    /// The same with each period's FBTYPE named (FREE included, which BusyType never holds).
    public static func component(attendee: CalendarUserAddress?, organizer: CalendarUserAddress?, window: TimeWindow,
                                 periods: [(fbtype: String, span: TimeSpan)], requestStatus: String?, uid: String,
                                 timestamp: UTCInstant, into w: inout ContentLineWriter) {
        w.write("BEGIN", value: "VFREEBUSY")
        w.write("UID", value: uid)
        w.write("DTSTAMP", value: timestamp.iCalendarString)
        w.write("DTSTART", value: window.start.iCalendarString)
        w.write("DTEND", value: window.end.iCalendarString)
        if let organizer { w.write("ORGANIZER", value: organizer.uri) }
        if let attendee { w.write("ATTENDEE", value: attendee.uri) }
        if let requestStatus { w.write("REQUEST-STATUS", value: requestStatus) }
        // One period per FREEBUSY line, in time order (RFC 5545 §3.8.2.6 allows
        // a list; one a line is what every reader takes).
        for (fbtype, span) in periods {
            w.write("FREEBUSY", parameters: [.init(name: "FBTYPE", values: [fbtype])],
                    value: span.start.iCalendarString + "/" + span.end.iCalendarString)
        }
        w.write("END", value: "VFREEBUSY")
    }
}
