import FreeBusy
import HTTPClient

/// The free/busy POST's parts, shared by `postFreeBusy` (which sends it) and
/// `freeBusyPOST` (which only builds it, for the planner's curl view).
extension CalDAVSession {
    static func freeBusyPOSTHeaders(_ request: FreeBusyRequest, draftHeaders: Bool) -> [HTTPHeader] {
        [HTTPHeader("Content-Type", "text/calendar; charset=utf-8")] + (draftHeaders ? draftSchedulingHeaders(request) : [])
    }

    /// The POST to the outbox as `postFreeBusy` sends it first (before any
    /// redirect): credentials only for the configured origin, as `perform` does.
    public static func freeBusyPOST(_ request: FreeBusyRequest, outbox: HTTPURL, draftHeaders: Bool, account: Account) -> HTTPRequest {
        HTTPRequest(method: "POST", url: outbox, headers: freeBusyPOSTHeaders(request, draftHeaders: draftHeaders),
                    body: Array(request.iCalendarText.utf8),
                    credentials: outbox.hasSameOrigin(as: account.serverURL) ? account.credentials : nil, options: account.options)
    }
}
