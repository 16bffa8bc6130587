import CalDAVClient
import FreeBusy

/// Everyone's answer for one window, as the service decided it.
public struct FreeBusyOutcome: Sendable {
    public var organizer: CalendarUserAddress?
    public var window: TimeWindow
    /// One row per attendee asked, in the order asked.
    public var rows: [FreeBusyAnswer]
    /// A remark about the answer as a whole (a 204, the published fallback).
    public var note: String?
    /// The network failure that made some rows stale or unknown.
    public var networkError: CalDAVError?
    /// Over several accounts: those that failed while asked (each once), to be
    /// said as warnings whether or not another account answered instead.
    public var accountFailures: [AccountFailure] = []

    public init(organizer: CalendarUserAddress?, window: TimeWindow, rows: [FreeBusyAnswer], note: String? = nil,
                networkError: CalDAVError? = nil) {
        self.organizer = organizer
        self.window = window
        self.rows = rows
        self.note = note
        self.networkError = networkError
    }
}
