import FreeBusy
import ICalendar
import WebDAV

extension ScheduleResponse {
    /// Matches the server's answers to the recipients asked for, in their order.
    /// Addresses match case-insensitively (DAViCal answers in its own case); a
    /// recipient the server did not answer for is unknown, and a repeated answer
    /// counts once (the first).
    public func recipientResults(for attendees: [CalendarUserAddress], window: TimeWindow) -> [RecipientResult] {
        var byKey: [String: Item] = [:]
        for item in items {
            let key = CalendarUserAddress(uncheckedURI: item.recipient).matchKey
            if byKey[key] == nil { byKey[key] = item }
        }
        return attendees.map { attendee in
            guard let item = byKey[attendee.matchKey] else {
                return RecipientResult(recipient: attendee,
                                       status: .noAnswer("No answer for this recipient"),
                                       busy: nil, problem: "the server's answer does not mention this recipient")
            }
            let status = RequestStatus(parsing: item.requestStatus)
            guard status.isSuccess else {
                return RecipientResult(recipient: attendee, status: status, busy: nil, problem: item.responseDescription)
            }
            guard let data = item.calendarData else {
                return RecipientResult(recipient: attendee, status: status, busy: nil,
                                       problem: "status \(status.code) but no calendar-data")
            }
            do {
                let parsed = try FreeBusyData.parse(data)
                return RecipientResult(recipient: attendee, status: status, busy: parsed.periods.normalized(within: window))
            } catch {
                return RecipientResult(recipient: attendee, status: status, busy: nil,
                                       problem: "unreadable calendar-data: \(error)")
            }
        }
    }
}
