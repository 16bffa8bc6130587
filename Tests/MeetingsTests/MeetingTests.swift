import Testing
import FreeBusy
import ICalendar
import Meetings

@Suite struct MeetingTests {
    @Test func placeholder() { #expect(Bool(true)) }
}
