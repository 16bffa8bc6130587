extension Component {
    /// The component as iCalendar text, properties and sub-components in the
    /// order they are held, CRLF and folded (RFC 5545 §3.1). Property values
    /// are written as they were read (still escaped), so a component read with
    /// `parse` and written back keeps every property and parameter it had.
    public var iCalendarText: String {
        var w = ContentLineWriter()
        write(to: &w)
        return w.text
    }

    public func write(to w: inout ContentLineWriter) {
        w.write("BEGIN", value: name)
        for p in properties { w.write(p) }
        for c in components { c.write(to: &w) }
        w.write("END", value: name)
    }
}
