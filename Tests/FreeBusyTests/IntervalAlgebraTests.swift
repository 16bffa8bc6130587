import Testing
import TextUtilities
import ICalendar
@testable import FreeBusy

func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> UTCInstant {
    UTCInstant(year: 2026, month: 12, day: day, hour: hour, minute: minute)!
}

let week = TimeWindow(start: at(7, 0), end: at(12, 0))!

@Suite struct IntervalAlgebraTests {
    @Test func mergesOverlappingAndTouchingPeriodsOfOneType() {
        let periods = [
            BusyPeriod(start: at(11, 10, 30), end: at(11, 11, 30)),
            BusyPeriod(start: at(11, 10), end: at(11, 11)),
            BusyPeriod(start: at(11, 11, 30), end: at(11, 12)), // touches
            BusyPeriod(start: at(8, 9), end: at(8, 10)),
        ]
        #expect(periods.normalized(within: week) == [
            BusyPeriod(start: at(8, 9), end: at(8, 10)),
            BusyPeriod(start: at(11, 10), end: at(11, 12)),
        ])
    }

    @Test func keepsDifferentTypesApart() {
        let periods = [
            BusyPeriod(start: at(7, 9), end: at(7, 11), type: .busyTentative),
            BusyPeriod(start: at(7, 10), end: at(7, 12), type: .busy),
        ]
        let n = periods.normalized(within: week)
        #expect(n.count == 2)
        #expect(n.strongestType(in: TimeSpan(start: at(7, 10), end: at(7, 10, 30))!) == .busy)
        #expect(n.strongestType(in: TimeSpan(start: at(7, 9), end: at(7, 9, 30))!) == .busyTentative)
        #expect(n.strongestType(in: TimeSpan(start: at(7, 13), end: at(7, 14))!) == nil)
    }

    /// Found by fuzz-cache: BUSY and an unknown FBTYPE over the same time came
    /// out in either order, so a cache entry did not read back equal.
    @Test func theOrderIsTotalWhateverTheInputOrder() {
        let a = BusyPeriod(start: at(7, 9), end: at(7, 10), type: .busy)
        let b = BusyPeriod(start: at(7, 9), end: at(7, 10), type: .other("USY"))
        let c = BusyPeriod(start: at(7, 9), end: at(7, 10), type: .other("X-OOF"))
        let expected = [a, b, c].normalized(within: week)
        for input in [[b, a, c], [c, b, a], [a, c, b], [b, c, a], [c, a, b]] {
            #expect(input.normalized(within: week) == expected)
        }
        #expect(expected.map(\.type.name) == ["BUSY", "USY", "X-OOF"])
    }

    @Test func clipsToTheWindowAndDropsWhatIsOutside() {
        let periods = [
            BusyPeriod(start: at(6, 22), end: at(7, 1)),  // straddles the start
            BusyPeriod(start: at(11, 23), end: at(12, 2)), // straddles the end
            BusyPeriod(start: at(5, 9), end: at(5, 10)),  // before
        ]
        #expect(periods.normalized(within: week) == [
            BusyPeriod(start: at(7, 0), end: at(7, 1)),
            BusyPeriod(start: at(11, 23), end: at(12, 0)),
        ])
    }

    @Test func busySpansIgnoreType() {
        let periods = [
            BusyPeriod(start: at(7, 9), end: at(7, 10), type: .busyTentative),
            BusyPeriod(start: at(7, 9, 30), end: at(7, 11), type: .busyUnavailable),
            BusyPeriod(start: at(7, 13), end: at(7, 14)),
        ]
        let spans = periods.busySpans()
        #expect(spans.count == 2)
        #expect(spans[0].start == at(7, 9) && spans[0].end == at(7, 11))
    }

    @Test func fbtypes() {
        #expect(BusyType(fbtype: nil) == .busy)
        #expect(BusyType(fbtype: "busy-tentative") == .busyTentative)
        #expect(BusyType(fbtype: "BUSY-UNAVAILABLE") == .busyUnavailable)
        #expect(BusyType(fbtype: "FREE") == nil)
        #expect(BusyType(fbtype: "X-OOO") == .other("X-OOO"))
        #expect(BusyType.other("X").strength == BusyType.busy.strength)
    }
}

