import HTTPClient

/// Everything that can stop a CalDAV exchange, with what the user needs to act.
/// `message` is the one line the CLI prints; `exitCode` what `avail query` returns.
public enum CalDAVError: Error, Equatable, Sendable, CustomStringConvertible {
    case authenticationFailed(user: String?, url: String)
    case notCalDAV(url: String, detail: String)
    /// RFC 6638 §2.1.1: scheduling is offered through the principal's outbox;
    /// without one there is nowhere to POST.
    case noScheduling(server: String, principal: String)
    /// The server announces scheduling in its `DAV:` header (RFC 6638 §2) but
    /// has no outbox, or its outbox refuses the POST: `evidence` says which.
    case schedulingAnnouncedButAbsent(announced: String, evidence: String)
    case noOrganizerAddress(principal: String)
    case discoveryFailed(url: String, detail: String)
    case network(HTTPError)
    /// The server refused a request: an HTTP status with the precondition (if any).
    case refused(status: Int, url: String, message: String)
    /// The server answered, but not in a form avail can read.
    case badAnswer(url: String, detail: String)
    case tooManyRedirects(url: String)
    case invalidConfiguration(String)
    /// Booking: nowhere to store the event.
    case noCalendar(principal: String, detail: String)
    /// Booking: an event with this UID is already there (412 to If-None-Match,
    /// or CALDAV:no-uid-conflict).
    case eventExists(url: String, uid: String)
    /// A change or delete made with If-Match was refused with 412 (RFC 9110
    /// §13.1.1): someone changed the event since it was read. Nothing was
    /// overwritten; read it again and compare.
    case changedSinceRead(url: String)

    public var description: String {
        switch self {
        case let .authenticationFailed(user, url):
            if let user { return "authentication failed for \(user) at \(url)" }
            return "\(url) requires authentication; set a user and password (see `avail --help`)"
        case let .notCalDAV(url, detail):
            return "\(url) does not look like a CalDAV server: \(detail)"
        case let .noScheduling(server, principal):
            return "\(server) does not support CalDAV scheduling (RFC 6638): no schedule-outbox-URL on \(principal)"
                + "; published free/busy can stand in (fburl in the config, see the README)"
        case let .schedulingAnnouncedButAbsent(announced, evidence):
            return "the server announces scheduling (\(announced)) but does not answer free/busy requests (\(evidence))"
                + "; use published free/busy (fburl in the config) or `avail publish`"
        case let .noOrganizerAddress(principal):
            return "\(principal) has no mailto: address in its calendar-user-address-set; set `organizer` in the config"
        case let .discoveryFailed(url, detail):
            return "discovery failed at \(url): \(detail)"
        case let .network(e):
            return e.description
        case let .refused(_, _, message):
            return message
        case let .badAnswer(url, detail):
            return "unreadable answer from \(url): \(detail)"
        case let .tooManyRedirects(url):
            return "too many redirects from \(url)"
        case let .invalidConfiguration(message):
            return message
        case let .noCalendar(principal, detail):
            return "no calendar to store the meeting in: \(detail) (principal \(principal))"
        case let .eventExists(url, uid):
            return "an event with UID \(uid) already exists in \(url); nothing was changed (book again without --uid for a new one)"
        case let .changedSinceRead(url):
            return "\(url) was changed by someone else since avail read it (412 Precondition Failed); nothing was overwritten"
        }
    }

    /// Exit codes of `avail query` (README: 3 auth, 4 discovery or no scheduling,
    /// 5 network/TLS/timeout, 6 the server refused the request or sent garbage).
    public var exitCode: Int32 {
        switch self {
        case .authenticationFailed: return 3
        case .notCalDAV, .noScheduling, .schedulingAnnouncedButAbsent, .noOrganizerAddress, .discoveryFailed, .tooManyRedirects: return 4
        case let .network(e):
            if case .responseTooLarge = e { return 6 }
            // A CA file that cannot be read is the user's setting: fixed in the config.
            if case .caFileUnusable = e { return 2 }
            return 5
        case .refused, .badAnswer, .eventExists, .changedSinceRead: return 6
        case .noCalendar: return 4
        case .invalidConfiguration: return 2
        }
    }
}

extension CalDAVError {
    /// No scheduling to ask: no outbox, or one announced but absent. Published
    /// free/busy is then all there is.
    public var meansNoScheduling: Bool {
        switch self {
        case .noScheduling, .schedulingAnnouncedButAbsent: return true
        default: return false
        }
    }
}
