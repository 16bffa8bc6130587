import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar

/// The decisions behind `avail setup`: discover the account, and if the
/// server schedules, ask it once for the user's own free/busy time, the
/// same request `avail query` sends. Failures that make the account
/// unusable (authentication, not CalDAV, the network) are thrown; a server
/// that only lacks scheduling is an answer, since avail can still read
/// published free/busy there.
public struct AccountSetupService: Sendable {
    public var server: any SchedulingServer
    /// How far ahead the test request looks.
    public static let windowSeconds: Int64 = 86_400

    public init(server: any SchedulingServer) { self.server = server }

    public func check(now: UTCInstant, uid: String = RandomUID.make()) async throws(CalDAVError) -> AccountCheck {
        // An hour's granularity keeps the request the same within the hour (and readable in a trace).
        let start = UTCInstant(secondsSinceEpoch: now.secondsSinceEpoch - now.secondsSinceEpoch % 3600)
        guard let window = TimeWindow(start: start, end: start.adding(seconds: Self.windowSeconds)) else {
            throw .invalidConfiguration("the clock is out of range")
        }
        let discovery: DiscoveryResult
        do {
            discovery = try await server.discover()
        } catch .noScheduling {
            // RFC 6638 §2.1: no schedule-outbox-URL. The principal is still
            // worth showing: the account itself works.
            do {
                let identity = try await server.identity()
                return AccountCheck(principal: identity.principalURL.description, displayName: identity.displayName,
                                    organizer: identity.organizer, outbox: nil, selfFreeBusy: .notAsked, window: window)
            } catch let .noOrganizerAddress(principal) {
                // Radicale lists no address: nothing is sent as anyone there, so it is not needed.
                return AccountCheck(principal: principal, displayName: nil, organizer: nil, outbox: nil, selfFreeBusy: .notAsked, window: window)
            }
        }
        let me = discovery.organizer
        let request = FreeBusyRequest(organizer: me, organizerName: discovery.displayName, attendees: [me],
                                      window: window, uid: uid, timestamp: now, productID: AvailVersion.productID)
        let outcome: AccountCheck.SelfFreeBusy
        do {
            let result = try await server.queryFreeBusy(request, outbox: discovery.outboxURL,
                                                        draftHeaders: CalDAVSession.wantsDraftHeaders(setting: nil, capabilities: discovery.davCapabilities))
            if let mine = result.recipients.first(where: { $0.recipient.matchKey == me.matchKey }) ?? result.recipients.first {
                if mine.status.isSuccess, let busy = mine.busy {
                    outcome = .answered(busyPeriods: busy.count)
                } else {
                    outcome = .unanswered(status: mine.status.code, detail: mine.problem ?? mine.status.meaning)
                }
            } else {
                outcome = .unanswered(status: "", detail: "the answer named no recipient")
            }
        } catch {
            outcome = .failed(message: error.description, exitCode: error.exitCode)
        }
        return AccountCheck(principal: discovery.principalURL.description, displayName: discovery.displayName, organizer: me,
                            outbox: discovery.outboxURL, selfFreeBusy: outcome, window: window)
    }
}
