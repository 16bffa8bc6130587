import XMLTree

/// A `DAV:principal-property-search` REPORT body (RFC 3744 §9.4) that also
/// asks for each principal's `CALDAV:calendar-user-type` (RFC 6638 §2.4.2),
/// so the answer tells rooms and resources from people. One criterion per
/// request: Cyrus ANDs `property-search` elements whatever `test` says.
public struct DirectorySearch: Sendable {
    public enum Criterion: Sendable, Equatable {
        /// Display name or calendar user address contains the text.
        case text(String)
        /// `calendar-user-type` contains the value (e.g. ROOM). Servers may
        /// ignore it (DAViCal answers with every principal), so a caller
        /// filters on the type in the answer as well.
        case calendarUserType(String)
    }

    public var criterion: Criterion
    public init(_ criterion: Criterion) { self.criterion = criterion }

    public var xmlBody: String {
        let searches: String
        switch criterion {
        case let .text(text):
            let match = XML.escape(text)
            searches = "<D:property-search><D:prop><D:displayname/></D:prop><D:match>\(match)</D:match></D:property-search>"
                + "<D:property-search><D:prop><C:calendar-user-address-set/></D:prop><D:match>\(match)</D:match></D:property-search>"
        case let .calendarUserType(type):
            searches = "<D:property-search><D:prop><C:calendar-user-type/></D:prop><D:match>\(XML.escape(type))</D:match></D:property-search>"
        }
        return """
        <?xml version="1.0" encoding="utf-8"?>
        <D:principal-property-search xmlns:D="DAV:" xmlns:C="\(Namespace.caldav)" test="anyof">\
        \(searches)\
        <D:prop><D:displayname/><C:calendar-user-address-set/><C:calendar-user-type/></D:prop>\
        </D:principal-property-search>
        """
    }
}
