import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

@Suite struct RequestSchedulerTests {
    let bob = CalendarUserAddress(uncheckedURI: "mailto:bob@example.com")
    let carol = CalendarUserAddress(uncheckedURI: "mailto:carol@example.com")
    func week(_ n: Int) -> WindowKey { WindowKey(start: at(7, 0).adding(seconds: Int64(n) * 7 * 86_400), days: 7) }

    @Test func nothingStartsUntilScheduledThenOneRequest() {
        var s = RequestScheduler()
        s.want(week(0), [bob])
        #expect(s.inFlight == nil)
        let d = s.schedule(focus: week(0))
        #expect(d.start?.window == week(0) && d.start?.attendees == [bob] && d.start?.fresh == false)
        #expect(d.abandoned == nil && d.dropped.isEmpty)
        #expect(s.accepts(d.start!.id))
        // Nothing more wanted: nothing more starts.
        #expect(s.schedule(focus: week(0)).start == nil)
    }

    @Test func aFloodOfPagesStartsOnlyTheWindowLandedOn() {
        var s = RequestScheduler()
        for n in 1...500 { s.want(week(n), [bob, carol]) }
        let d = s.schedule(focus: week(500))
        #expect(d.start?.window == week(500))
        #expect(d.dropped.count == 499)
        #expect(s.waiting.isEmpty)
    }

    @Test func leavingAWindowAbandonsItsRequestAndWaitsForItsTaskToEnd() {
        var s = RequestScheduler()
        s.want(week(0), [bob])
        let first = s.schedule(focus: week(0)).start!
        s.want(week(1), [bob])
        let d = s.schedule(focus: week(1))
        #expect(d.abandoned == first)
        #expect(!s.accepts(first.id), "an abandoned request's answers are ignored")
        // At most one request at a time: the next waits for the abandoned task to end.
        #expect(d.start == nil)
        #expect(s.schedule(focus: week(1)).abandoned == nil, "abandoned once")
        s.finished(first.id)
        let next = s.schedule(focus: week(1)).start
        #expect(next?.window == week(1))
        #expect(next.map { s.accepts($0.id) } == true)
        #expect(next?.id != first.id)
    }

    @Test func wishesForTheSameWindowAreCoalesced() {
        var s = RequestScheduler()
        s.want(week(0), [bob])
        let first = s.schedule(focus: week(0)).start!
        // 250 × r and an added attendee while the first request runs: one request follows.
        for _ in 0..<250 { s.want(week(0), [bob], fresh: true) }
        s.want(week(0), [carol])
        #expect(s.schedule(focus: week(0)).start == nil)
        s.finished(first.id)
        let next = s.schedule(focus: week(0)).start
        #expect(next?.attendees == [bob, carol] && next?.fresh == true)
        s.finished(next!.id)
        #expect(s.schedule(focus: week(0)).start == nil)
    }

    @Test func aWishTheRequestInFlightCoversIsDropped() {
        var s = RequestScheduler()
        s.want(week(0), [bob, carol], fresh: true)
        let first = s.schedule(focus: week(0)).start!
        s.want(week(0), [carol])
        s.want(week(0), [bob], fresh: true)
        #expect(s.schedule(focus: week(0)).start == nil)
        #expect(s.waiting.isEmpty)
        s.finished(first.id)
        #expect(s.schedule(focus: week(0)).start == nil)
        // A fresh wish is not covered by a request that may answer from the cache.
        s.want(week(0), [bob])
        let cached = s.schedule(focus: week(0)).start!
        s.want(week(0), [bob], fresh: true)
        #expect(s.waiting == [week(0)])
        s.finished(cached.id)
        #expect(s.schedule(focus: week(0)).start?.fresh == true)
    }

    @Test func comingBackAfterLeavingAsksAgain() {
        var s = RequestScheduler()
        s.want(week(0), [bob])
        let first = s.schedule(focus: week(0)).start!
        _ = s.schedule(focus: week(1)) // left: abandoned
        s.want(week(0), [bob]) // back again: the abandoned request no longer counts
        #expect(s.waiting == [week(0)])
        s.finished(first.id)
        #expect(s.schedule(focus: week(0)).start?.window == week(0))
    }

    @Test func finishedForAnUnknownRequestChangesNothing() {
        var s = RequestScheduler()
        s.want(week(0), [bob])
        let first = s.schedule(focus: week(0)).start!
        s.finished(first.id + 41)
        #expect(s.inFlight == first && s.accepts(first.id))
    }

    /// The state side: an abandoned window is no longer "asking", so coming back queries again.
    @Test func theStateForgetsAnAbandonedRequest() {
        var state = sampleState()
        let layout = PlannerLayout(width: 100, height: 24)
        let first = state.window
        _ = state.handle(.char("L"), zone: utc, now: now, layout: layout)
        let second = state.window
        state.receive(.started(second, at: now))
        _ = state.handle(.char("L"), zone: utc, now: now, layout: layout)
        state.receive(.abandoned(second))
        #expect(state.requests[second] == nil)
        _ = state.handle(.char("H"), zone: utc, now: now, layout: layout)
        #expect(state.window == second)
        let effects = state.handle(.char("L"), zone: utc, now: now, layout: layout) + state.handle(.char("H"), zone: utc, now: now, layout: layout)
        #expect(effects.contains(.query(second, state.attendees.map(\.address))))
        #expect(first != second)
    }
}
