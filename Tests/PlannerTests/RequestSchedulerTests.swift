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

    @Test func leavingAWindowAbandonsItsRequestAndStartsTheNewOneAtOnce() {
        var s = RequestScheduler()
        s.want(week(0), [bob])
        let first = s.schedule(focus: week(0)).start!
        s.want(week(1), [bob])
        let d = s.schedule(focus: week(1))
        #expect(d.abandoned == first)
        #expect(!s.accepts(first.id), "an abandoned request's answers are ignored")
        #expect(s.schedule(focus: week(1)).abandoned == nil, "abandoned once")
        // The week just left does not hold up the one now on screen.
        let second = try! #require(d.start)
        #expect(second.window == week(1) && s.accepts(second.id) && second.id != first.id)
        s.finished(first.id)
        #expect(s.abandoned.isEmpty && s.inFlight == second)
    }

    @Test func abandonedRequestsStillRunningHoldBackTheNextOne() {
        var s = RequestScheduler(maxAbandoned: 2)
        var started: [RequestScheduler.Request] = []
        for n in 0..<3 {
            s.want(week(n), [bob])
            if let r = s.schedule(focus: week(n)).start { started.append(r) }
        }
        #expect(started.map(\.window) == [week(0), week(1), week(2)])
        #expect(s.abandoned == [started[0].id, started[1].id])
        // A slow server has two abandoned requests and the live one: the next waits.
        s.want(week(3), [bob])
        let d = s.schedule(focus: week(3))
        #expect(d.abandoned == started[2] && d.start == nil)
        #expect(s.waiting == [week(3)])
        s.finished(started[0].id)
        #expect(s.schedule(focus: week(3)).start?.window == week(3))
        // With none allowed, every request waits for the one before it to end.
        var strict = RequestScheduler(maxAbandoned: 0)
        strict.want(week(0), [bob])
        let first = strict.schedule(focus: week(0)).start!
        strict.want(week(1), [bob])
        #expect(strict.schedule(focus: week(1)).start == nil)
        strict.finished(first.id)
        #expect(strict.schedule(focus: week(1)).start?.window == week(1))
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
        let again = s.schedule(focus: week(0)).start
        #expect(again?.window == week(0) && again?.id != first.id)
        s.finished(first.id)
        #expect(again.map { s.accepts($0.id) } == true)
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
