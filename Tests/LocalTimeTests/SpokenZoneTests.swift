import Testing
import ICalendar
import LocalTime

/// The zone and day as the planner's sentences and pasted free time say them.
@Suite struct SpokenZoneTests {
    @Test func aPlaceNameStaysTrueAcrossDST() throws {
        let berlin = try #require(DisplayZone.named("Europe/Berlin"))
        // CET in December, CEST in July: the place name is the same for both.
        #expect(berlin.spokenName(at: UTCInstant(year: 2026, month: 12, day: 7, hour: 9)!) == "Berlin time")
        #expect(berlin.spokenName(at: UTCInstant(year: 2026, month: 7, day: 7, hour: 9)!) == "Berlin time")
        #expect(berlin.abbreviation(at: UTCInstant(year: 2026, month: 7, day: 7, hour: 9)!) == "CEST")
    }

    @Test func underscoresAndDeeperNames() throws {
        let instant = UTCInstant(year: 2026, month: 12, day: 7, hour: 9)!
        #expect(try #require(DisplayZone.named("America/New_York")).spokenName(at: instant) == "New York time")
        #expect(try #require(DisplayZone.named("America/Argentina/Buenos_Aires")).spokenName(at: instant) == "Buenos Aires time")
    }

    @Test func zonesWithoutAPlace() throws {
        let instant = UTCInstant(year: 2026, month: 12, day: 7, hour: 9)!
        #expect(try #require(DisplayZone.named("UTC")).spokenName(at: instant) == "UTC")
        #expect(try #require(DisplayZone.named("Etc/UTC")).spokenName(at: instant) == "UTC")
        // Etc/GMT+5 is five hours behind: named by its offset, not by its misleading name.
        #expect(try #require(DisplayZone.named("Etc/GMT+5")).spokenName(at: instant) == "UTC-0500")
        // A POSIX TZ string has no place either: its abbreviation in force.
        #expect(try #require(DisplayZone.named("EST5EDT,M3.2.0,M11.1.0")).spokenName(at: instant) == "EST")
    }

    @Test func daysInWords() throws {
        let berlin = try #require(DisplayZone.named("Europe/Berlin"))
        #expect(berlin.spokenDay(UTCInstant(year: 2026, month: 12, day: 7, hour: 9)!) == "Monday 7 December")
        // 23:30 UTC on Sunday is already Monday in Berlin.
        #expect(berlin.spokenDay(UTCInstant(year: 2026, month: 3, day: 29, hour: 23, minute: 30)!) == "Monday 30 March")
    }
}
