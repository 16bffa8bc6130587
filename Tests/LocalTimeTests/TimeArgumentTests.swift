import Testing
import ICalendar
import FreeBusy
import LocalTime
@testable import AvailCommands

@Suite struct TimeArgumentTests {
    let berlin = DisplayZone.named("Europe/Berlin")!
    let now = UTCInstant(year: 2026, month: 11, day: 25, hour: 10)!

    @Test func datesAndDatetimes() throws {
        #expect(TimeArgument.parse("2026-12-07", now: now, zone: berlin) == .date(year: 2026, month: 12, day: 7))
        #expect(TimeArgument.parse("2026-12-07T09:00:00Z", now: now, zone: berlin)?.start(in: berlin)?.iso8601String == "2026-12-07T09:00:00Z")
        #expect(TimeArgument.parse("2026-12-07T09:00", now: now, zone: berlin)?.start(in: berlin)?.iso8601String == "2026-12-07T08:00:00Z")
        #expect(TimeArgument.parse("2026-12-07 09:00+05:30", now: now, zone: berlin)?.start(in: berlin)?.iso8601String == "2026-12-07T03:30:00Z")
        #expect(TimeArgument.parse("2026-12-07T09:00-0500", now: now, zone: berlin)?.start(in: berlin)?.iso8601String == "2026-12-07T14:00:00Z")
        #expect(TimeArgument.parse("today", now: now, zone: berlin) == .date(year: 2026, month: 11, day: 25))
        #expect(TimeArgument.parse("tomorrow", now: now, zone: berlin) == .date(year: 2026, month: 11, day: 26))
    }

    @Test(arguments: ["2026-02-30", "2026-12-7", "12/07/2026", "2026-12-07T25:00", "2026-12-07T09", "2026-12-07T09:00+99", "next week", ""])
    func refuses(text: String) {
        #expect(TimeArgument.parse(text, now: now, zone: berlin) == nil)
    }

    @Test func aDateAsTheEndIncludesTheWholeDay() throws {
        let w = try WindowOptions.window(from: "2026-12-07", to: "2026-12-11", days: nil, now: now, zone: berlin)
        #expect(w.start.iso8601String == "2026-12-06T23:00:00Z")
        #expect(w.end.iso8601String == "2026-12-11T23:00:00Z")
    }

    @Test func defaultWindowIsTodayForSevenDays() throws {
        let w = try WindowOptions.window(from: nil, to: nil, days: nil, now: now, zone: berlin)
        #expect(w.start.iso8601String == "2026-11-24T23:00:00Z")
        #expect(w.end.iso8601String == "2026-12-01T23:00:00Z")
    }

    @Test func daysAcrossTheDSTChangeAreCalendarDays() throws {
        // 2026-03-29 is the European spring change: that local day has 23 hours.
        let w = try WindowOptions.window(from: "2026-03-28", to: nil, days: 2, now: now, zone: berlin)
        #expect(w.start.iso8601String == "2026-03-27T23:00:00Z")
        #expect(w.end.iso8601String == "2026-03-29T22:00:00Z")
        #expect(w.seconds == 47 * 3600)
    }

    @Test func backwardsWindowIsAUsageError() {
        #expect(throws: CommandFailure.self) { try WindowOptions.window(from: "2026-12-07", to: "2026-12-06T10:00", days: nil, now: now, zone: berlin) }
        #expect(throws: CommandFailure.self) { try WindowOptions.window(from: "soon", to: nil, days: nil, now: now, zone: berlin) }
    }

    @Test func displayFormatting() throws {
        let i = try #require(UTCInstant(year: 2026, month: 12, day: 7, hour: 9))
        #expect(berlin.format(i) == "Mon 2026-12-07 10:00")
        #expect(DisplayZone.named("America/New_York")!.format(i) == "Mon 2026-12-07 04:00")
        #expect(DisplayZone.named("Not/AZone") == nil)
    }
}
