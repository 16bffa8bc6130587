import Scheduling

/// The one place a RefreshFailure becomes a line on stderr and an exit code.
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
