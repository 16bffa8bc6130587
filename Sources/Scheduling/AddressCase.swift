import FreeBusy
import FreeBusyCache
import ICalendar

/// Calendar-user addresses on a server that may compare them case-sensitively.
/// RFC 5321 §2.4 lets a mail system treat the local part as case-sensitive;
/// Cyrus does so for the whole address (`Bob@example.com` and
/// `bob@Example.com` are 5.1 where `bob@example.com` is 2.0), DAViCal does not.
/// Its users are kept lower-cased, so the lower-cased form is the one tried.
/// Learned only from a failure: the normal request costs nothing extra.
public enum AddressCase {
    /// The form to send: lower-cased once the server was seen to need it, as written otherwise.
    public static func sent(_ a: CalendarUserAddress, matching: ServerProfile.AddressMatching?) -> CalendarUserAddress {
        matching == .caseSensitive ? lowered(a) ?? a : a
    }

    /// The `mailto:` address in lower case; nil when it already is, or for
    /// other schemes (a `urn:uuid:` is not an email address and is not touched).
    public static func lowered(_ a: CalendarUserAddress) -> CalendarUserAddress? {
        guard a.uri.lowercased().hasPrefix("mailto:"), a.uri != a.matchKey else { return nil }
        return CalendarUserAddress(uncheckedURI: a.matchKey)
    }

    /// Worth asking once more lower-cased: an address with capitals that the
    /// server did not know (3.7, RFC 6638 §3.2.9; Cyrus says 5.1), unless the
    /// server is known to ignore case.
    public static func worthRetrying(_ r: RecipientResult, sent: CalendarUserAddress,
                                     matching: ServerProfile.AddressMatching?) -> Bool {
        guard matching != .caseInsensitive, lowered(sent) != nil else { return false }
        return r.status.code == "3.7" || r.status.code.hasPrefix("5.")
    }

    /// What one request taught: an address with capitals answered (2.x) means
    /// case does not matter; one that failed while its lower-cased form
    /// answered means it does. Nil when nothing showed either.
    public static func verdict(sent: [CalendarUserAddress], codes: [String], retriedCodes: [String]) -> ServerProfile.AddressMatching? {
        let answered = zip(sent, codes).contains { a, code in lowered(a) != nil && code.hasPrefix("2.") }
        if answered { return .caseInsensitive }
        if retriedCodes.contains(where: { $0.hasPrefix("2.") }) { return .caseSensitive }
        return nil
    }
}

extension FreeBusyService {
    /// How to write an address the way this account's server knows it:
    /// lower-cased once it was seen to match case-sensitively (`AddressCase.sent`),
    /// as written otherwise. The profile is read once, here. Used for
    /// everything that names people to the server, not only free/busy
    /// requests: a booking's attendees and people invited, whom Cyrus would
    /// otherwise take for outside addresses and never deliver to (1.1).
    public func serverForm() -> @Sendable (CalendarUserAddress) -> CalendarUserAddress {
        let matching = cache?.loadProfile()?.addresses
        return { AddressCase.sent($0, matching: matching) }
    }

    /// As `serverForm`, when nothing asked before has shown the server's way:
    /// the time of those among `people` with capitals is asked first, at
    /// `window`, which learns it (one POST, and one more lower-cased where they
    /// were unknown). A booking needs none of this: its check before booking
    /// asks everyone.
    public func serverForm(learningFrom people: [CalendarUserAddress], at window: TimeWindow,
                           now: UTCInstant) async -> @Sendable (CalendarUserAddress) -> CalendarUserAddress {
        let capitals = people.filter { AddressCase.lowered($0) != nil }
        guard !capitals.isEmpty, cache?.loadProfile()?.addresses == nil else { return serverForm() }
        _ = try? await refreshing().query(capitals, window: window, now: now)
        return serverForm()
    }
}
