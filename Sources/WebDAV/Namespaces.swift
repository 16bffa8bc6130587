/// XML namespace URIs. Elements are always matched on these, never on prefixes.
public enum Namespace {
    public static let dav = "DAV:"
    /// RFC 4791 §4 and RFC 6638.
    public static let caldav = "urn:ietf:params:xml:ns:caldav"
    /// Apple's CalendarServer extensions (displayname-like bits, `getctag`).
    public static let calendarServer = "http://calendarserver.org/ns/"
}

/// A property or element name: namespace URI plus local name.
public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    public init(_ namespace: String, _ name: String) { self.namespace = namespace; self.name = name }

    public static let currentUserPrincipal = QualifiedName(Namespace.dav, "current-user-principal")
    public static let displayName = QualifiedName(Namespace.dav, "displayname")
    public static let resourceType = QualifiedName(Namespace.dav, "resourcetype")
    public static let principalURL = QualifiedName(Namespace.dav, "principal-URL")
    /// RFC 6638 §2.1.1.
    public static let scheduleOutboxURL = QualifiedName(Namespace.caldav, "schedule-outbox-URL")
    /// RFC 6638 §2.2.1.
    public static let scheduleInboxURL = QualifiedName(Namespace.caldav, "schedule-inbox-URL")
    /// RFC 6638 §2.4.1.
    public static let calendarUserAddressSet = QualifiedName(Namespace.caldav, "calendar-user-address-set")
    /// RFC 3744 §5.8: where the server keeps its principals.
    public static let principalCollectionSet = QualifiedName(Namespace.dav, "principal-collection-set")
    /// RFC 4791 §6.2.1.
    public static let calendarHomeSet = QualifiedName(Namespace.caldav, "calendar-home-set")
    /// RFC 6638 §9.2: on the schedule Inbox (some servers put it on the principal too).
    public static let scheduleDefaultCalendarURL = QualifiedName(Namespace.caldav, "schedule-default-calendar-URL")
    /// RFC 4791 §5.2.3: which component types a calendar takes; absent means all.
    public static let supportedCalendarComponentSet = QualifiedName(Namespace.caldav, "supported-calendar-component-set")
    /// RFC 3744 §5.4.
    public static let currentUserPrivilegeSet = QualifiedName(Namespace.dav, "current-user-privilege-set")

    public var description: String {
        switch namespace {
        case Namespace.dav: return "DAV:\(name)"
        case Namespace.caldav: return "CALDAV:\(name)"
        default: return "{\(namespace)}\(name)"
        }
    }
}
