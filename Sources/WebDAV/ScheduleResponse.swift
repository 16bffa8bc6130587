import XMLTree
import TextUtilities

/// The `CALDAV:schedule-response` to a free/busy POST (RFC 6638 §10.1;
/// draft-desruisseaux-caldav-sched-08 §7.3): one `CALDAV:response` per recipient.
/// Kept as the server sent it; turning `calendar-data` into busy time is the
/// caller's business.
public struct ScheduleResponse: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        /// The recipient's address as the server wrote it.
        public var recipient: String
        /// The raw `CALDAV:request-status` text, e.g. `2.0;Success`.
        public var requestStatus: String
        /// The `CALDAV:calendar-data` text, if the element was present and non-empty.
        public var calendarData: String?
        /// Precondition names inside a per-recipient `DAV:error`.
        public var errors: [QualifiedName]
        public var responseDescription: String?
    }

    public var items: [Item]
    public var responseDescription: String?

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case xml(XML.ParseError)
        case notScheduleResponse(String)
        case recipientMissing(index: Int)
        public var description: String {
            switch self {
            case let .xml(e): return e.description
            case let .notScheduleResponse(root): return "expected a CALDAV:schedule-response, got <\(root)>"
            case let .recipientMissing(i): return "answer \(i + 1) in the schedule-response names no recipient"
            }
        }
    }

    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> ScheduleResponse {
        let root: XML.Element
        do { root = try XML.parse(bytes) } catch { throw .xml(error) }
        return try parse(root)
    }

    public static func parse(_ root: XML.Element) throws(ParseError) -> ScheduleResponse {
        guard root.isNamed("schedule-response", in: Namespace.caldav) else {
            let shown = root.namespace.map { "{\($0)}\(root.name)" } ?? root.name
            throw .notScheduleResponse(shown)
        }
        var items: [Item] = []
        for (index, r) in root.children("response", in: Namespace.caldav).enumerated() {
            guard let recipientElement = r.child("recipient", in: Namespace.caldav) else {
                throw .recipientMissing(index: index)
            }
            // RFC 6638: <C:recipient><D:href>mailto:…</D:href></C:recipient>;
            // older drafts (and some servers) put the address as bare text.
            let recipient = (recipientElement.child("href", in: Namespace.dav)?.allText ?? recipientElement.allText).trimmingWhitespace
            guard !recipient.isEmpty else { throw .recipientMissing(index: index) }
            let status = r.child("request-status", in: Namespace.caldav)?.allText.trimmingWhitespace ?? ""
            let data = r.child("calendar-data", in: Namespace.caldav)?.allText
            let errors = r.child("error", in: Namespace.dav)?.children.compactMap { e in
                e.namespace.map { QualifiedName($0, e.name) }
            } ?? []
            let description = r.child("responsedescription", in: Namespace.dav)?.allText.trimmingWhitespace
            items.append(Item(recipient: recipient, requestStatus: status,
                              calendarData: (data?.trimmingWhitespace.isEmpty ?? true) ? nil : data,
                              errors: errors,
                              responseDescription: (description?.isEmpty ?? true) ? nil : description))
        }
        let description = root.child("responsedescription", in: Namespace.dav)?.allText.trimmingWhitespace
        return ScheduleResponse(items: items, responseDescription: (description?.isEmpty ?? true) ? nil : description)
    }
}
