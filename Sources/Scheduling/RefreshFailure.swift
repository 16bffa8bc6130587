import CalDAVClient
import HTTPClient

/// The server could not give a newer answer, and something older was shown in
/// its place (cached free/busy, or the config's groups and recent attendees
/// instead of the directory). This type alone decides how the command ends
/// then: `query`, `slots` and `who` all conclude through it (the front end
/// prints `message` and exits with `exitCode`).
///
/// The rule (README, "Exit codes"): an older answer stands in with a warning and
/// exit 0 only for a failure that passes by itself (the server unreachable, a
/// timeout, a 5xx) and only when the user did not ask for a new answer with
/// `--refresh`. Anything else (a wrong password, a refusal, a URL that is not
/// CalDAV) would be hidden by the cache for as long as the cache lasts, so it
/// ends with its own exit code after the older answer is printed.
public struct RefreshFailure: Sendable, Equatable {
    public var error: CalDAVError
    /// `--refresh`: the user asked for the server's answer; an old one is no substitute.
    public var refreshAsked: Bool
    /// What was shown instead, for the message ("showing cached answers (from 3 min ago)").
    public var shownInstead: String

    public init(error: CalDAVError, refreshAsked: Bool, shownInstead: String) {
        self.error = error
        self.refreshAsked = refreshAsked
        self.shownInstead = shownInstead
    }

    /// Whether the failure passes by itself, so that an older answer may stand in.
    public static func isPassing(_ error: CalDAVError) -> Bool {
        switch error {
        case let .network(e):
            switch e {
            case .cannotResolveHost, .cannotConnect, .timedOut, .connectTimedOut, .transport: return true
            case .tls, .responseTooLarge, .headerTooLarge, .caFileUnusable, .invalidRequest, .shutDown, .libraryMissing, .notSent: return false
            }
        case let .refused(status, _, _):
            // RFC 9110 §15.6: 5xx is the server's own failure, often for the moment (502, 503, 504).
            return (500...599).contains(status)
        case .authenticationFailed, .notCalDAV, .noScheduling, .schedulingAnnouncedButAbsent, .noOrganizerAddress, .discoveryFailed, .badAnswer,
             .tooManyRedirects, .invalidConfiguration, .noCalendar, .eventExists, .changedSinceRead:
            return false
        }
    }

    /// 0 when the older answer stands in; otherwise the failure's own code.
    public var exitCode: Int32 {
        !refreshAsked && Self.isPassing(error) ? 0 : error.exitCode
    }

    /// The one line on stderr, without the `avail: ` prefix.
    public var message: String {
        exitCode == 0 ? "warning: \(shownInstead): \(error.description)" : "\(error.description); \(shownInstead)"
    }
}
