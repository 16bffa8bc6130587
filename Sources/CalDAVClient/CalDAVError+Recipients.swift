import HTTPClient

extension CalDAVError {
    /// Whether a free/busy POST that failed as a whole may have failed because
    /// of one of its recipients, so that asking again with fewer of them can
    /// help (see `Bisection`): the server broke on the request (a 5xx, a reset
    /// or empty reply, no answer in time, an answer too large) or found it too
    /// large (413). Not: who the user is (401), what they may do (403), where
    /// the outbox is (404, redirects), a server that cannot do it at all (501),
    /// one that says it is unavailable as a whole (503, RFC 9110 §15.6.4: more
    /// requests are what it asks not to get), or no connection at all.
    public var mayLieWithRecipients: Bool {
        switch self {
        case let .refused(status, _, _):
            if status == 413 { return true }
            return (500...599).contains(status) && ![501, 503, 505, 511].contains(status)
        case let .network(e):
            switch e {
            case .timedOut, .transport, .responseTooLarge: return true
            default: return false
            }
        default:
            return false
        }
    }

    /// No answer within the whole request's time limit.
    public var isTimeout: Bool {
        if case .network(.timedOut) = self { return true }
        return false
    }
}
