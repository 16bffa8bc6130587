import Testing
import FreeBusy
import FreeBusyCache
import ICalendar
@testable import Scheduling

@Suite struct CachePolicyTests {
    let fetched = UTCInstant(year: 2026, month: 11, day: 25, hour: 10)!

    func entry(_ status: String, busy: [BusyPeriod]?) -> CacheEntry {
        let w = TimeWindow(start: UTCInstant(year: 2026, month: 12, day: 7)!, end: UTCInstant(year: 2026, month: 12, day: 8)!)!
        return CacheEntry(account: "a", recipient: CalendarUserAddress(uncheckedURI: "mailto:b@example.com"), window: w,
                          fetched: fetched, status: RequestStatus(parsing: status), busy: busy)
    }

    @Test func goodAnswersLiveForTheTTLFailuresForAMinute() {
        let p = CachePolicy() // 5 minutes, failures 1 minute
        let good = entry("2.0", busy: [])
        let bad = entry("3.8", busy: nil)
        // RFC 9111 §4.2: fresh while the age is below the lifetime.
        #expect(p.isFresh(good, now: fetched.adding(seconds: 299)))
        #expect(!p.isFresh(good, now: fetched.adding(seconds: 300)))
        #expect(p.isFresh(bad, now: fetched.adding(seconds: 59)))
        #expect(!p.isFresh(bad, now: fetched.adding(seconds: 60)))
        #expect(p.freshSince(fetched.adding(seconds: 299)) == fetched)
        #expect(p.freshSince(fetched.adding(seconds: 300)) > fetched)
        // A clock that went backwards makes nothing fresh.
        #expect(!p.isFresh(good, now: fetched.adding(seconds: -10)))
        // --max-age 0: not even an answer from the same second is fresh (it was, and
        // a wrong password then went unnoticed behind it).
        var zero = CachePolicy()
        zero.ttl = 0
        #expect(!zero.isFresh(good, now: fetched))
        #expect(!zero.isFresh(good, now: fetched.adding(seconds: 1)))
        #expect(zero.freshSince(fetched) > fetched)
    }
}
