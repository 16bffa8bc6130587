import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar

/// The free/busy POST as the service would send it, built and not sent: the
/// planner's `y` shows it as a curl script. `fetch` builds its POST with the
/// same two functions, so what is shown is what is sent (but for the UID and
/// DTSTAMP, which are new for every request).
extension FreeBusyService {
    /// The VFREEBUSY request for `attendees` from the discovered organizer (RFC 6638 §5.1).
    static func freeBusyRequest(_ d: DiscoveryResult, attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant,
                                calendarUserTypes: [String: CalendarUserType]) -> FreeBusyRequest {
        var r = FreeBusyRequest(organizer: d.organizer, organizerName: d.displayName, attendees: attendees, window: window,
                                uid: RandomUID.make(), timestamp: now, productID: AvailVersion.productID)
        r.calendarUserTypes = calendarUserTypes
        return r
    }

    /// Whether the draft-era headers go with the POST: the setting, else what
    /// the server announced, else (a discovery from the cache has no DAV
    /// classes) what its profile learnt.
    func wantsDraftHeaders(_ d: DiscoveryResult, profile: ServerProfile?) -> Bool {
        let learned = d.davCapabilities.isEmpty ? profile?.draftHeaders : nil
        return CalDAVSession.wantsDraftHeaders(setting: originatorHeaders ?? learned, capabilities: d.davCapabilities)
    }

    /// The POSTs that ask about `attendees` (the cached discovery, or a new
    /// one): one, or one per batch where the server's profile splits a request
    /// that large (`queryFreeBusy`'s batches, before any bisection), with the
    /// account's credentials marked but never written out (`CurlScript`).
    public func plannedPOSTs(_ attendees: [CalendarUserAddress], window: TimeWindow, account: Account,
                             now: UTCInstant) async throws(CalDAVError) -> [HTTPRequest] {
        let d = try await discovery(fresh: false, now: now)
        let profile = cache?.loadProfile()
        // Addresses in the form the server was learned to know, as `fetch` sends them.
        let sent = attendees.map { AddressCase.sent($0, matching: profile?.addresses) }
        let request = Self.freeBusyRequest(d, attendees: sent, window: window, now: now, calendarUserTypes: [:])
        let draft = wantsDraftHeaders(d, profile: profile)
        return (profile?.batchPolicy ?? .standard).batches(count: sent.count).map { positions in
            var part = request
            part.attendees = Array(sent[positions])
            return CalDAVSession.freeBusyPOST(part, outbox: d.outboxURL, draftHeaders: draft, account: account)
        }
    }
}
