
import ICalendar

/// One recipient's answer, in the order the user asked.
public struct RecipientResult: Sendable, Equatable {
    public var recipient: CalendarUserAddress
    /// The iTIP request-status, or code `?` when the server said nothing usable.
    public var status: RequestStatus
    /// Busy time inside the window, normalised; nil when unknown (any status but
    /// 2.x, or a 2.x whose calendar data could not be read). Unknown is never free.
    public var busy: [BusyPeriod]?
    /// Why `busy` is unknown despite the status, or a server's description.
    public var problem: String?

    public init(recipient: CalendarUserAddress, status: RequestStatus, busy: [BusyPeriod]?, problem: String? = nil) {
        self.recipient = recipient
        self.status = status
        self.busy = busy
        self.problem = problem
    }
}

/// The outcome of one free/busy POST.
public struct FreeBusyResult: Sendable, Equatable {
    public var organizer: CalendarUserAddress
    public var window: TimeWindow
    public var recipients: [RecipientResult]
    /// A remark about the answer as a whole (e.g. a 204 with no per-recipient data).
    public var note: String?

    public init(organizer: CalendarUserAddress, window: TimeWindow, recipients: [RecipientResult], note: String? = nil) {
        self.organizer = organizer
        self.window = window
        self.recipients = recipients
        self.note = note
    }
}
