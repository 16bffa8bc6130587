import HTTPClient
import WebDAV

/// How far the first PROPFIND's answer (on `/.well-known/caldav` or the
/// configured URL) already speaks for the current user's principal, which
/// decides whether discovery has to PROPFIND the principal as well.
public enum PrincipalAnswer: Equatable, Sendable {
    /// The resource described is the principal itself (RFC 5397 §3 names it):
    /// every property is the user's own, display name included.
    case principalItself
    /// Another resource (DAViCal's `/caldav.php/`), whose outbox and addresses
    /// are provably the principal's: scheduling needs nothing more. Its
    /// `DAV:displayname` is that resource's ("avail test DAViCal"), not the user's.
    case principalsScheduling
    /// Nothing that proves the properties are this principal's: ask the principal.
    case unproven

    /// Judges `entry`, the answer for the resource at `answeredAt` (after
    /// redirects), against the `principal` its `DAV:current-user-principal` named.
    ///
    /// The scheduling properties count as the principal's only when the answer
    /// holds both an outbox (RFC 6638 §2.2 `schedule-outbox-URL`) and an
    /// address set with a `mailto:` to send as (RFC 6638 §2.4.1), and one of
    /// them ties to the principal: the address set lists the principal's own
    /// URL (§2.4.1: the set is the principal's addresses; DAViCal lists its
    /// URL there), or the outbox lies under the principal's URL. An outbox on a
    /// shared resource with no such tie may belong to anyone.
    public static func judge(_ entry: Multistatus.Response, answeredAt: HTTPURL, principal: HTTPURL) -> PrincipalAnswer {
        if let described = answeredAt.resolving(entry.href), described.isSameResource(as: principal) {
            return .principalItself
        }
        guard let outboxHref = entry.hrefs(in: .scheduleOutboxURL).first,
              let outbox = answeredAt.resolving(outboxHref) else { return .unproven }
        let addresses = entry.hrefs(in: .calendarUserAddressSet)
        guard addresses.contains(where: { $0.lowercased().hasPrefix("mailto:") }) else { return .unproven }
        let listsPrincipal = addresses.contains { href in
            guard !href.lowercased().hasPrefix("mailto:"), let url = answeredAt.resolving(href) else { return false }
            return url.isSameResource(as: principal)
        }
        return listsPrincipal || outbox.lies(under: principal) ? .principalsScheduling : .unproven
    }
}
