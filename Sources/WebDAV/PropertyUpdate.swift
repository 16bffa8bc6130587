import XMLTree

/// A PROPPATCH body (RFC 4918 §9.2, §14.19): properties to set, each with a
/// text value, and properties to remove.
public struct PropertyUpdate: Sendable {
    public var set: [(name: QualifiedName, text: String)]
    public var remove: [QualifiedName]

    public init(set: [(name: QualifiedName, text: String)] = [], remove: [QualifiedName] = []) {
        self.set = set
        self.remove = remove
    }

    public var xmlBody: String {
        var prefixes: [String: String] = [Namespace.dav: "D", Namespace.caldav: "C"]
        var declarations = ""
        for n in set.map(\.name) + remove where prefixes[n.namespace] == nil {
            let prefix = "X\(prefixes.count)"
            prefixes[n.namespace] = prefix
            declarations += " xmlns:\(prefix)=\"\(XML.escape(n.namespace))\""
        }
        func tag(_ n: QualifiedName) -> String { "\(prefixes[n.namespace] ?? "D"):\(n.name)" }
        var body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        body += "<D:propertyupdate xmlns:D=\"DAV:\" xmlns:C=\"\(Namespace.caldav)\"\(declarations)>"
        if !set.isEmpty {
            body += "<D:set><D:prop>"
            // CR as a character reference: XML readers turn a literal CRLF into
            // LF (XML 1.0 §2.11), and iCalendar values want their CRLF back.
            for (n, text) in set {
                var value = ""
                for scalar in XML.escape(text).unicodeScalars {
                    if scalar == "\r" { value += "&#13;" } else { value.unicodeScalars.append(scalar) }
                }
                body += "<\(tag(n))>\(value)</\(tag(n))>"
            }
            body += "</D:prop></D:set>"
        }
        if !remove.isEmpty {
            body += "<D:remove><D:prop>"
            for n in remove { body += "<\(tag(n))/>" }
            body += "</D:prop></D:remove>"
        }
        body += "</D:propertyupdate>"
        return body
    }
}
