extension ContentLineWriter {
    /// A whole iCalendar object (RFC 5545 §3.4, §3.7): BEGIN:VCALENDAR, VERSION:2.0,
    /// PRODID, METHOD when it is an iTIP message (RFC 5546 §1.4; a stored calendar
    /// object resource has none, RFC 4791 §4.1), what `components` writes, END:VCALENDAR.
    public static func calendar(productID: String, method: String? = nil,
                                _ components: (inout ContentLineWriter) -> Void) -> String {
        var w = ContentLineWriter()
        w.write("BEGIN", value: "VCALENDAR")
        w.write("VERSION", value: "2.0")
        w.write("PRODID", value: productID)
        if let method { w.write("METHOD", value: method) }
        components(&w)
        w.write("END", value: "VCALENDAR")
        return w.text
    }
}
