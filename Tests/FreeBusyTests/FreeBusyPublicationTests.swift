import FreeBusy
import ICalendar
import Testing

/// The published VFREEBUSY (`avail publish`): merged periods, no event
/// detail, the RFC 5545 §3.6.4 published form, lines folded.
@Suite struct FreeBusyPublicationTests {
    func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> UTCInstant { UTCInstant(year: 2026, month: 12, day: day, hour: hour, minute: minute)! }
    var window: TimeWindow { TimeWindow(start: at(7, 0), end: at(12, 0))! }
    let alice = CalendarUserAddress(uncheckedURI: "mailto:alice@example.com")

    func lines(_ text: String) -> [String] {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func overlappingAndTouchingPeriodsOfOneTypeAreMergedAndClipped() {
        let p = FreeBusyPublication(organizer: alice, window: window, periods: [
            BusyPeriod(start: at(7, 10), end: at(7, 11)),
            BusyPeriod(start: at(7, 10, 30), end: at(7, 12)),
            BusyPeriod(start: at(7, 12), end: at(7, 13)),  // touches: merged
            BusyPeriod(start: at(7, 12), end: at(7, 14), type: .busyTentative),  // another type: kept apart
            BusyPeriod(start: at(6, 22), end: at(7, 1)),  // clipped to the window start
            BusyPeriod(start: at(11, 23), end: at(12, 2), type: .busyUnavailable),  // clipped to the end
            BusyPeriod(start: at(1, 0), end: at(2, 0)),  // outside: dropped
        ], timestamp: at(1, 9))
        let freebusy = lines(p.text(productID: "-//test//EN")).filter { $0.hasPrefix("FREEBUSY") }
        #expect(freebusy == [
            "FREEBUSY;FBTYPE=BUSY:20261207T000000Z/20261207T010000Z",
            "FREEBUSY;FBTYPE=BUSY:20261207T100000Z/20261207T130000Z",
            "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261207T120000Z/20261207T140000Z",
            "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20261211T230000Z/20261212T000000Z",
        ])
    }

    @Test func thePublishedFormHasTheWindowOrganizerAndMethodPublish() throws {
        let text = FreeBusyPublication(organizer: alice, window: window, periods: [BusyPeriod(start: at(8, 9), end: at(8, 10))],
                                       timestamp: at(1, 9, 30)).text(productID: "-//test//EN")
        #expect(lines(text) == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "METHOD:PUBLISH",
            "BEGIN:VFREEBUSY", "UID:avail-freebusy-alice@example.com", "DTSTAMP:20261201T093000Z",
            "DTSTART:20261207T000000Z", "DTEND:20261212T000000Z", "ORGANIZER:mailto:alice@example.com",
            "FREEBUSY;FBTYPE=BUSY:20261208T090000Z/20261208T100000Z",
            "END:VFREEBUSY", "END:VCALENDAR", "",
        ])
        // What avail's own fburl reader makes of it: the same period, the window covered.
        let read = try FreeBusyData.parse(text)
        #expect(read.periods == [BusyPeriod(start: at(8, 9), end: at(8, 10))])
        #expect(read.coveredStart == window.start && read.coveredEnd == window.end)
    }

    @Test func noEventDetailCanAppear() {
        let text = FreeBusyPublication(organizer: alice, window: window, periods: [BusyPeriod(start: at(8, 9), end: at(8, 10))],
                                       timestamp: at(1, 9)).text(productID: "-//test//EN")
        let names = Set(lines(text).compactMap { $0.split(separator: ":").first?.split(separator: ";").first.map(String.init) })
        #expect(names == ["BEGIN", "END", "VERSION", "PRODID", "METHOD", "UID", "DTSTAMP", "DTSTART", "DTEND", "ORGANIZER", "FREEBUSY"])
        #expect(!text.contains("ATTENDEE") && !text.contains("SUMMARY") && !text.contains("LOCATION"))
    }

    @Test func longLinesAreFoldedAt75Octets() throws {
        let long = CalendarUserAddress(uncheckedURI: "mailto:" + String(repeating: "a", count: 90) + "@example.com")
        let text = FreeBusyPublication(organizer: long, window: window, periods: [], timestamp: at(1, 9)).text(productID: "-//test//EN")
        for line in lines(text) { #expect(line.utf8.count <= 75, "\(line)") }
        #expect(lines(text).contains { $0.hasPrefix(" ") }, "a continuation line starts with a space")
        let top = try Component.parse(text)
        #expect(top.first?.descendants(named: "VFREEBUSY").first?.property("ORGANIZER")?.value == long.uri)
    }

    @Test func anEmptyWeekIsStillAPublicationOfTheWindow() throws {
        let text = FreeBusyPublication(organizer: alice, window: window, periods: [], timestamp: at(1, 9)).text(productID: "-//test//EN")
        #expect(!text.contains("FREEBUSY;"))
        let read = try FreeBusyData.parse(text)
        #expect(read.periods.isEmpty)
        #expect(read.coveredStart == window.start && read.coveredEnd == window.end, "free time is said free only inside the window")
    }
}
