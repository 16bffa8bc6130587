import HTTPClient
import ICalendar

/// What a publication did at its URL.
public struct PublishedResource: Equatable, Sendable {
    public var url: HTTPURL
    /// True when an earlier copy was replaced (`If-Match`), false when the
    /// resource was new (`If-None-Match: *`).
    public var replaced: Bool
    /// The new ETag when the server sent one with its answer.
    public var etag: String?
}

extension CalDAVSession {
    /// Stores a published VFREEBUSY (`avail publish --to URL`) without losing
    /// anyone else's change: the resource is read first; where there is none,
    /// the PUT carries `If-None-Match: *`, and where there is one it must be
    /// a free/busy publication (never an event, which this would destroy) and
    /// the PUT carries `If-Match` with its ETag (RFC 9110 §13.1.1, §13.1.2;
    /// RFC 4791 §5.3.4). A 412 (someone wrote in between) is `.changedSinceRead`.
    public func publish(_ text: String, at url: HTTPURL) async throws(CalDAVError) -> PublishedResource {
        let current = try await perform(method: "GET", url: url, headers: [HTTPHeader("Accept", "text/calendar")])
        let precondition: HTTPHeader
        switch current.status {
        case 404, 410:
            precondition = HTTPHeader("If-None-Match", "*")
        case 200:
            if let what = Self.notAPublication(current.bodyText) {
                throw .refused(status: 200, url: url.description,
                               message: "\(url) holds \(what), not a published free/busy; avail publish replaces only its own earlier copy, nothing was written")
            }
            guard let etag = current.header("ETag"), !etag.isEmpty else {
                throw .refused(status: 200, url: url.description,
                               message: "\(url) sent no ETag, so it cannot be replaced without risking someone else's change; nothing was written")
            }
            precondition = HTTPHeader("If-Match", etag)
        default:
            throw .refused(status: current.status, url: url.description,
                           message: RefusalMessage.describe(current, action: "GET", user: account.credentials?.user))
        }
        let response = try await perform(method: "PUT", url: url,
                                         headers: [HTTPHeader("Content-Type", "text/calendar; charset=utf-8"), precondition],
                                         body: Array(text.utf8))
        switch response.status {
        case 200...299:
            return PublishedResource(url: response.url, replaced: current.status == 200, etag: response.header("ETag"))
        case 412:
            throw .changedSinceRead(url: url.description)
        default:
            throw .refused(status: response.status, url: url.description,
                           message: RefusalMessage.describe(response, action: "publish free/busy", user: account.credentials?.user))
        }
    }

    /// Nil when `text` is an iCalendar object whose only components are
    /// VFREEBUSY (and VTIMEZONE); else what it is instead, for the message.
    public static func notAPublication(_ text: String) -> String? {
        guard let top = try? Component.parse(text), top.count == 1, let calendar = top.first, calendar.name == "VCALENDAR" else {
            return "something that is not an iCalendar object"
        }
        let kinds = calendar.components.map(\.name).filter { $0 != "VTIMEZONE" }
        if let other = kinds.first(where: { $0 != "VFREEBUSY" }) { return "a \(other)" }
        if kinds.isEmpty { return "a calendar object without VFREEBUSY" }
        return nil
    }
}
