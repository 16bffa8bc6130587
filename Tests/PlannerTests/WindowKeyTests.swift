import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

@Suite struct WindowKeyTests {
    @Test func aWindowsSpanFollowsTheZonesDays() throws {
        let week = WindowKey(start: at(7, 0), days: 7)
        #expect(week.span(in: utc) == TimeSpan(start: at(7, 0), end: at(14, 0)))
        // Europe/Berlin leaves summer time on 2026-10-25: that local day has 25 hours.
        let berlin = try #require(DisplayZone.named("Europe/Berlin"))
        let sunday = try #require(UTCInstant(year: 2026, month: 10, day: 24, hour: 22))
        let longDay = try #require(WindowKey(start: sunday, days: 1).span(in: berlin))
        #expect(longDay.seconds == 25 * 3600)
        #expect(WindowKey(start: at(7, 0), days: 0).span(in: utc) == nil)
    }
}
