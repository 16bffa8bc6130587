import CalDAVClient

/// What `avail hours` says when the server has no scheduling.
extension HoursCommand {
    /// Working hours live on the schedule Inbox (RFC 7953 §7.2.4), which a
    /// server without CalDAV scheduling (RFC 6638) does not have: that is said
    /// as such, with what applies instead. The general message (published
    /// free/busy can stand in) is about asking others' time, not about hours.
    static func failure(_ error: CalDAVError) -> CommandFailure {
        guard case let .noScheduling(server, _) = error else { return CommandFailure(error) }
        return CommandFailure(message: "\(server) has no CalDAV scheduling (RFC 6638), so no scheduling Inbox to hold working hours; "
                                  + "avail's own working hours apply (slots --hours, the planner's w)",
                              code: error.exitCode)
    }
}
