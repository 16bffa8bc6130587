extension QualifiedName {
    /// RFC 4918 §15.6.
    public static let getETag = QualifiedName(Namespace.dav, "getetag")
    /// RFC 4791 §9.6: the calendar object resource's text.
    public static let calendarData = QualifiedName(Namespace.caldav, "calendar-data")
}
