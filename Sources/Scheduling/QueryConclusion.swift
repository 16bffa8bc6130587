/// What is left to say after a query, for the front end to say (the service
/// never prints): the cache's warnings, and the failure that made answers stale.
public struct QueryConclusion: Sendable, Equatable {
    /// One line each, without the `avail: warning: ` prefix.
    public var warnings: [String]
    /// Set when a newer answer could not be had; RefreshFailure decides the exit code.
    public var failure: RefreshFailure?

    public init(warnings: [String] = [], failure: RefreshFailure? = nil) {
        self.warnings = warnings
        self.failure = failure
    }
}
