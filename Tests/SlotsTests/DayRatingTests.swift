import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Slots

/// Good / Fair / Poor days for the meeting, worked by hand.
@Suite struct DayRatingTests {
    let bob = addr("bob@example.com")
    let mornings = WorkingHours(startMinute: 9 * 60, endMinute: 12 * 60, weekdays: Set(0..<7))
    var days: [TimeSpan] { [7, 8, 9].map { TimeSpan(start: dec($0, 0), end: dec($0 + 1, 0))! } }

    func query(_ busy: [BusyPeriod]?) -> SlotQuery {
        SlotQuery(window: TimeWindow(start: dec(7, 0), end: dec(10, 0))!, duration: 3600, step: 3600, hours: mornings, zone: utc,
                  required: [Participant(address: bob, busy: busy)], ignoreUnknown: true)
    }

    /// Three one-hour candidates a morning. Monday bob is busy 09–11 (1 of 3
    /// works: Fair), Tuesday free (3 of 3: Good), Wednesday busy all morning (Poor).
    @Test func byHowManyTimesWork() {
        let busy = [BusyPeriod(start: dec(7, 9), end: dec(7, 11)), BusyPeriod(start: dec(9, 9), end: dec(9, 12))]
        #expect(DayRating.rate(query(busy), days: days) == [.fair, .good, .poor])
    }

    @Test func thresholds() {
        #expect(DayRating(working: 2, candidates: 4) == .good)
        #expect(DayRating(working: 1, candidates: 4) == .fair)
        #expect(DayRating(working: 0, candidates: 4) == .poor)
        #expect(DayRating(working: 0, candidates: 0) == nil)
    }

    /// Nobody required known: nothing to rate, not "Poor".
    @Test func unknownPeopleAreNotRated() {
        #expect(DayRating.rate(query(nil), days: days) == [nil, nil, nil])
    }
}
