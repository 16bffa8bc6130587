import Testing
import ICalendar

@Suite struct CalendarPreambleTests {
    @Test func oneWrapperWritesEveryCalendarObject() {
        let message = ContentLineWriter.calendar(productID: "-//avail//test//EN", method: "REQUEST") { w in
            w.write("BEGIN", value: "VFREEBUSY")
            w.write("END", value: "VFREEBUSY")
        }
        #expect(message == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//avail//test//EN\r\nMETHOD:REQUEST\r\n"
            + "BEGIN:VFREEBUSY\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n")
        // A stored calendar object resource carries no METHOD (RFC 4791 §4.1).
        let stored = ContentLineWriter.calendar(productID: "-//avail//test//EN") { _ in }
        #expect(stored == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//avail//test//EN\r\nEND:VCALENDAR\r\n")
    }
}
