import XMLTree

/// A `DAV:principal-property-search` REPORT body (RFC 3744 §9.4): principals
/// whose display name or calendar user address contains `text`.
public struct PrincipalPropertySearch: Sendable {
    public var text: String
    public init(text: String) { self.text = text }

    public var xmlBody: String {
        let match = XML.escape(text)
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <D:principal-property-search xmlns:D="DAV:" xmlns:C="\(Namespace.caldav)" test="anyof">\
        <D:property-search><D:prop><D:displayname/></D:prop><D:match>\(match)</D:match></D:property-search>\
        <D:property-search><D:prop><C:calendar-user-address-set/></D:prop><D:match>\(match)</D:match></D:property-search>\
        <D:prop><D:displayname/><C:calendar-user-address-set/></D:prop>\
        </D:principal-property-search>
        """
    }
}
