import HTTPClient
import WebDAV
import TextUtilities

/// Turns an HTTP refusal into one line that says what went wrong, using the
/// precondition element when the server sent one (RFC 4918 §16, RFC 3744 §7.1.1,
/// RFC 4791 §1.3, RFC 6638 §6, draft-desruisseaux-caldav-sched-08 §7.2).
enum RefusalMessage {
    static func describe(_ response: HTTPResponse, action: String, user: String?) -> String {
        let url = response.url.description
        let pre = PreconditionError.parse(response.body)
        let detail = pre?.responseDescription.map { ": \($0.excerptLine)" } ?? ""
        if let pre {
            if pre.has("need-privileges") {
                let what = pre.missingPrivileges.map { p in
                    let priv = p.privilege.map { "\($0)" } ?? "a privilege"
                    return "\(priv) on \(p.href.isEmpty ? url : p.href)"
                }
                let who = user ?? "this user"
                let list = what.isEmpty ? "the privilege to \(action) at \(url)" : what.joined(separator: ", ")
                return "\(response.status): \(who) lacks \(list)\(detail)"
            }
            let known: [String: String] = [
                "supported-collection": "\(url) is not a schedule outbox",
                "supported-calendar-data": "the server does not accept this calendar data type",
                "valid-calendar-data": "the server says the iCalendar data is invalid",
                "valid-scheduling-message": "the server says the scheduling message breaks iTIP rules",
                "organizer-allowed": "the organizer is not a calendar user of this outbox; check `organizer`",
                "valid-organizer": "the organizer is not a calendar user of this outbox; check `organizer`",
                "max-resource-size": "the request is larger than the server accepts (max-resource-size)",
                "recipient-permissions": "the server refuses scheduling for one of the recipients",
                "recipient-specified": "the request names no recipient",
                "originator-allowed": "this user may not schedule as the organizer",
            ]
            for condition in pre.conditions {
                if let text = known[condition.name] {
                    return "\(response.status) \(condition): \(text)\(detail)"
                }
            }
            if let first = pre.conditions.first {
                return "\(response.status) \(first): the server refused to \(action) at \(url)\(detail)"
            }
        }
        let reason = response.reason.isEmpty ? "" : " \(response.reason)"
        switch response.status {
        case 404: return "404 Not Found: \(url) does not exist; the server's configuration or the URL may be wrong"
        case 405: return "405 Method Not Allowed: \(url) does not accept \(action)"
        case 423: return "423 Locked: \(url) is locked"
        case 403: return "403 Forbidden: the server refused to \(action) at \(url)\(detail)"
        default:
            // For 5xx and the rest, the first line of the server's own text helps most.
            var text = pre?.responseDescription ?? firstTextLine(response)
            if !text.isEmpty { text = ": " + text.excerptLine }
            // RFC 9110 §10.2.3: seconds or an HTTP date; either way, worth passing on.
            if let retry = response.header("Retry-After"), [429, 503].contains(response.status) {
                text += " (the server asks to retry after \(Int(retry).map { "\($0) s" } ?? retry.excerptLine))"
            }
            return "\(response.status)\(reason) from \(url)\(text)"
        }
    }

    /// The first non-empty line of a plain-text body; nothing for HTML or XML.
    private static func firstTextLine(_ response: HTTPResponse) -> String {
        let type = response.mediaType ?? "text/plain"
        guard type == "text/plain" else { return "" }
        for line in response.bodyText.split(whereSeparator: \.isNewline) {
            let t = String(line).trimmingWhitespace
            if !t.isEmpty { return t }
        }
        return ""
    }
}

extension String {
    /// One printable line of at most 120 characters.
    var excerptLine: String {
        let cleaned = TerminalText.oneLine(self)
        return cleaned.count > 120 ? String(cleaned.prefix(119)) + "…" : cleaned
    }
}
