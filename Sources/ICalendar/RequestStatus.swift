import TextUtilities
/// An iTIP request status (RFC 5545 §3.8.8.3, RFC 5546 §3.6): `statcode [";" text]`.
/// Servers send both `2.0` and `2.0;Success`; the class (first digit) decides:
/// 2 success, 3 a client-side problem (3.7 invalid user, 3.8 no authority),
/// 5 a scheduling or delivery failure.
public struct RequestStatus: Hashable, Sendable, CustomStringConvertible {
    public var code: String
    public var text: String?

    public init(code: String, text: String? = nil) { self.code = code; self.text = text }

    /// No status at all: the server said nothing usable about this recipient, or
    /// nobody was asked (not in the cache, offline). `text` says which.
    public static func noAnswer(_ text: String) -> RequestStatus { RequestStatus(code: noAnswerCode, text: text) }

    /// The code that stands for "no answer": not a number, so never taken for one.
    static let noAnswerCode = "?"

    /// Lenient: whitespace around parts is dropped, an unknown shape keeps the whole
    /// string as its text with code `?` (never a crash, never mistaken for success).
    public init(parsing raw: String) {
        let trimmed = raw.trimmingWhitespace
        let parts = trimmed.split(separator: ";", maxSplits: 2, omittingEmptySubsequences: false)
        let code = parts.first.map { String($0).trimmingWhitespace } ?? ""
        let isCode = !code.isEmpty && code.count <= 10 && code.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && code.first?.isNumber == true
        if isCode {
            self.code = code
            let t = parts.count > 1 ? String(parts[1]).trimmingWhitespace : ""
            self.text = t.isEmpty ? nil : t
        } else {
            self.code = Self.noAnswerCode
            self.text = trimmed.isEmpty ? nil : trimmed
        }
    }

    public var isSuccess: Bool { outcome == .success }

    /// A short meaning for people, from the code when the server sent no text.
    public var meaning: String {
        if let text, !text.isEmpty { return text }
        switch code {
        case "2.0": return "Success"
        case "5.1": return "Could not deliver"
        case "5.2": return "Invalid calendar service"
        case "5.3": return "No scheduling support for user"
        default:
            switch outcome {
            case .success: return "Success"
            case .noSuchUser: return "Invalid calendar user"
            case .noAuthority: return "No authority"
            case .notAccepted: return "Request not accepted"
            case .failed: return "Delivery or service failure"
            case .pending, .unrecognised, .noAnswer: return "Unknown status"
            }
        }
    }

    /// The status as written in iCalendar; a status that was not understood
    /// (code `?`) is written back as the text it came as, so that reading it
    /// again gives the same value (found by fuzz-cache).
    public var description: String {
        if code == Self.noAnswerCode { return text ?? "" }
        return text.map { "\(code);\($0)" } ?? code
    }
}
