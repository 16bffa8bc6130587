internal import CLibXML2
import TextUtilities

/// A parsed XML document as plain Swift values. libxml2 does the parsing; every
/// pointer it hands out is copied into `Element`s and freed before `parse`
/// returns, so nothing of libxml2 outlives the call.
public enum XML {
    public struct Attribute: Equatable, Sendable {
        public var namespace: String?
        public var name: String
        public var value: String
    }

    /// An element, identified by namespace URI and local name (never by prefix:
    /// DAViCal makes `DAV:` the default namespace, Cyrus uses `D:`, others `d:`).
    public struct Element: Equatable, Sendable {
        public var namespace: String?
        public var name: String
        public var attributes: [Attribute]
        public var children: [Element]
        /// The element's own text and CDATA, concatenated (not its children's).
        public var text: String

        public init(namespace: String?, name: String, attributes: [Attribute] = [], children: [Element] = [], text: String = "") {
            self.namespace = namespace
            self.name = name
            self.attributes = attributes
            self.children = children
            self.text = text
        }

        public func isNamed(_ name: String, in namespace: String) -> Bool {
            self.name == name && self.namespace == namespace
        }

        public func child(_ name: String, in namespace: String) -> Element? {
            children.first { $0.isNamed(name, in: namespace) }
        }

        public func children(_ name: String, in namespace: String) -> [Element] {
            children.filter { $0.isNamed(name, in: namespace) }
        }

        /// All text below this element, in document order.
        public var allText: String {
            children.reduce(text) { $0 + $1.allText }
        }

        public func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name && $0.namespace == nil }?.value
        }
    }

    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case malformed(line: Int, message: String)
        /// CalDAV servers never send a DOCTYPE; one is how entity attacks
        /// (XXE, billion laughs) arrive, so any document type declaration is refused.
        case documentTypeDeclaration
        case tooDeep
        /// libxml2 could not be loaded: a broken installation, not a bad answer.
        case libraryMissing(String)

        public var description: String {
            switch self {
            case .empty: return "the XML body is empty"
            case let .malformed(line, message): return "malformed XML (line \(line)): \(message)"
            case .documentTypeDeclaration: return "the XML has a document type declaration, which avail refuses"
            case .tooDeep: return "the XML is nested too deeply"
            case let .libraryMissing(problem): return problem
            }
        }
    }

    /// Parses a document. The network is never used and entities are not
    /// substituted (no XML_PARSE_NOENT): a `file://` entity is not read and an
    /// entity bomb is not expanded.
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> Element {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { throw .empty }
        guard bytes.count < Int(Int32.max) else { throw .malformed(line: 0, message: "document too large") }
        if let problem = XMLLibrary.load() { throw .libraryMissing(problem) }
        avail_xml_silence_errors_on_this_thread()
        guard let ctxt = avail_xml_new_parser_ctxt() else { throw .malformed(line: 0, message: "out of memory") }
        defer { avail_xml_free_parser_ctxt(ctxt) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NONET.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buf -> xmlDocPtr? in
            guard let base = buf.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                avail_xml_ctxt_read_memory(ctxt, $0, Int32(buf.count), options)
            }
        }
        guard let doc else {
            var line = 0
            var message = "not well-formed"
            if let err = avail_xml_ctxt_get_last_error(ctxt) {
                line = Int(err.pointee.line)
                if let m = err.pointee.message {
                    // libxml2's messages may span lines ("…encoding !\nBytes: …"): keep one.
                    message = String(cString: m).split(whereSeparator: \.isNewline)
                        .map { $0.trimmingWhitespace }.filter { !$0.isEmpty }.joined(separator: "; ")
                }
            }
            throw .malformed(line: line, message: message)
        }
        defer { avail_xml_free_doc(doc) }
        if avail_xml_has_dtd(doc) != 0 { throw .documentTypeDeclaration }
        guard let root = avail_xml_doc_get_root_element(doc) else { throw .empty }
        return try convert(root, depth: 0)
    }

    public static func parse(_ text: String) throws(ParseError) -> Element {
        try parse(Array(text.utf8))
    }

    private static func convert(_ node: xmlNodePtr, depth: Int) throws(ParseError) -> Element {
        guard depth < 256 else { throw .tooDeep }
        let name = string(node.pointee.name) ?? ""
        let namespace = node.pointee.ns.flatMap { string($0.pointee.href) }
        var attributes: [Attribute] = []
        var attr = node.pointee.properties
        while let a = attr {
            var value = ""
            if let v = avail_xml_node_get_content(UnsafeMutableRawPointer(a).assumingMemoryBound(to: xmlNode.self)) {
                value = String(cString: v)
                avail_xml_free(v)
            }
            attributes.append(Attribute(namespace: a.pointee.ns.flatMap { string($0.pointee.href) },
                                        name: string(a.pointee.name) ?? "", value: value))
            attr = a.pointee.next
        }
        var children: [Element] = []
        var text = ""
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(try convert(c, depth: depth + 1))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content { text += String(cString: content) }
            default:
                break // comments, processing instructions, unexpanded entity references
            }
            child = c.pointee.next
        }
        return Element(namespace: namespace, name: name, attributes: attributes, children: children, text: text)
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        return p.withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0) }
    }

    /// Escapes text for an element's content or an attribute value.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// libxml2, loaded on the first parse (and initialised once, before any thread
/// parses), or earlier by `preload`.
public enum XMLLibrary {
    /// Loads libxml2 if it is not yet: why it cannot be, or nil once it is.
    public static func load() -> String? {
        avail_xml_load().map { String(cString: $0) }
    }

    /// Loads libxml2 now, if it is not yet: called while a request waits for
    /// its answer, so that the parse does not wait for the load. A library that
    /// cannot be loaded is left for the parse to say so.
    @Sendable public static func preload() { _ = load() }
}
