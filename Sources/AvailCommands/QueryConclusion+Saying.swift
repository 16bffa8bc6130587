import Scheduling

/// The one place the service's warnings after a query become lines on stderr.
extension QueryConclusion {
    /// Says the warnings now (before the output); returns the failure to
    /// conclude with once the output is written.
    func sayWarnings() -> RefreshFailure? {
        for w in warnings { writeStandardError("avail: warning: \(w)\n") }
        return failure
    }
}
