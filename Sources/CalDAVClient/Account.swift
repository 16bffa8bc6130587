import FreeBusy
import HTTPClient

/// Where and as whom avail talks CalDAV.
public struct Account: Sendable {
    /// Whatever URL the user has: server root, `/.well-known/caldav`, a principal
    /// or a calendar URL (discovery finds the rest).
    public var serverURL: HTTPURL
    /// The user and the scheme; the password too when it is written down,
    /// else empty until `passwordSource` gives it (`resolvedCredentials`).
    public var credentials: Credentials?
    /// The password when it is not written down: fetched on the first request.
    public var passwordSource: PasswordSource?
    /// Overrides the organizer found in `calendar-user-address-set`.
    public var organizer: CalendarUserAddress?
    public var options: TransferOptions

    public init(serverURL: HTTPURL, credentials: Credentials?, passwordSource: PasswordSource? = nil, organizer: CalendarUserAddress? = nil,
                options: TransferOptions = TransferOptions()) {
        self.serverURL = serverURL
        self.credentials = credentials
        self.passwordSource = passwordSource
        self.organizer = organizer
        self.options = options
    }

    /// The credentials with their password, fetching it if no request has yet
    /// (running password_command): only what is about to be sent calls this.
    public func resolvedCredentials() throws(CalDAVError) -> Credentials? {
        guard var c = credentials else { return nil }
        if let passwordSource { c.password = try passwordSource.password() }
        return c
    }

    /// `https://host:port`, for messages that name the server.
    public var serverName: String {
        "\(serverURL.scheme)://\(serverURL.host)\(serverURL.port.map { ":\($0)" } ?? "")"
    }
}
