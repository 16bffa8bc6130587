import Testing
import ICalendar
@testable import FreeBusy

@Suite struct TimeSpanTests {
    func span(_ day: Int, _ h1: Int, _ h2: Int) -> TimeSpan { TimeSpan(start: at(day, h1), end: at(day, h2))! }

    @Test func emptyAndInvertedSpansDoNotExist() {
        #expect(TimeSpan(start: at(7, 9), end: at(7, 9)) == nil)
        #expect(TimeSpan(start: at(7, 10), end: at(7, 9)) == nil)
        #expect(span(7, 9, 10).seconds == 3600)
        #expect(span(7, 9, 10).description == "2026-12-07T09:00:00Z/2026-12-07T10:00:00Z")
    }

    @Test func overlapIsHalfOpen() {
        #expect(span(7, 9, 11).overlaps(span(7, 10, 12)))
        #expect(span(7, 10, 12).overlaps(span(7, 9, 11)))
        #expect(span(7, 9, 12).overlaps(span(7, 10, 11)))
        // Adjacent spans share no time.
        #expect(!span(7, 9, 10).overlaps(span(7, 10, 11)))
        #expect(!span(7, 10, 11).overlaps(span(7, 9, 10)))
        #expect(!span(7, 9, 10).overlaps(span(8, 9, 10)))
    }

    @Test func containment() {
        #expect(span(7, 9, 12).contains(span(7, 9, 12)))
        #expect(span(7, 9, 12).contains(span(7, 10, 11)))
        #expect(!span(7, 9, 12).contains(span(7, 11, 13)))
    }

    @Test func clipKeepsTheSharedPartOrNothing() {
        #expect(span(7, 8, 12).clipped(to: span(7, 10, 14)) == span(7, 10, 12))
        #expect(span(7, 10, 11).clipped(to: span(7, 8, 14)) == span(7, 10, 11))
        #expect(span(7, 8, 10).clipped(to: span(7, 10, 14)) == nil) // adjacent: nothing left
        #expect(span(7, 8, 9).clipped(to: span(7, 10, 14)) == nil)
    }

    @Test func unionMergesOverlappingAndTouchingSpans() {
        #expect([TimeSpan]().union().isEmpty)
        #expect([span(7, 13, 14), span(7, 9, 10), span(7, 10, 11), span(7, 9, 9 + 1)].union() == [span(7, 9, 11), span(7, 13, 14)])
        #expect([span(7, 9, 17), span(7, 10, 11)].union() == [span(7, 9, 17)])
        #expect([span(8, 9, 10), span(7, 9, 10)].union() == [span(7, 9, 10), span(8, 9, 10)])
    }

    @Test func subtractLeavesTheGapsInOrder() {
        #expect(span(7, 8, 18).subtracting([]) == [span(7, 8, 18)])
        #expect(span(7, 8, 18).subtracting([span(7, 12, 13), span(7, 9, 10), span(7, 9, 11)]) == [span(7, 8, 9), span(7, 11, 12), span(7, 13, 18)])
        #expect(span(7, 8, 18).subtracting([span(7, 6, 9), span(7, 17, 20)]) == [span(7, 9, 17)])
        #expect(span(7, 8, 18).subtracting([span(7, 6, 20)]).isEmpty)
        // Adjacent spans take nothing away.
        #expect(span(7, 8, 18).subtracting([span(7, 6, 8), span(7, 18, 20), span(8, 8, 9)]) == [span(7, 8, 18)])
    }

    @Test func unionPerBusyTypeKeepsTypesApart() {
        let periods = [
            BusyPeriod(span: span(7, 9, 10), type: .busyTentative),
            BusyPeriod(span: span(7, 10, 11), type: .busyTentative), // touches: merged
            BusyPeriod(span: span(7, 9, 12), type: .busy),            // overlaps, other type: kept apart
            BusyPeriod(span: span(7, 11, 13), type: .other("X-OOO")),
        ]
        #expect(periods.normalized(within: week) == [
            BusyPeriod(span: span(7, 9, 11), type: .busyTentative),
            BusyPeriod(span: span(7, 9, 12), type: .busy),
            BusyPeriod(span: span(7, 11, 13), type: .other("X-OOO")),
        ])
        #expect(periods.busySpans() == [span(7, 9, 13)])
        #expect(periods.anyOverlaps(span(7, 12, 14)))
        #expect(!periods.anyOverlaps(span(7, 13, 14)))
    }

    @Test func clippingANormalisedListKeepsItNormalised() {
        let n = [
            BusyPeriod(span: span(7, 8, 10), type: .busy),
            BusyPeriod(span: span(7, 9, 9 + 1), type: .busyTentative),
            BusyPeriod(span: span(7, 14, 15), type: .busy),
        ].normalized(within: week)
        let narrowed = n.clipped(to: span(7, 9, 12))
        #expect(narrowed == [BusyPeriod(span: span(7, 9, 10), type: .busyTentative), BusyPeriod(span: span(7, 9, 10), type: .busy)]
            .normalized(within: week))
        #expect(narrowed == narrowed.normalized(within: week))
    }

    @Test func zeroLengthPeriodsAreDroppedWhereTheAnswerIsRead() throws {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\nFREEBUSY:20261207T090000Z/20261207T090000Z,20261207T100000Z/PT1H\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n"
        let data = try FreeBusyData.parse(text)
        #expect(data.periods == [BusyPeriod(span: span(7, 10, 11))])
    }
}
