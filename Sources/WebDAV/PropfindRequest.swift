import XMLTree

/// A PROPFIND body asking for named properties (RFC 4918 §9.1).
public struct PropfindRequest: Sendable {
    public var properties: [QualifiedName]
    public init(properties: [QualifiedName]) { self.properties = properties }

    public var xmlBody: String {
        var prefixes: [String: String] = [Namespace.dav: "D", Namespace.caldav: "C"]
        var declarations = ""
        for p in properties where prefixes[p.namespace] == nil {
            let prefix = "X\(prefixes.count)"
            prefixes[p.namespace] = prefix
            declarations += " xmlns:\(prefix)=\"\(XML.escape(p.namespace))\""
        }
        var body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        body += "<D:propfind xmlns:D=\"DAV:\" xmlns:C=\"\(Namespace.caldav)\"\(declarations)><D:prop>"
        for p in properties { body += "<\(prefixes[p.namespace] ?? "D"):\(p.name)/>" }
        body += "</D:prop></D:propfind>"
        return body
    }
}
