import TextUtilities
/// A calendar user address (RFC 5545 §3.3.3 CAL-ADDRESS), in practice a
/// `mailto:` URI. People type `bob@example.com`; the protocol wants
/// `mailto:bob@example.com`.
public struct CalendarUserAddress: Hashable, Sendable, CustomStringConvertible {
    /// `mailto:` in lower case, the rest as the user wrote it: Cyrus matches
    /// addresses case-sensitively, so their case is changed only where the
    /// server's profile says the lower-cased form is the one it knows (`AddressCase`).
    public let uri: String

    public enum Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case notAnAddress(String)
        public var description: String {
            switch self {
            case .empty: return "an attendee address is empty"
            case let .notAnAddress(s): return "\(s.debugDescription) is not an email address or mailto: URI"
            }
        }
    }

    public init(_ text: String) throws(Invalid) {
        let t = text.trimmingWhitespace
        guard !t.isEmpty else { throw .empty }
        // Anything that could break out of an iCalendar line, or that no address holds.
        guard !t.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\"" || $0 == "," || $0 == ";" })
        else { throw .notAnAddress(text) }
        if t.lowercased().hasPrefix("mailto:") {
            let rest = String(t.dropFirst(7))
            guard Self.looksLikeEmail(rest) else { throw .notAnAddress(text) }
            uri = "mailto:" + rest
        } else if t.contains(":") {
            // Another URI scheme (urn:uuid:…, http://…): servers may use them; keep as is.
            guard t.count > 2 else { throw .notAnAddress(text) }
            uri = t
        } else {
            guard Self.looksLikeEmail(t) else { throw .notAnAddress(text) }
            uri = "mailto:" + t
        }
    }

    /// Accepts an address from a server's answer without validation beyond trimming.
    public init(uncheckedURI: String) { uri = uncheckedURI.trimmingWhitespace }

    /// For matching a server's answer to what we asked: scheme and address compared
    /// case-insensitively (DAViCal answers in its own case). SOGo writes the
    /// recipient as a bare `bob@example.com`, which means its `mailto:`.
    public var matchKey: String {
        if uri.lowercased().hasPrefix("mailto:") { return "mailto:" + uri.dropFirst(7).lowercased() }
        if !uri.contains(":"), uri.contains("@") { return "mailto:" + uri.lowercased() }
        return uri.lowercased()
    }

    /// The address without `mailto:`, for people.
    public var displayString: String {
        uri.lowercased().hasPrefix("mailto:") ? String(uri.dropFirst(7)) : uri
    }

    public var description: String { uri }

    private static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
    }
}
