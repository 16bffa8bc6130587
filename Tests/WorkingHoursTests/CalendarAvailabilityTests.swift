import Testing
import FreeBusy
import ICalendar
import LocalTime
import WorkingHours

@Suite struct CalendarAvailabilityTests {
    static func at(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int = 0) -> UTCInstant {
        UTCInstant(year: y, month: mo, day: d, hour: h, minute: mi)!
    }
    static func unavailable(_ a: UTCInstant, _ b: UTCInstant) -> BusyPeriod { BusyPeriod(start: a, end: b, type: .busyUnavailable) }
    static func zone(_ name: String) throws -> DisplayZone { try #require(DisplayZone.named(name), "zone data for \(name)") }

    @Test func writesOneAvailablePerRangeWithItsDaysAndTheZone() throws {
        let hours = try WeeklyHours.parse("mon-thu 09:00-12:00,13:00-17:00 fri 09:00-13:00")
        let text = CalendarAvailability(hours: hours, zoneIdentifier: "Europe/Berlin")
            .iCalendarText(in: try Self.zone("Europe/Berlin"), uid: "hours-1", timestamp: Self.at(2026, 12, 2, 10))
        let lines = ContentLine.unfold(text)
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(lines.contains("BEGIN:VTIMEZONE") && lines.contains("TZID:Europe/Berlin"))
        #expect(lines.contains("BUSYTYPE:BUSY-UNAVAILABLE"))
        // The week of the timestamp (Wednesday 2026-12-02): Monday the 30th, Friday the 4th.
        #expect(lines.filter { $0.hasPrefix("DTSTART;TZID=Europe/Berlin:") } == [
            "DTSTART;TZID=Europe/Berlin:20261130T090000", "DTSTART;TZID=Europe/Berlin:20261204T090000",
            "DTSTART;TZID=Europe/Berlin:20261130T130000",
        ])
        #expect(lines.filter { $0.hasPrefix("RRULE:FREQ=WEEKLY") } == [
            "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH", "RRULE:FREQ=WEEKLY;BYDAY=FR", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH",
        ])
        let own = lines.drop { $0 != "BEGIN:VAVAILABILITY" }.prefix { $0 != "BEGIN:AVAILABLE" }
        #expect(own.count > 3 && !own.contains { $0.hasPrefix("DTSTART") }, "an unbounded VAVAILABILITY has no DTSTART of its own")
    }

    @Test(arguments: ["Europe/Berlin", "America/New_York", "UTC"])
    func roundTrip(zoneName: String) throws {
        let hours = try WeeklyHours.parse("mon-thu 09:00-12:00,13:00-17:00 fri 09:00-13:00 sat 22:00-24:00")
        let written = CalendarAvailability(hours: hours, zoneIdentifier: zoneName,
                                           validFrom: Self.at(2027, 3, 1, 0), validUntil: Self.at(2027, 4, 1, 0))
        let text = written.iCalendarText(in: try Self.zone(zoneName), uid: "u", timestamp: Self.at(2026, 12, 2, 10))
        let read = try CalendarAvailability.read(text)
        #expect(read == written)
        #expect(read.hours.description == "mon-thu 09:00-12:00,13:00-17:00 fri 09:00-13:00 sat 22:00-24:00")
    }

    @Test func readsDurationUTCAndRangesPastMidnight() throws {
        let text = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//other//client//EN\r
        BEGIN:VAVAILABILITY\r
        UID:x\r
        DTSTAMP:20260101T000000Z\r
        BEGIN:AVAILABLE\r
        UID:x1\r
        DTSTAMP:20260101T000000Z\r
        DTSTART:20260105T220000Z\r
        DURATION:PT4H\r
        RRULE:FREQ=WEEKLY\r
        END:AVAILABLE\r
        BEGIN:AVAILABLE\r
        UID:x2\r
        DTSTAMP:20260101T000000Z\r
        DTSTART:20260107T083000Z\r
        DURATION:PT8H\r
        RRULE:FREQ=WEEKLY;BYDAY=WE,FR\r
        END:AVAILABLE\r
        END:VAVAILABILITY\r
        END:VCALENDAR\r

        """
        let a = try CalendarAvailability.read(text)
        #expect(a.zoneIdentifier == "UTC")
        #expect(a.busyType == .busyUnavailable, "RFC 7953 §3.2.1 default")
        #expect(a.validFrom == nil && a.validUntil == nil)
        #expect(a.hours.description == "mon 22:00-24:00 tue 00:00-02:00 wed,fri 08:30-16:30")
    }

    @Test func readsAnotherClientsTZIDForm() throws {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VAVAILABILITY\r\nBUSYTYPE:BUSY\r\nDTSTART;TZID=America/New_York:20270101T000000\r\n"
            + "BEGIN:AVAILABLE\r\nDTSTART;TZID=America/New_York:20270104T083000\r\nDTEND;TZID=America/New_York:20270104T163000\r\n"
            + "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nEND:AVAILABLE\r\nEND:VAVAILABILITY\r\nEND:VCALENDAR\r\n"
        let a = try CalendarAvailability.read(text)
        #expect(a.zoneIdentifier == "America/New_York")
        #expect(a.busyType == .busy)
        #expect(a.validFrom == Self.at(2027, 1, 1, 5), "midnight EST")
        #expect(a.hours.description == "mon-fri 08:30-16:30")
    }

    @Test(arguments: [
        ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "calendar-availability: no VAVAILABILITY component"),
        ("BEGIN:VCALENDAR\r\nBEGIN:VAVAILABILITY\r\n", "calendar-availability: not readable iCalendar"),
        ("BEGIN:VAVAILABILITY\r\nBEGIN:AVAILABLE\r\nDTSTART:20270104T090000Z\r\nDURATION:PT8H\r\nEND:AVAILABLE\r\nEND:VAVAILABILITY\r\n",
         "calendar-availability: an AVAILABLE without RRULE"),
        ("BEGIN:VAVAILABILITY\r\nBEGIN:AVAILABLE\r\nDTSTART:20270104T090000Z\r\nDURATION:PT8H\r\nRRULE:FREQ=WEEKLY;INTERVAL=2\r\nEND:AVAILABLE\r\nEND:VAVAILABILITY\r\n",
         "calendar-availability: RRULE FREQ=WEEKLY;INTERVAL=2: every 2 weeks"),
        ("BEGIN:VAVAILABILITY\r\nBEGIN:AVAILABLE\r\nDTSTART:20270104T090000Z\r\nRRULE:FREQ=WEEKLY\r\nEND:AVAILABLE\r\nEND:VAVAILABILITY\r\n",
         "calendar-availability: an AVAILABLE with neither DTEND nor DURATION"),
        ("BEGIN:VAVAILABILITY\r\nBEGIN:AVAILABLE\r\nDTSTART:2027x104T090000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\nEND:AVAILABLE\r\nEND:VAVAILABILITY\r\n",
         "calendar-availability: DTSTART 2027x104T090000Z is not a date-time"),
    ])
    func unreadableFormsAreNamed(text: String, message: String) {
        do {
            _ = try CalendarAvailability.read(text)
            Issue.record("read \(text.debugDescription)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    /// Europe/Berlin goes to summer time on Sunday 2027-03-28: 09:00-17:00 is
    /// 08:00-16:00 UTC on the Friday before and 07:00-15:00 UTC on the Monday after.
    @Test func unavailableAcrossBerlinSpringForward() throws {
        let a = CalendarAvailability(hours: try WeeklyHours.parse("mon-fri 09:00-17:00"), zoneIdentifier: "Europe/Berlin")
        let window = try #require(TimeWindow(start: Self.at(2027, 3, 26, 0), end: Self.at(2027, 3, 30, 0)))
        #expect(a.unavailablePeriods(in: window, zone: try Self.zone("Europe/Berlin")) == [
            Self.unavailable(Self.at(2027, 3, 26, 0), Self.at(2027, 3, 26, 8)),
            Self.unavailable(Self.at(2027, 3, 26, 16), Self.at(2027, 3, 29, 7)),
            Self.unavailable(Self.at(2027, 3, 29, 15), Self.at(2027, 3, 30, 0)),
        ])
    }

    /// And back to winter time on Sunday 2027-10-31: a Sunday range across the
    /// repeated hour is one hour longer in UTC.
    @Test func unavailableAcrossBerlinFallBack() throws {
        let a = CalendarAvailability(hours: try WeeklyHours.parse("sun 01:00-05:00"), zoneIdentifier: "Europe/Berlin")
        let window = try #require(TimeWindow(start: Self.at(2027, 10, 30, 12), end: Self.at(2027, 11, 1, 0)))
        #expect(a.unavailablePeriods(in: window, zone: try Self.zone("Europe/Berlin")) == [
            Self.unavailable(Self.at(2027, 10, 30, 12), Self.at(2027, 10, 30, 23)), // 01:00 CEST
            Self.unavailable(Self.at(2027, 10, 31, 4), Self.at(2027, 11, 1, 0)),    // 05:00 CET
        ])
    }

    /// America/New_York skips 02:00-03:00 on Sunday 2027-03-14: a range from
    /// 02:30 starts where RFC 5545 §3.3.5 puts it (03:30 EDT, 07:30 UTC).
    @Test func unavailableAcrossNewYorkSpringForward() throws {
        let a = CalendarAvailability(hours: try WeeklyHours.parse("fri,mon 09:00-17:00 sun 02:30-04:00"), zoneIdentifier: "America/New_York")
        let window = try #require(TimeWindow(start: Self.at(2027, 3, 12, 0), end: Self.at(2027, 3, 16, 0)))
        #expect(a.unavailablePeriods(in: window, zone: try Self.zone("America/New_York")) == [
            Self.unavailable(Self.at(2027, 3, 12, 0), Self.at(2027, 3, 12, 14)),
            Self.unavailable(Self.at(2027, 3, 12, 22), Self.at(2027, 3, 14, 7, 30)),
            Self.unavailable(Self.at(2027, 3, 14, 8), Self.at(2027, 3, 15, 13)),
            Self.unavailable(Self.at(2027, 3, 15, 21), Self.at(2027, 3, 16, 0)),
        ])
    }

    @Test func onlyInsideItsOwnBoundsAndWithItsBusyType() throws {
        let a = CalendarAvailability(hours: try WeeklyHours.parse("mon-fri 09:00-17:00"), zoneIdentifier: "UTC", busyType: .busyTentative,
                                     validFrom: Self.at(2027, 3, 2, 12), validUntil: Self.at(2027, 3, 3, 12))
        let window = try #require(TimeWindow(start: Self.at(2027, 3, 1, 0), end: Self.at(2027, 3, 8, 0)))
        #expect(a.unavailablePeriods(in: window, zone: try Self.zone("UTC")) == [
            BusyPeriod(start: Self.at(2027, 3, 2, 17), end: Self.at(2027, 3, 3, 9), type: .busyTentative),
        ])
    }

    /// What is written and read back paints the same time unavailable.
    @Test func writtenAndReadBackPaintTheSame() throws {
        let berlin = try Self.zone("Europe/Berlin")
        let a = CalendarAvailability(hours: try WeeklyHours.parse("mon-thu 08:00-12:00,13:00-16:00 fri 08:00-12:00"), zoneIdentifier: "Europe/Berlin")
        let back = try CalendarAvailability.read(a.iCalendarText(in: berlin, uid: "u", timestamp: Self.at(2027, 3, 1, 0)))
        let window = try #require(TimeWindow(start: Self.at(2027, 3, 22, 0), end: Self.at(2027, 4, 5, 0)))
        #expect(back.unavailablePeriods(in: window, zone: berlin) == a.unavailablePeriods(in: window, zone: berlin))
    }
}
