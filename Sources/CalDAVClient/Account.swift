import FreeBusy
import HTTPClient

/// Where and as whom avail talks CalDAV.
public struct Account: Sendable {
    /// Whatever URL the user has: server root, `/.well-known/caldav`, a principal
    /// or a calendar URL (discovery finds the rest).
    public var serverURL: HTTPURL
    public var credentials: Credentials?
    /// Overrides the organizer found in `calendar-user-address-set`.
    public var organizer: CalendarUserAddress?
    public var options: TransferOptions

    public init(serverURL: HTTPURL, credentials: Credentials?, organizer: CalendarUserAddress? = nil,
                options: TransferOptions = TransferOptions()) {
        self.serverURL = serverURL
        self.credentials = credentials
        self.organizer = organizer
        self.options = options
    }

    /// `https://host:port`, for messages that name the server.
    public var serverName: String {
        "\(serverURL.scheme)://\(serverURL.host)\(serverURL.port.map { ":\($0)" } ?? "")"
    }
}
