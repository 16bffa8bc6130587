extension QualifiedName {
    /// RFC 7953 §7.2.4: the user's working hours (a VAVAILABILITY), a property
    /// of their schedule Inbox.
    public static let calendarAvailability = QualifiedName(Namespace.caldav, "calendar-availability")
    /// RFC 6638 §2.4.2: INDIVIDUAL, GROUP, RESOURCE, ROOM or UNKNOWN (RFC 5545 §3.2.3).
    public static let calendarUserType = QualifiedName(Namespace.caldav, "calendar-user-type")
}
