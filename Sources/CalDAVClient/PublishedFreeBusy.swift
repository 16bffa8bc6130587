import FreeBusy
import HTTPClient
import ICalendar

/// Published free/busy (an "FBURL"): a VFREEBUSY fetched with GET from a plain
/// URL (RFC 5545 §3.6.4; DAViCal's freebusy.php, Kolab, Exchange's Internet
/// free/busy, or .ifb files on a web server). Used for attendees the outbox
/// cannot answer, and for accounts whose server has no scheduling at all.
public struct PublishedFreeBusy: Sendable {
    /// A URL template: `{email}`, `{user}` and `{domain}` stand for the address
    /// and its two halves, `{start}` and `{end}` for the window (iCalendar UTC).
    public var template: String?
    /// Per-attendee URLs (by `CalendarUserAddress.matchKey`), winning over the template.
    public var urls: [String: String]

    public init(template: String? = nil, urls: [String: String] = [:]) {
        self.template = template
        self.urls = urls
    }

    public var isEmpty: Bool { template == nil && urls.isEmpty }

    public func url(for attendee: CalendarUserAddress, window: TimeWindow) -> HTTPURL? {
        guard let pattern = urls[attendee.matchKey] ?? template else { return nil }
        let email = attendee.displayString
        let parts = email.split(separator: "@", maxSplits: 1).map(String.init)
        let filled = pattern
            .replacingOccurrences(of: "{email}", with: Self.percentEncoded(email))
            .replacingOccurrences(of: "{user}", with: Self.percentEncoded(parts.first ?? email))
            .replacingOccurrences(of: "{domain}", with: Self.percentEncoded(parts.count > 1 ? parts[1] : ""))
            .replacingOccurrences(of: "{start}", with: window.start.iCalendarString)
            .replacingOccurrences(of: "{end}", with: window.end.iCalendarString)
        return HTTPURL(string: filled)
    }

    /// Keeps what a URL path segment may hold; everything else as %XX.
    static func percentEncoded(_ s: String) -> String {
        s.percentEncoded { $0.isURIUnreserved || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "+") }
    }
}

extension CalDAVSession {
    /// GETs one attendee's published free/busy. A failure is that attendee's
    /// result (unknown, with the reason), never an error for the whole query.
    public func publishedFreeBusy(_ attendee: CalendarUserAddress, url: HTTPURL, window: TimeWindow) async -> RecipientResult {
        func unknown(_ why: String) -> RecipientResult {
            RecipientResult(recipient: attendee, status: .noAnswer("No published free/busy"), busy: nil,
                            problem: "published free/busy at \(url): \(why)")
        }
        let response: HTTPResponse
        do {
            response = try await perform(method: "GET", url: url, headers: [HTTPHeader("Accept", "text/calendar")])
        } catch {
            return unknown(error.description)
        }
        guard response.status == 200 else { return unknown("HTTP \(response.status)") }
        do {
            let data = try FreeBusyData.parse(response.bodyText)
            // Time the publisher does not cover is not known to be free.
            var problem: String? = nil
            if let s = data.coveredStart, let e = data.coveredEnd, s > window.start || e < window.end {
                problem = "published free/busy covers only \(s.iso8601String)/\(e.iso8601String)"
            }
            return RecipientResult(recipient: attendee, status: RequestStatus(code: "2.0", text: "Published free/busy"),
                                   busy: data.periods.normalized(within: window), problem: problem)
        } catch {
            return unknown("\(error)")
        }
    }
}
