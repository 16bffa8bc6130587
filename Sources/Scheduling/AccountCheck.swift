import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar

/// What `avail setup` learned about an account by asking its server: who the
/// user is, whether the server schedules, and how a free/busy request for the
/// user themself went. A value; the command turns it into words.
public struct AccountCheck: Sendable, Equatable {
    /// How the one free/busy request for the user themself went.
    public enum SelfFreeBusy: Sendable, Equatable {
        /// The outbox answered 2.x with this many busy periods in the window.
        case answered(busyPeriods: Int)
        /// The outbox answered, but not with free/busy time (its request-status and why).
        case unanswered(status: String, detail: String)
        /// The POST itself failed (its message and the exit code it would give).
        case failed(message: String, exitCode: Int32)
        /// Not asked: the server has no scheduling outbox (RFC 6638 §2.1).
        case notAsked
    }

    /// The principal (RFC 5397).
    public var principal: String
    public var displayName: String?
    /// The organizer address; nil on a server without scheduling that lists no mailto: address.
    public var organizer: CalendarUserAddress?
    /// The schedule outbox (RFC 6638 §2.1), nil when the server has none.
    public var outbox: HTTPURL?
    public var selfFreeBusy: SelfFreeBusy
    /// The window the request asked about.
    public var window: TimeWindow

    public init(principal: String, displayName: String?, organizer: CalendarUserAddress?, outbox: HTTPURL?,
                selfFreeBusy: SelfFreeBusy, window: TimeWindow) {
        self.principal = principal
        self.displayName = displayName
        self.organizer = organizer
        self.outbox = outbox
        self.selfFreeBusy = selfFreeBusy
        self.window = window
    }

    /// Whether the server answers free/busy requests (RFC 6638 §5): an outbox that answered.
    public var schedules: Bool {
        if case .answered = selfFreeBusy { return true }
        return false
    }
}
