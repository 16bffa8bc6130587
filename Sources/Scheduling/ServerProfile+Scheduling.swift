import CalDAVClient
import FreeBusyCache
import ICalendar

extension ServerProfile.AbsentScheduling {
    /// The `DAV:` classes that announce scheduling: RFC 6638 §2's
    /// `calendar-auto-schedule`, the draft's `calendar-schedule`, and
    /// `calendar-auto-scheduling` (Xandikos 0.2 announces that, with no outbox).
    static let announcingTokens = ["calendar-auto-schedule", "calendar-auto-scheduling", "calendar-schedule"]

    /// The first class in `capabilities` that announces scheduling, as the server spelled it.
    public static func announcement(in capabilities: [String]) -> String? {
        for token in announcingTokens {
            if let found = capabilities.first(where: { $0.lowercased() == token }) { return found }
        }
        return nil
    }

    /// Whether `error` on a server announcing `capabilities` shows that the
    /// scheduling it announces is not there: no outbox at all, or an outbox
    /// that answers the POST with 403, 404, 405 or 501 (RFC 9110 §15.5.4,
    /// §15.5.5, §15.5.6, §15.6.2). Nil when the server announces nothing, or
    /// the failure says something else (a 500 is the server failing, not absent).
    public static func seen(_ error: CalDAVError, capabilities: [String], now: UTCInstant) -> Self? {
        guard let announced = announcement(in: capabilities) else { return nil }
        switch error {
        case let .noScheduling(_, principal):
            return Self(announced: announced, evidence: "no schedule-outbox-URL on \(principal)", checked: now)
        case let .refused(status, url, _) where [403, 404, 405, 501].contains(status):
            return Self(announced: announced, evidence: "POST to the outbox \(url) answered \(status)", checked: now)
        default:
            return nil
        }
    }

    /// The error later commands give at once while this still holds.
    public var error: CalDAVError {
        .schedulingAnnouncedButAbsent(announced: announced, evidence: evidence)
    }
}
