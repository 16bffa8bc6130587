import CalDAVClient

/// One of several accounts that could not answer during a query: the others'
/// answers still stand, and the front end says this one as a warning, so a
/// script reading the output gets its data and the user sees the problem.
public struct AccountFailure: Sendable, Equatable {
    /// The account's name in the config.
    public var account: String
    /// `scheme://host:port` of its server (never a path, user or password), if known.
    public var server: String?
    public var error: CalDAVError

    public init(account: String, server: String?, error: CalDAVError) {
        self.account = account
        self.server = server
        self.error = error
    }

    /// The one line for stderr, without the `avail: warning: ` prefix.
    public var warning: String {
        "account \(account)\(server.map { " (\($0))" } ?? ""): \(error.description)"
    }
}
