import Testing
import FreeBusy
import ICalendar
import LocalTime
import WorkingHours

/// The VTIMEZONE of stored working hours: the zone's current rule as one
/// yearly DAYLIGHT and one yearly STANDARD where it is regular, which gives
/// the zone's own changes year after year, and the same unavailable time
/// across DST after a round trip.
@Suite struct YearlyTimeZoneTests {
    static func at(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int = 0) -> UTCInstant {
        UTCInstant(year: y, month: mo, day: d, hour: h, minute: mi)!
    }

    func written(_ zoneName: String) throws -> (CalendarAvailability, String) {
        let availability = CalendarAvailability(hours: try WeeklyHours.parse("mon-fri 09:00-17:00"), zoneIdentifier: zoneName)
        let zone = try #require(DisplayZone.named(zoneName))
        return (availability, availability.iCalendarText(in: zone, uid: "u", timestamp: Self.at(2026, 12, 2, 10)))
    }

    /// The lines of the VTIMEZONE's one STANDARD or DAYLIGHT.
    func observance(_ kind: String, in lines: [String]) -> [String] {
        Array(lines.drop { $0 != "BEGIN:\(kind)" }.prefix { $0 != "END:\(kind)" })
    }

    @Test(arguments: [("Europe/Berlin", "BYMONTH=3;BYDAY=-1SU", "BYMONTH=10;BYDAY=-1SU", "+0100", "+0200"),
                      ("America/New_York", "BYMONTH=3;BYDAY=2SU", "BYMONTH=11;BYDAY=1SU", "-0500", "-0400")])
    func theZonesRuleIsWrittenOnceAsYearlyObservances(zone: String, daylightRule: String, standardRule: String,
                                                      standardOffset: String, daylightOffset: String) throws {
        let (_, text) = try written(zone)
        let lines = ContentLine.unfold(text)
        #expect(lines.filter { $0 == "BEGIN:DAYLIGHT" }.count == 1 && lines.filter { $0 == "BEGIN:STANDARD" }.count == 1, "\(text)")
        let daylight = observance("DAYLIGHT", in: lines), standard = observance("STANDARD", in: lines)
        #expect(daylight.contains("RRULE:FREQ=YEARLY;" + daylightRule))
        #expect(standard.contains("RRULE:FREQ=YEARLY;" + standardRule))
        #expect(daylight.contains("TZOFFSETFROM:" + standardOffset) && daylight.contains("TZOFFSETTO:" + daylightOffset))
        #expect(standard.contains("TZOFFSETFROM:" + daylightOffset) && standard.contains("TZOFFSETTO:" + standardOffset))
        // From the year before the hours begin (2026), so the observance in force then is covered.
        #expect(daylight.contains { $0.hasPrefix("DTSTART:2025") } && standard.contains { $0.hasPrefix("DTSTART:2025") })
        #expect(text.count < 1200, "compact: \(text.count) characters")
    }

    /// Each yearly rule names the day and wall-clock time of the zone's own
    /// change in every year from 2026 to 2037.
    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Sydney"])
    func theRulesGiveTheZonesOwnChanges(zoneName: String) throws {
        let zone = try #require(DisplayZone.named(zoneName))
        let definition = try #require(zone.yearlyDefinition(from: Self.at(2026, 12, 2, 10)))
        #expect(definition.observances.count == 2)
        for o in definition.observances {
            let rule = try #require(o.rrule)
            let parts = Dictionary(uniqueKeysWithValues: rule.split(separator: ";").map { p in
                let kv = p.split(separator: "=")
                return (String(kv[0]), String(kv[1]))
            })
            let month = try #require(parts["BYMONTH"].flatMap { Int($0) })
            let byDay = try #require(parts["BYDAY"])
            #expect(byDay.hasSuffix("SU"))
            let ordinal = try #require(Int(byDay.dropLast(2)))
            for year in 2026...2037 {
                // The change this observance makes in that year, found from the zone itself.
                var changes: [UTCInstant] = []
                var t = Self.at(year, 1, 1, 0)
                while t < Self.at(year + 1, 1, 1, 0) {
                    let next = t.adding(seconds: 3600)
                    if zone.offset(at: t) == o.offsetFrom, zone.offset(at: next) == o.offsetTo { changes.append(next) }
                    t = next
                }
                let change = try #require(changes.first, "\(zoneName) \(year): no change to \(o.offsetTo)")
                let local = LocalDateTime(change.adding(seconds: -1), offset: o.offsetFrom)
                let days = [31, year % 4 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
                #expect(local.month == month, "\(zoneName) \(year)")
                #expect(ordinal == -1 ? local.day + 7 > days : (local.day - 1) / 7 + 1 == ordinal, "\(zoneName) \(year): day \(local.day)")
                #expect(local.hour + 1 == o.onsetLocal.hour || (local.hour == 23 && o.onsetLocal.hour == 0), "the onset's wall-clock hour")
            }
        }
    }

    /// Written, read back by WorkingHours' own reader: the same time outside
    /// the hours, before, across and after both DST changes.
    @Test(arguments: ["Europe/Berlin", "America/New_York"])
    func theSameUnavailableTimeAcrossDST(zoneName: String) throws {
        let (availability, text) = try written(zoneName)
        let read = try CalendarAvailability.read(text)
        let zone = try #require(DisplayZone.named(zoneName))
        for (from, to) in [(Self.at(2027, 3, 1, 0), Self.at(2027, 4, 15, 0)), (Self.at(2027, 10, 15, 0), Self.at(2027, 11, 20, 0)),
                           (Self.at(2033, 3, 1, 0), Self.at(2033, 4, 15, 0))] {
            let window = try #require(TimeWindow(start: from, end: to))
            let before = availability.unavailablePeriods(in: window, zone: zone)
            #expect(!before.isEmpty)
            #expect(read.unavailablePeriods(in: window, zone: zone) == before)
        }
        // 09:00 local stays 09:00 local: an hour apart in UTC across the March change.
        let march = try #require(TimeWindow(start: Self.at(2027, 3, 1, 0), end: Self.at(2027, 4, 15, 0)))
        let ends = read.unavailablePeriods(in: march, zone: zone).filter { $0.span.end < march.end }.map { zone.local($0.span.end) }
        #expect(ends.count >= 30)
        #expect(ends.allSatisfy { $0.hour == 9 && $0.minute == 0 }, "every unavailable night ends at 09:00 local")
    }

    /// A zone without DST keeps its one STANDARD; a rule by day of the year
    /// (POSIX Jn) is not written as BYDAY: the transitions are listed instead.
    @Test func noRuleOrAnIrregularOneFallsBack() throws {
        let tokyo = try #require(DisplayZone.named("Asia/Tokyo"))
        #expect(tokyo.yearlyDefinition(from: Self.at(2026, 12, 2, 10)) == nil)
        #expect(tokyo.recurringDefinition(from: Self.at(2026, 12, 2, 10)).observances.count == 1)
        let julian = try #require(DisplayZone.named("EST5EDT,J60/2,J300/2"))
        #expect(julian.yearlyDefinition(from: Self.at(2026, 12, 2, 10)) == nil)
        let listed = julian.recurringDefinition(from: Self.at(2026, 12, 2, 10))
        #expect(listed.observances.count > 10 && listed.observances.allSatisfy { $0.rrule == nil })
    }
}
