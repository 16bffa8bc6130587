import ICalendar

/// Writes busy time back out as an iCalendar VFREEBUSY (RFC 5545 §3.6.4), one
/// FREEBUSY line per period, used by `avail query --format ics`.
public enum VFreeBusyWriter {
    public static func component(attendee: CalendarUserAddress, organizer: CalendarUserAddress?, window: TimeWindow,
                                 periods: [BusyPeriod], requestStatus: String?, uid: String,
                                 timestamp: UTCInstant, into w: inout ContentLineWriter) {
        w.write("BEGIN", value: "VFREEBUSY")
        w.write("UID", value: uid)
        w.write("DTSTAMP", value: timestamp.iCalendarString)
        w.write("DTSTART", value: window.start.iCalendarString)
        w.write("DTEND", value: window.end.iCalendarString)
        if let organizer { w.write("ORGANIZER", value: organizer.uri) }
        w.write("ATTENDEE", value: attendee.uri)
        if let requestStatus { w.write("REQUEST-STATUS", value: requestStatus) }
        for p in periods {
            w.write("FREEBUSY", parameters: [.init(name: "FBTYPE", values: [p.type.name])],
                    value: p.start.iCalendarString + "/" + p.end.iCalendarString)
        }
        w.write("END", value: "VFREEBUSY")
    }
}
