import XMLTree
import TextUtilities

/// A `DAV:multistatus` answer (RFC 4918 §13, §14.16): per resource, the
/// properties found, grouped by the status each came with.
public struct Multistatus: Equatable, Sendable {
    public struct Propstat: Equatable, Sendable {
        /// The HTTP status code of the `DAV:status` line (`HTTP/1.1 200 OK` → 200).
        public var status: Int?
        public var properties: [XML.Element]
    }

    public struct Response: Equatable, Sendable {
        public var href: String
        public var status: Int?
        public var propstats: [Propstat]

        /// A property that came with a 2xx status, or nil when it is absent or came
        /// in a 404 propstat (how servers without scheduling answer for the outbox).
        public func property(_ name: QualifiedName) -> XML.Element? {
            for ps in propstats where (ps.status ?? 200) / 100 == 2 {
                if let p = ps.properties.first(where: { $0.isNamed(name.name, in: name.namespace) }) { return p }
            }
            return nil
        }

        /// The `DAV:href` values inside a property (RFC 4918 §14.7), trimmed.
        public func hrefs(in name: QualifiedName) -> [String] {
            guard let p = property(name) else { return [] }
            return p.children("href", in: Namespace.dav).map { $0.allText.trimmingWhitespace }.filter { !$0.isEmpty }
        }
    }

    public var responses: [Response]

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case xml(XML.ParseError)
        case notMultistatus(String)
        public var description: String {
            switch self {
            case let .xml(e): return e.description
            case let .notMultistatus(root): return "expected a DAV:multistatus answer, got <\(root)>"
            }
        }
    }

    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> Multistatus {
        let root: XML.Element
        do { root = try XML.parse(bytes) } catch { throw .xml(error) }
        return try parse(root)
    }

    public static func parse(_ root: XML.Element) throws(ParseError) -> Multistatus {
        guard root.isNamed("multistatus", in: Namespace.dav) else { throw .notMultistatus(root.name) }
        var responses: [Response] = []
        for r in root.children("response", in: Namespace.dav) {
            let href = r.child("href", in: Namespace.dav)?.allText.trimmingWhitespace ?? ""
            let status = r.child("status", in: Namespace.dav).flatMap { httpStatusCode($0.allText) }
            var propstats: [Propstat] = []
            for ps in r.children("propstat", in: Namespace.dav) {
                let code = ps.child("status", in: Namespace.dav).flatMap { httpStatusCode($0.allText) }
                let props = ps.child("prop", in: Namespace.dav)?.children ?? []
                propstats.append(Propstat(status: code, properties: props))
            }
            responses.append(Response(href: href, status: status, propstats: propstats))
        }
        return Multistatus(responses: responses)
    }

    /// `HTTP/1.1 404 Not Found` → 404.
    public static func httpStatusCode(_ line: String) -> Int? {
        let parts = line.trimmingWhitespace.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let code = Int(parts[1]), (100...599).contains(code) else { return nil }
        return code
    }
}
