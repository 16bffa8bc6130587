import Foundation
import Testing
import ICalendar
@testable import LocalTime

/// avail reads the system's zoneinfo itself (no ICU at run time); Foundation's
/// TimeZone, which the tests may use, is the reference it must agree with.
@Suite struct ZoneRulesTests {
    static let zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo",
                        "Pacific/Chatham", "Europe/Dublin", "Asia/Tokyo", "America/St_Johns", "Africa/Casablanca",
                        "Australia/Lord_Howe", "UTC"]

    @Test(arguments: zones)
    func offsetsAgreeWithFoundationFrom1990To2045(name: String) throws {
        let rules = try #require(ZoneRules.load(name))
        let reference = try #require(TimeZone(identifier: name))
        var t: Int64 = 631_152_000 // 1990-01-01
        var checked = 0
        while t < 2_366_841_600 { // 2045-01-01
            let expected = reference.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))
            #expect(rules.type(at: t).offset == expected, "\(name) at \(UTCInstant(secondsSinceEpoch: t))")
            if rules.type(at: t).offset != expected { return }
            t += 46_777 // about 13 h, so every hour of the day comes round
            checked += 1
        }
        #expect(checked > 30_000)
    }

    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Pacific/Chatham"])
    func transitionsAgreeWithFoundation(name: String) throws {
        let rules = try #require(ZoneRules.load(name))
        let reference = try #require(TimeZone(identifier: name))
        var t: Int64 = 1_577_836_800 // 2020-01-01, through the table and then the POSIX rule
        for _ in 0..<60 {
            let ours = try #require(rules.nextTransition(after: t))
            let theirs = try #require(reference.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(t))))
            #expect(ours == Int64(theirs.timeIntervalSince1970), "\(name) after \(UTCInstant(secondsSinceEpoch: t))")
            t = ours
        }
        #expect(t > 2_400_000_000) // past 2046: the footer rule carried on
    }

    @Test func namesAbbreviationsAndFallbacks() throws {
        let berlin = try #require(DisplayZone.named("Europe/Berlin"))
        #expect(berlin.identifier == "Europe/Berlin")
        #expect(berlin.abbreviation(at: UTCInstant(year: 2026, month: 12, day: 8)!) == "CET")
        #expect(berlin.abbreviation(at: UTCInstant(year: 2026, month: 7, day: 8)!) == "CEST")
        #expect(DisplayZone.named(":Europe/Berlin")?.identifier == "Europe/Berlin")
        #expect(DisplayZone.named("UTC")?.isUTC == true)
        #expect(DisplayZone.named("Etc/UTC")?.isUTC == true)
        #expect(DisplayZone.named("Not/AZone") == nil)
        #expect(DisplayZone.named("../../etc/passwd") == nil)
        #expect(DisplayZone.named("/etc/passwd") == nil)
        #expect(DisplayZone.named("Asia/Kolkata")?.abbreviation(at: UTCInstant(year: 2026, month: 1, day: 1)!) == "IST")
        // The system's zone when TZ is unset: whatever /etc/localtime says, never nil.
        #expect(DisplayZone.named(nil) != nil)
    }

    @Test func posixStrings() throws {
        let cet = try #require(PosixTZ.parse("CET-1CEST,M3.5.0,M10.5.0/3"))
        #expect(cet.standard == LocalTimeType(offset: 3600, isDST: false, abbreviation: "CET"))
        #expect(cet.daylight == LocalTimeType(offset: 7200, isDST: true, abbreviation: "CEST"))
        let summer = UTCInstant(year: 2031, month: 7, day: 1)!.secondsSinceEpoch
        #expect(cet.type(at: summer).isDST)
        // 2031-03-30 01:00 UTC and 2031-10-26 01:00 UTC.
        #expect(cet.transitions(in: 2031)?.start == UTCInstant(year: 2031, month: 3, day: 30, hour: 1)!.secondsSinceEpoch)
        #expect(cet.transitions(in: 2031)?.end == UTCInstant(year: 2031, month: 10, day: 26, hour: 1)!.secondsSinceEpoch)
        let quoted = try #require(PosixTZ.parse("<+0530>-5:30"))
        #expect(quoted.standard.offset == 19_800 && quoted.daylight == nil)
        let southern = try #require(PosixTZ.parse("AEST-10AEDT,M10.1.0,M4.1.0/3"))
        #expect(southern.type(at: UTCInstant(year: 2031, month: 1, day: 15)!.secondsSinceEpoch).isDST)
        #expect(!southern.type(at: UTCInstant(year: 2031, month: 7, day: 15)!.secondsSinceEpoch).isDST)
        let julian = try #require(PosixTZ.parse("EST5EDT,J60/2,J300/2"))
        #expect(julian.transitions(in: 2032) != nil)
        for bad in ["", "C-1", "CET", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.5.0", "CET-99", "<abc", "CET-1CEST,J0,J300", "CET-1x"] {
            #expect(PosixTZ.parse(bad) == nil, "\(bad.debugDescription)")
        }
        #expect(DisplayZone.named("EST5EDT")?.offset(at: UTCInstant(year: 2031, month: 7, day: 1)!) == -4 * 3600)
    }

    @Test func gapsAndRepeatedHours() throws {
        let berlin = try #require(DisplayZone.named("Europe/Berlin"))
        // 2026-03-29 02:30 does not exist: read with CET, it is 01:30Z (03:30 CEST), as Foundation's Calendar does.
        #expect(berlin.instant(year: 2026, month: 3, day: 29, hour: 2, minute: 30) == UTCInstant(year: 2026, month: 3, day: 29, hour: 1, minute: 30))
        // 2026-10-25 02:30 happens twice: the first (CEST) is 00:30Z.
        #expect(berlin.instant(year: 2026, month: 10, day: 25, hour: 2, minute: 30) == UTCInstant(year: 2026, month: 10, day: 25, hour: 0, minute: 30))
        #expect(berlin.adding(days: 1, to: UTCInstant(year: 2026, month: 3, day: 28, hour: 23)!) == UTCInstant(year: 2026, month: 3, day: 29, hour: 22))
    }

    @Test func truncatedOrForeignFilesAreRefused() throws {
        let bytes = try #require(ZoneRules.readFile("/usr/share/zoneinfo/Europe/Berlin"))
        #expect(throws: ZoneRules.LoadError.self) { try ZoneRules.parse(Array(bytes.prefix(60)), identifier: "x") }
        #expect(throws: ZoneRules.LoadError.self) { try ZoneRules.parse(Array("not a zone file at all, not at all......................".utf8), identifier: "x") }
        for cut in stride(from: 0, to: bytes.count, by: 7) { _ = try? ZoneRules.parse(Array(bytes.prefix(cut)), identifier: "x") }
    }
}
