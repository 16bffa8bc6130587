import Booking
import CalDAVClient
import FreeBusy

/// What booking did: the event as stored, and what the server did with each invitation.
public struct BookingOutcome: Sendable {
    public var event: MeetingEvent
    public var calendar: EventCalendar
    public var stored: StoredEvent
    /// RFC 6638 `calendar-auto-schedule` seen on the principal or the PUT.
    public var serverSchedules: Bool
    public var delivery: DeliveryReport?
    /// Why the delivery status could not be read back, if it could not.
    public var deliveryProblem: String?
    /// Free/busy asked again after booking: whether each attendee now shows busy then.
    public var busyAfter: [CalendarUserAddress: Bool]

    public init(event: MeetingEvent, calendar: EventCalendar, stored: StoredEvent, serverSchedules: Bool, delivery: DeliveryReport?,
                deliveryProblem: String?, busyAfter: [CalendarUserAddress: Bool]) {
        self.event = event
        self.calendar = calendar
        self.stored = stored
        self.serverSchedules = serverSchedules
        self.delivery = delivery
        self.deliveryProblem = deliveryProblem
        self.busyAfter = busyAfter
    }
}
