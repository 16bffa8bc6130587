import Scheduling

/// The one place the services' conclusions become lines on stderr and exit codes.
extension QueryConclusion {
    /// Says the warnings now (before the output); returns the failure to
    /// conclude with once the output is written.
    func sayWarnings() -> RefreshFailure? {
        for w in warnings { writeStandardError("avail: warning: \(w)\n") }
        return failure
    }
}

extension RefreshFailure {
    /// Ends the command: a warning when the older answer stands in, else the
    /// failure (one line, its exit code). Called after the output is written.
    func conclude() throws(CommandFailure) {
        let code = exitCode
        guard code != 0 else {
            writeStandardError("avail: \(message)\n")
            return
        }
        throw CommandFailure(message: message, code: code)
    }
}
