import Testing
import TextUtilities
@testable import ICalendar

@Suite struct UTCInstantTests {
    @Test func civilRoundTripAcrossCenturiesAndLeapDays() throws {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2026, 12, 7), (1900, 3, 1), (2100, 2, 28), (9999, 12, 31), (1, 1, 1)] {
            let i = try #require(UTCInstant(year: y, month: m, day: d, hour: 13, minute: 5, second: 9))
            let c = i.components
            #expect(c.year == y && c.month == m && c.day == d && c.hour == 13 && c.minute == 5 && c.second == 9)
        }
        #expect(UTCInstant(year: 1970, month: 1, day: 1)?.secondsSinceEpoch == 0)
        #expect(UTCInstant(year: 2026, month: 12, day: 7, hour: 9)?.secondsSinceEpoch == 1_796_634_000)
    }

    @Test func refusesImpossibleDates() {
        #expect(UTCInstant(year: 2026, month: 2, day: 29) == nil)
        #expect(UTCInstant(year: 2026, month: 13, day: 1) == nil)
        #expect(UTCInstant(year: 0, month: 1, day: 1) == nil)
        #expect(UTCInstant(year: 2026, month: 1, day: 1, hour: 24) == nil)
    }

    @Test func formats() throws {
        let i = try #require(UTCInstant(year: 2026, month: 12, day: 7, hour: 9, minute: 30))
        #expect(i.iCalendarString == "20261207T093000Z")
        #expect(i.iso8601String == "2026-12-07T09:30:00Z")
    }

    /// The byte writer agrees with padding each field, from year 1 to 9999 and
    /// at every hour, minute and second; beyond four-digit years it writes the
    /// year in full.
    @Test func formatsEveryFieldAsPaddingWould() throws {
        func padded(_ i: UTCInstant, _ d: String, _ t: String) -> String {
            let c = i.components
            return c.year.zeroPadded(to: 4) + d + c.month.zeroPadded(to: 2) + d + c.day.zeroPadded(to: 2) + "T"
                + c.hour.zeroPadded(to: 2) + t + c.minute.zeroPadded(to: 2) + t + c.second.zeroPadded(to: 2) + "Z"
        }
        let first = try #require(UTCInstant(year: 1, month: 1, day: 1)).secondsSinceEpoch
        let last = try #require(UTCInstant(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)).secondsSinceEpoch
        var seconds = first
        while seconds <= last { // a prime step: every field takes many values
            let i = UTCInstant(secondsSinceEpoch: seconds)
            #expect(i.iCalendarString == padded(i, "", ""))
            #expect(i.iso8601String == padded(i, "-", ":"))
            seconds += 7_919_993
        }
        for s in [first, last, 0, -1, 86_399] {
            let i = UTCInstant(secondsSinceEpoch: s)
            #expect(i.iso8601String == padded(i, "-", ":") && i.iCalendarString == padded(i, "", ""))
        }
        let far = UTCInstant(secondsSinceEpoch: last + 86_400 * 400)
        #expect(far.components.year > 9999 && far.iso8601String.hasPrefix("\(far.components.year)-"), "\(far.iso8601String)")
        #expect(far.iCalendarString == padded(far, "", ""))
    }

    @Test func parsesUTCDateTime() throws {
        let i = try UTCInstant.parseICalendarUTC("20261207T093015Z")
        #expect(i.iso8601String == "2026-12-07T09:30:15Z")
        #expect(throws: ICalendarError.dateTimeNotUTC("20261207T093015")) { try UTCInstant.parseICalendarUTC("20261207T093015") }
        #expect(throws: ICalendarError.invalidDateTime("20261307T093015Z")) { try UTCInstant.parseICalendarUTC("20261307T093015Z") }
        #expect(throws: ICalendarError.invalidDateTime("2026-12-07")) { try UTCInstant.parseICalendarUTC("2026-12-07") }
        #expect(throws: ICalendarError.invalidDateTime("2026120XT093015Z")) { try UTCInstant.parseICalendarUTC("2026120XT093015Z") }
        #expect(try UTCInstant.parseICalendarDate("20261210").iso8601String == "2026-12-10T00:00:00Z")
    }
}

@Suite struct DurationAndPeriodTests {
    @Test(arguments: [("PT1H", 3600), ("P1D", 86_400), ("P1DT2H30M", 95_400), ("P2W", 1_209_600),
                      ("-PT15M", -900), ("+PT0S", 0), ("PT1H30M15S", 5415), ("pt5m", 300)])
    func parsesDurations(text: String, seconds: Int) throws {
        #expect(try ICalDuration.parse(text).seconds == Int64(seconds))
    }

    @Test(arguments: ["P", "PT", "P1H", "PT1D", "1H", "P1D2W", "PT1M1H", "P99999999999D", "", "P1.5D", "PT1HX"])
    func refusesBadDurations(text: String) {
        #expect(throws: ICalendarError.self) { try ICalDuration.parse(text) }
    }

    @Test func parsesBothPeriodForms() throws {
        let explicit = try ICalPeriod.parseUTC("20261207T090000Z/20261207T100000Z")
        let withDuration = try ICalPeriod.parseUTC("20261207T090000Z/PT1H")
        #expect(explicit == withDuration)
        #expect(explicit.end.iso8601String == "2026-12-07T10:00:00Z")
        let allDay = try ICalPeriod.parseUTC("20261210T000000Z/P1D")
        #expect(allDay.end.iso8601String == "2026-12-11T00:00:00Z")
    }

    @Test func refusesBrokenPeriods() {
        #expect(throws: ICalendarError.invalidPeriod("20261207T100000Z/20261207T090000Z")) {
            try ICalPeriod.parseUTC("20261207T100000Z/20261207T090000Z")
        }
        #expect(throws: ICalendarError.invalidPeriod("20261207T100000Z")) { try ICalPeriod.parseUTC("20261207T100000Z") }
        #expect(throws: ICalendarError.dateTimeNotUTC("20261207T090000")) { try ICalPeriod.parseUTC("20261207T090000/PT1H") }
        #expect(throws: ICalendarError.invalidPeriod("20261207T090000Z/-PT1H")) { try ICalPeriod.parseUTC("20261207T090000Z/-PT1H") }
    }
}

@Suite struct RequestStatusTests {
    @Test func parsesWithAndWithoutText() {
        let a = RequestStatus(parsing: "2.0;Success")
        #expect(a.code == "2.0" && a.text == "Success" && a.isSuccess)
        let b = RequestStatus(parsing: " 3.8 ")
        #expect(b.code == "3.8" && b.text == nil && !b.isSuccess && b.meaning == "No authority")
        let c = RequestStatus(parsing: "3.7;Invalid Calendar User")
        #expect(c.meaning == "Invalid Calendar User")
        let d = RequestStatus(parsing: "garbage")
        #expect(d.code == "?" && !d.isSuccess)
        let e = RequestStatus(parsing: "")
        #expect(e.code == "?" && !e.isSuccess)
        let f = RequestStatus(parsing: "5.1;Service unavailable;extra")
        #expect(f.code == "5.1" && f.text == "Service unavailable")
    }
}
