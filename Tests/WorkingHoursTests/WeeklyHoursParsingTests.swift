import Testing
import WorkingHours

@Suite struct WeeklyHoursParsingTests {
    static func range(_ a: String, _ b: String) -> DailyRange {
        DailyRange(start: TimeOfDay(text: a)!, end: TimeOfDay(text: b)!)!
    }

    @Test func officeWeek() throws {
        let h = try WeeklyHours.parse("mon-fri 09:00-17:00")
        for d in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] { #expect(h[d] == [Self.range("09:00", "17:00")]) }
        #expect(h[.saturday].isEmpty && h[.sunday].isEmpty)
        #expect(h.description == "mon-fri 09:00-17:00")
    }

    @Test func severalRangesAndGroups() throws {
        let h = try WeeklyHours.parse("mon-thu 09:00-12:00,13:00-17:00 fri 09:00-13:00")
        #expect(h[.wednesday] == [Self.range("09:00", "12:00"), Self.range("13:00", "17:00")])
        #expect(h[.friday] == [Self.range("09:00", "13:00")])
        #expect(h.description == "mon-thu 09:00-12:00,13:00-17:00 fri 09:00-13:00")
    }

    @Test func listsSpacesCaseAndDaysOff() throws {
        let h = try WeeklyHours.parse("  MON,Wed, friday 8:30-16:30, 17:00-18:00   tue off\n")
        #expect(h[.monday] == [Self.range("08:30", "16:30"), Self.range("17:00", "18:00")])
        #expect(h[.tuesday].isEmpty)
        #expect(h.workingDays == [.monday, .wednesday, .friday])
        #expect(h.description == "mon,wed,fri 08:30-16:30,17:00-18:00")
    }

    @Test func spansWrapPastSundayAndRunToMidnight() throws {
        let h = try WeeklyHours.parse("fri-mon 22:00-24:00 tu 00:00-02:00")
        #expect(h.workingDays == [.monday, .tuesday, .friday, .saturday, .sunday])
        #expect(h[.sunday] == [Self.range("22:00", "24:00")])
        #expect(h.description == "mon,fri-sun 22:00-24:00 tue 00:00-02:00")
        // The canonical spelling reads back as the same hours.
        #expect(try WeeklyHours.parse(h.description) == h)
    }

    @Test func touchingRangesJoin() throws {
        #expect(try WeeklyHours.parse("mon 09:00-12:00,12:00-13:00")[.monday] == [Self.range("09:00", "13:00")])
    }

    @Test(arguments: [
        ("", WorkingHoursError.empty),
        ("frx 09:00-17:00", .notADay("frx")),
        ("mon-frx 09:00-17:00", .notADay("mon-frx")),
        ("mon-fri 9-17", .notATimeRange("9-17")),
        ("mon 24:30-25:00", .notATimeRange("24:30-25:00")),
        ("mon 09:60-10:00", .notATimeRange("09:60-10:00")),
        ("mon 17:00-09:00", .endsBeforeStart("17:00-09:00")),
        ("mon 09:00-09:00", .endsBeforeStart("09:00-09:00")),
        ("09:00-17:00", .timesWithoutDays("09:00-17:00")),
        ("mon-fri", .daysWithoutTimes("mon-fri")),
        ("mon,tue 09:00-10:00 wed", .daysWithoutTimes("wed")),
        ("mon 09:00-10:00 mon 11:00-12:00", .dayNamedTwice(.monday)),
        ("mon-fri 09:00-17:00 wed off", .dayNamedTwice(.wednesday)),
        ("mon 09:00-12:00,11:00-13:00", .overlapping(.monday, "09:00-12:00 and 11:00-13:00")),
        ("mon off", .noWorkingTime),
        ("off", .notADay("off")),
        ("mon 09:00-10:00 off", .notATimeRange("off")),
    ])
    func badInputIsNamed(input: String, expected: WorkingHoursError) {
        #expect(throws: expected) { try WeeklyHours.parse(input) }
        #expect(!expected.description.contains("\n"))
        #expect(expected.description.hasPrefix("working hours: "))
    }
}
