import Synchronization

/// The requests a command made, kept for `--show-curl` instead of (or as well
/// as) being sent.
///
/// Requests that only read (RFC 9110 §9.2.1 safe methods, WebDAV's PROPFIND
/// and REPORT, RFC 4918 §9.1, RFC 3253 §3.6, and the free/busy POST to the
/// outbox, which RFC 6638 §5 makes a query that changes nothing) are still
/// sent, because later requests are addressed with, or decided by, what they
/// answer (discovery finds the outbox; a booking is stored only if everyone is
/// free); they are kept with the values they were sent with. Every other
/// request (a PUT, DELETE, MOVE, PROPPATCH, an iTIP POST…) is kept and
/// withheld: the caller fails it with `HTTPError.notSent`, so nothing is
/// changed on the server and no invitation goes out.
public final class RequestRecorder: Sendable {
    private let state = Mutex(State())

    private struct State {
        var requests: [HTTPRequest] = []
        var withheld = 0
    }

    public init() {}

    static let readOnlyMethods: Set<String> = ["GET", "HEAD", "OPTIONS", "PROPFIND", "REPORT"]

    /// Whether a request is sent while recording.
    public static func sends(_ request: HTTPRequest) -> Bool {
        let method = request.method.uppercased()
        if readOnlyMethods.contains(method) { return true }
        guard method == "POST", let body = request.body else { return false }
        return isFreeBusyQuery(body)
    }

    /// An iCalendar body whose only component is a VFREEBUSY with METHOD:REQUEST
    /// (RFC 6638 §5.1): a free/busy question. Anything else posted to an
    /// outbox is an iTIP message that reaches people.
    static func isFreeBusyQuery(_ body: [UInt8]) -> Bool {
        let text = String(decoding: body, as: UTF8.self).uppercased()
        let lines = text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" })
        let begins = lines.filter { $0.hasPrefix("BEGIN:") }.map { String($0.dropFirst(6)) }
        return begins == ["VCALENDAR", "VFREEBUSY"] && lines.contains("METHOD:REQUEST")
    }

    /// Keeps a request that was sent and answered.
    public func recordSent(_ request: HTTPRequest) {
        state.withLock { $0.requests.append(request) }
    }

    /// Keeps a request that is not sent.
    public func recordWithheld(_ request: HTTPRequest) {
        state.withLock {
            $0.requests.append(request)
            $0.withheld += 1
        }
    }

    /// Every request kept, in the order they were made.
    public var requests: [HTTPRequest] { state.withLock { $0.requests } }

    /// How many requests were kept without being sent.
    public var withheldCount: Int { state.withLock { $0.withheld } }
}
