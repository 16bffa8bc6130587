import Testing
import FreeBusy
import ICalendar
import CalDAVClient

@Suite struct AvailabilityVerdictTests {
    static func hr(_ hour: Int) -> UTCInstant { UTCInstant(year: 2027, month: 3, day: 1, hour: 0)!.adding(seconds: Int64(hour) * 3600) }
    func p(_ a: Int, _ b: Int, _ t: BusyType = .busyUnavailable) -> BusyPeriod { BusyPeriod(start: Self.hr(a), end: Self.hr(b), type: t) }
    // Working 9-17 on the first day of a two-day window.
    var expected: [BusyPeriod] { [p(0, 9), p(17, 48)] }

    @Test func theUnavailableTimeIsThere() {
        #expect(AvailabilityVerdict.judge(expected: expected, answered: [p(0, 9), p(17, 48)]) == .applied)
    }

    @Test func ownEventsOverTheUnavailableTimeStillCount() {
        // A meeting at 18-20 shows as BUSY where the hours would give BUSY-UNAVAILABLE.
        let answered = [p(0, 9), p(17, 18), p(18, 20, .busy), p(20, 48), p(10, 11, .busy)]
        #expect(AvailabilityVerdict.judge(expected: expected, answered: answered) == .applied)
    }

    @Test func noneOfItIsStoredOnly() {
        #expect(AvailabilityVerdict.judge(expected: expected, answered: [p(10, 11, .busy), p(20, 21, .busy)]) == .storedOnly)
        #expect(AvailabilityVerdict.judge(expected: expected, answered: []) == .storedOnly)
    }

    @Test func partOfItDiffers() {
        #expect(AvailabilityVerdict.judge(expected: expected, answered: [p(0, 9)]) == .differs(expected: 40 * 3600, covered: 9 * 3600))
    }

    @Test func nothingExpectedCannotBeJudged() {
        guard case .unknown = AvailabilityVerdict.judge(expected: [], answered: [p(0, 9)]) else {
            Issue.record("judged an empty expectation")
            return
        }
    }
}