@Suite struct FreeBusyDataTests {
    /// The byte-level splitting (the fast path for big answers) reads what the
    /// Character-level one did: blanks around commas, both PERIOD forms, an
    /// empty piece, and a bad period failing the whole answer.
    @Test func periodListsOnTheFastPath() throws {
        let text = "BEGIN:VFREEBUSY\r\nFREEBUSY: 20261207T090000Z/20261207T100000Z ,\t20261208T100000Z/PT30M,,20261209T000000Z/P1D \r\nEND:VFREEBUSY\r\n"
        let data = try FreeBusyData.parse(text)
        #expect(data.periods == [
            BusyPeriod(start: at(7, 9), end: at(7, 10)),
            BusyPeriod(start: at(8, 10), end: at(8, 10, 30)),
            BusyPeriod(start: at(9, 0), end: at(10, 0)),
        ])
        #expect(throws: ICalendarError.self) {
            try FreeBusyData.parse("BEGIN:VFREEBUSY\r\nFREEBUSY:20261207T090000Z/20261207T100000Z,20261207T100000Z/20261207T090000Z\r\nEND:VFREEBUSY\r\n")
        }
        #expect(throws: ICalendarError.self) {
            try FreeBusyData.parse("BEGIN:VFREEBUSY\r\nFREEBUSY:20261207T090000/20261207T100000Z\r\nEND:VFREEBUSY\r\n")
        }
    }

    @Test func trimmingKeepsUnicodeRules() {
        #expect("  a b \r\n".trimmingWhitespace == "a b")
        #expect("\u{3000}名前\u{00A0}".trimmingWhitespace == "名前")
        #expect(" é ".trimmingWhitespace == "é")
        #expect("\r\n\t ".trimmingWhitespace == "")
        #expect("x".trimmingWhitespace == "x")
        #expect(Substring(" ab ").dropFirst().trimmingWhitespace == "ab")
    }

    let davical = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VFREEBUSY\r\nDTSTART:20261207T000000Z\r\nDTEND:20261212T000000Z\r\nORGANIZER;CN=Smith, Alice:mailto:alice@example.com\r\nFREEBUSY:20261206T220000Z/20261207T010000Z\r\nFREEBUSY:20261211T100000Z/20261211T110000Z\r\nFREEBUSY:20261211T103000Z/20261211T113000Z\r\nFREEBUSY;FBTYPE=BUSY-TENTATIVE:20261207T110000Z/20261207T120000Z\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n"

    @Test func readsDAViCalStyleUnmergedUnclipped() throws {
        let data = try FreeBusyData.parse(davical)
        #expect(data.periods.count == 4)
        #expect(data.coveredStart == at(7, 0) && data.coveredEnd == at(12, 0))
        #expect(data.periods.normalized(within: week) == [
            BusyPeriod(start: at(7, 0), end: at(7, 1)),
            BusyPeriod(start: at(7, 11), end: at(7, 12), type: .busyTentative),
            BusyPeriod(start: at(11, 10), end: at(11, 11, 30)),
        ])
    }

    @Test func readsSeveralPeriodsPerLineFoldedAndDurations() throws {
        let text = "BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nFREEBUSY;FBTYPE=BUSY:20261207T090000Z/20261207T100000Z,20261208T140000Z/20261\n 208T150000Z\nFREEBUSY:20261210T000000Z/P1D\nFREEBUSY;FBTYPE=FREE:20261209T000000Z/P1D\nFREEBUSY;FBTYPE=X-OOO:20261209T120000Z/PT1H\nEND:VFREEBUSY\nEND:VCALENDAR\n"
        let periods = try FreeBusyData.parse(text).periods
        #expect(periods == [
            BusyPeriod(start: at(7, 9), end: at(7, 10)),
            BusyPeriod(start: at(8, 14), end: at(8, 15)),
            BusyPeriod(start: at(10, 0), end: at(11, 0)),
            BusyPeriod(start: at(9, 12), end: at(9, 13), type: .other("X-OOO")),
        ])
    }

    @Test func anyBadPeriodMakesTheAnswerUnreadable() {
        let bad = "BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nFREEBUSY:20261207T090000Z/20261207T100000Z,garbage\nEND:VFREEBUSY\nEND:VCALENDAR\n"
        #expect(throws: ICalendarError.invalidPeriod("garbage")) { try FreeBusyData.parse(bad) }
        let local = "BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nFREEBUSY:20261207T090000/PT1H\nEND:VFREEBUSY\nEND:VCALENDAR\n"
        #expect(throws: ICalendarError.dateTimeNotUTC("20261207T090000")) { try FreeBusyData.parse(local) }
        #expect(throws: ICalendarError.missingComponent("VFREEBUSY")) { try FreeBusyData.parse("BEGIN:VCALENDAR\nEND:VCALENDAR\n") }
        #expect(throws: ICalendarError.self) { try FreeBusyData.parse("<html>oops</html>") }
    }

    @Test func aVFreeBusyWithNoPeriodsIsFree() throws {
        let data = try FreeBusyData.parse("BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nUID:x\nEND:VFREEBUSY\nEND:VCALENDAR\n")
        #expect(data.periods.isEmpty)
    }
}
