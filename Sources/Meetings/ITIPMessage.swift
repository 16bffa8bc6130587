import FreeBusy
import ICalendar

/// An iTIP message (RFC 5546) built from a stored meeting, for the people the
/// server could not reach: the user mails it (iMIP, RFC 6047) themselves.
public struct ITIPMessage: Equatable, Sendable {
    public enum Method: String, Sendable {
        /// RFC 5546 §3.2.2: an invitation or an update of one.
        case request = "REQUEST"
        /// RFC 5546 §3.2.5: the meeting is off for these recipients.
        case cancel = "CANCEL"
    }

    public var method: Method
    public var recipients: [CalendarUserAddress]
    public var iCalendarText: String

    /// A REQUEST carries the whole meeting, every attendee listed (the
    /// recipient sees who else comes); a CANCEL names only the recipients as
    /// attendees when they are some of them (an uninvitation, §3.2.5), and has
    /// STATUS:CANCELLED. The parameters that steer the server's own scheduling
    /// (SCHEDULE-AGENT, SCHEDULE-STATUS, SCHEDULE-FORCE-SEND, RFC 6638 §7) are
    /// left out: they mean nothing to the recipient's client.
    public init(_ method: Method, of object: CalendarObject, for recipients: [CalendarUserAddress],
                productID: String = "-//avail//avail//EN") throws(MeetingError) {
        let meeting = try Meeting(object)
        let wanted = Set(recipients.map(\.matchKey))
        let everyone = Set(meeting.invitees.map(\.address.matchKey))
        let onlySome = method == .cancel && !wanted.isSuperset(of: everyone)
        var w = ContentLineWriter()
        w.write("BEGIN", value: "VCALENDAR")
        w.write("VERSION", value: "2.0")
        w.write("PRODID", value: productID)
        w.write("METHOD", value: method.rawValue)
        for c in object.calendar.components where c.name == "VTIMEZONE" { c.write(to: &w) }
        for c in object.calendar.components where c.name == "VEVENT" {
            var event = c
            event.properties = event.properties.compactMap { line -> ContentLine? in
                guard line.name == "ATTENDEE" || line.name == "ORGANIZER" else { return line }
                if onlySome, line.name == "ATTENDEE", !wanted.contains(CalendarUserAddress(uncheckedURI: line.value).matchKey) {
                    return nil
                }
                return line.removing("SCHEDULE-AGENT", "SCHEDULE-STATUS", "SCHEDULE-FORCE-SEND")
            }
            if method == .cancel { event.setValue("STATUS", "CANCELLED") }
            event.write(to: &w)
        }
        w.write("END", value: "VCALENDAR")
        self.method = method
        self.recipients = recipients
        iCalendarText = w.text
    }
}
