import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import OwnBusyTime

/// Busy time from one's own events, by the rules the seeded week pins down
/// on DAViCal and Cyrus (Tests/Servers/README.md), written here as events.
@Suite struct OwnBusyTimeTests {
    static let window = TimeSpan(start: UTCInstant(year: 2026, month: 12, day: 7)!, end: UTCInstant(year: 2026, month: 12, day: 14)!)!

    static func busy(_ events: String..., zone: String = "Europe/Berlin", window: TimeWindow = window) throws -> OwnBusyTime {
        let objects = try events.map { body in
            try #require(try Component.parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + body + "END:VCALENDAR\r\n").first)
        }
        return OwnBusyTime(objects: objects, window: window, floatingZone: DisplayZone.named(zone))
    }

    static func text(_ b: OwnBusyTime) -> [String] { b.periods.map { "\($0.start.iCalendarString)/\($0.end.iCalendarString) \($0.type.name)" } }

    @Test func singleEventInUTC() throws {
        let b = try Self.busy("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261207T090000Z\r\nDTEND:20261207T100000Z\r\nEND:VEVENT\r\n")
        #expect(Self.text(b) == ["20261207T090000Z/20261207T100000Z BUSY"])
        #expect(b.setAside.isEmpty)
    }

    @Test func transparentAndCancelledTakeNoTimeTentativeIsTentative() throws {
        let b = try Self.busy(
            "BEGIN:VEVENT\r\nUID:t\r\nDTSTART:20261207T090000Z\r\nDTEND:20261207T100000Z\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n",
            "BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20261207T110000Z\r\nDTEND:20261207T120000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n",
            "BEGIN:VEVENT\r\nUID:p\r\nDTSTART:20261207T130000Z\r\nDURATION:PT30M\r\nSTATUS:TENTATIVE\r\nEND:VEVENT\r\n")
        #expect(Self.text(b) == ["20261207T130000Z/20261207T133000Z BUSY-TENTATIVE"])
    }

    @Test func zonedAllDayAndFloatingTimes() throws {
        let b = try Self.busy(
            "BEGIN:VEVENT\r\nUID:z\r\nDTSTART;TZID=America/New_York:20261208T090000\r\nDTEND;TZID=America/New_York:20261208T100000\r\nEND:VEVENT\r\n",
            "BEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20261210\r\nEND:VEVENT\r\n",
            "BEGIN:VEVENT\r\nUID:f\r\nDTSTART:20261211T100000\r\nDTEND:20261211T110000\r\nEND:VEVENT\r\n")
        #expect(Self.text(b) == ["20261208T140000Z/20261208T150000Z BUSY", "20261209T230000Z/20261210T230000Z BUSY",
                                 "20261211T090000Z/20261211T100000Z BUSY"])
    }

    /// A daily series with an EXDATE and one occurrence moved: the moved one
    /// is where the override says, the excluded one nowhere.
    @Test func recurrenceWithExdateAndOverride() throws {
        let b = try Self.busy("""
            BEGIN:VEVENT\r\nUID:r\r\nDTSTART;TZID=Europe/Berlin:20261207T090000\r\nDURATION:PT30M\r\nRRULE:FREQ=DAILY;COUNT=5\r
            EXDATE;TZID=Europe/Berlin:20261209T090000\r\nEND:VEVENT\r
            BEGIN:VEVENT\r\nUID:r\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261210T090000\r\nDTSTART;TZID=Europe/Berlin:20261210T150000\r
            DTEND;TZID=Europe/Berlin:20261210T153000\r\nEND:VEVENT\r

            """)
        #expect(Self.text(b) == ["20261207T080000Z/20261207T083000Z BUSY", "20261208T080000Z/20261208T083000Z BUSY",
                                 "20261210T140000Z/20261210T143000Z BUSY", "20261211T080000Z/20261211T083000Z BUSY"])
    }

    @Test func weeklyByDayUntilAndRdate() throws {
        let b = try Self.busy("""
            BEGIN:VEVENT\r\nUID:w\r\nDTSTART:20261130T120000Z\r\nDTEND:20261130T130000Z\r
            RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261209T120000Z\r\nRDATE:20261212T080000Z\r\nEND:VEVENT\r

            """)
        #expect(Self.text(b) == ["20261207T120000Z/20261207T130000Z BUSY", "20261209T120000Z/20261209T130000Z BUSY",
                                 "20261212T080000Z/20261212T090000Z BUSY"])
    }

    /// The last Friday of each month, and a clock change between DTSTART and
    /// the occurrence (local time kept, RFC 5545 §3.3.10).
    @Test func monthlyLastFridayAcrossAClockChange() throws {
        let window = TimeSpan(start: UTCInstant(year: 2026, month: 3, day: 1)!, end: UTCInstant(year: 2026, month: 5, day: 1)!)!
        let b = try Self.busy("""
            BEGIN:VEVENT\r\nUID:m\r\nDTSTART;TZID=Europe/Berlin:20260130T100000\r\nDTEND;TZID=Europe/Berlin:20260130T110000\r
            RRULE:FREQ=MONTHLY;BYDAY=-1FR\r\nEND:VEVENT\r

            """, window: window)
        #expect(Self.text(b) == ["20260327T090000Z/20260327T100000Z BUSY", "20260424T080000Z/20260424T090000Z BUSY"])
    }

    @Test func unsupportedRulesAreSetAsideNotGuessed() throws {
        let b = try Self.busy("BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261207T090000Z\r\nDTEND:20261207T100000Z\r\nRRULE:FREQ=HOURLY\r\nEND:VEVENT\r\n",
                              "BEGIN:VEVENT\r\nUID:y\r\nDTSTART:20261207T090000Z\r\nDTEND:20261207T100000Z\r\nRRULE:FREQ=MONTHLY;BYSETPOS=1\r\nEND:VEVENT\r\n")
        #expect(b.periods.isEmpty)
        #expect(b.setAside.map(\.uid) == ["x", "y"])
    }

    @Test func overlappingEventsMerge() throws {
        let b = try Self.busy("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261211T100000Z\r\nDTEND:20261211T110000Z\r\nEND:VEVENT\r\n",
                              "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261211T103000Z\r\nDTEND:20261211T113000Z\r\nEND:VEVENT\r\n")
        #expect(Self.text(b) == ["20261211T100000Z/20261211T113000Z BUSY"])
    }

    /// bob's seeded week (Tests/Servers/common.sh), with all-day and floating
    /// times in UTC as the servers read them: the same periods DAViCal and
    /// Cyrus answer for bob over Mon 7 – Sat 12 Dec (ShowCurlTests gets
    /// them from the servers themselves).
    @Test func bobsSeededWeekEqualsTheServersAnswer() throws {
        func e(_ uid: String, _ lines: String...) -> String {
            "BEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20261101T000000Z\r\n" + lines.map { $0 + "\r\n" }.joined() + "END:VEVENT\r\n"
        }
        let window = TimeSpan(start: UTCInstant(year: 2026, month: 12, day: 7)!, end: UTCInstant(year: 2026, month: 12, day: 12)!)!
        let b = try Self.busy(
            e("bob-opaque", "DTSTART:20261207T090000Z", "DTEND:20261207T100000Z"),
            e("bob-tentative", "STATUS:TENTATIVE", "DTSTART:20261207T110000Z", "DTEND:20261207T120000Z"),
            e("bob-transparent", "TRANSP:TRANSPARENT", "DTSTART:20261207T130000Z", "DTEND:20261207T140000Z"),
            e("bob-recurring", "DTSTART:20261207T080000Z", "DTEND:20261207T083000Z", "RRULE:FREQ=DAILY;COUNT=5", "EXDATE:20261209T080000Z"),
            e("bob-allday", "DTSTART;VALUE=DATE:20261210", "DTEND;VALUE=DATE:20261211"),
            e("bob-berlin", "DTSTART;TZID=Europe/Berlin:20261208T150000", "DTEND;TZID=Europe/Berlin:20261208T160000"),
            e("bob-overlap-1", "DTSTART:20261211T100000Z", "DTEND:20261211T110000Z"),
            e("bob-overlap-2", "DTSTART:20261211T103000Z", "DTEND:20261211T113000Z"),
            e("bob-straddle", "DTSTART:20261206T220000Z", "DTEND:20261207T010000Z"),
            e("bob-cancelled", "STATUS:CANCELLED", "DTSTART:20261208T090000Z", "DTEND:20261208T100000Z"),
            zone: "UTC", window: window)
        #expect(Self.text(b) == [
            "20261207T000000Z/20261207T010000Z BUSY", "20261207T080000Z/20261207T083000Z BUSY",
            "20261207T090000Z/20261207T100000Z BUSY", "20261207T110000Z/20261207T120000Z BUSY-TENTATIVE",
            "20261208T080000Z/20261208T083000Z BUSY", "20261208T140000Z/20261208T150000Z BUSY",
            "20261210T000000Z/20261211T000000Z BUSY", "20261211T080000Z/20261211T083000Z BUSY",
            "20261211T100000Z/20261211T113000Z BUSY",
        ])
        #expect(b.setAside.isEmpty)
    }

    /// Hostile rules end, quickly and without a trap: a huge INTERVAL or
    /// COUNT, a series from year 1, a rule that matches nothing.
    @Test func hostileRulesEnd() throws {
        let b = try Self.busy(
            "BEGIN:VEVENT\r\nUID:i\r\nDTSTART:20261207T090000Z\r\nDTEND:20261207T100000Z\r\nRRULE:FREQ=WEEKLY;INTERVAL=99999999999\r\nEND:VEVENT\r\n",
            "BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20261207T090000Z\r\nDTEND:20261207T100000Z\r\nRRULE:FREQ=YEARLY;INTERVAL=10000;COUNT=999999999\r\nEND:VEVENT\r\n",
            "BEGIN:VEVENT\r\nUID:old\r\nDTSTART:00010101T090000Z\r\nDTEND:00010101T100000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n",
            "BEGIN:VEVENT\r\nUID:none\r\nDTSTART:20261207T090000Z\r\nDTEND:20261207T100000Z\r\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\r\nEND:VEVENT\r\n")
        #expect(b.setAside.map(\.uid) == ["i", "old"])
        // The first occurrence (DTSTART) of the others stands.
        #expect(Self.text(b) == ["20261207T090000Z/20261207T100000Z BUSY"])
    }

    @Test func durationsReadNominalDays() {
        #expect(NominalDuration("P1W2DT3H4M5S") == NominalDuration(days: 9, seconds: 3 * 3600 + 4 * 60 + 5))
        #expect(NominalDuration("-PT15M") == NominalDuration(days: 0, seconds: -900))
        #expect(NominalDuration("P") == nil)
        #expect(NominalDuration("PT1D") == nil)
        #expect(NominalDuration("1H") == nil)
    }

    /// The same expansion, occurrence by occurrence (what `avail meetings`
    /// lists): EXDATEs gone, an override at its own time and with its own
    /// event, a cancelled override kept (the caller says it is cancelled).
    @Test func occurrencesOfASeries() throws {
        let calendar = try #require(try Component.parse("""
            BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
            BEGIN:VEVENT\r\nUID:w\r\nSUMMARY:Weekly\r\nDTSTART;TZID=Europe/Berlin:20261201T100000\r\nDTEND;TZID=Europe/Berlin:20261201T110000\r\n\
            RRULE:FREQ=WEEKLY;COUNT=6\r\nEXDATE;TZID=Europe/Berlin:20261215T100000\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nUID:w\r\nSUMMARY:Weekly (later)\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261222T100000\r\n\
            DTSTART;TZID=Europe/Berlin:20261222T140000\r\nDTEND;TZID=Europe/Berlin:20261222T150000\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nUID:w\r\nRECURRENCE-ID;TZID=Europe/Berlin:20261229T100000\r\nSTATUS:CANCELLED\r\n\
            DTSTART;TZID=Europe/Berlin:20261229T100000\r\nDTEND;TZID=Europe/Berlin:20261229T110000\r\nEND:VEVENT\r\n\
            END:VCALENDAR\r\n
            """).first)
        let window = try #require(TimeSpan(start: UTCInstant(year: 2026, month: 12, day: 7)!, end: UTCInstant(year: 2027, month: 1, day: 31)!))
        let found = try #require(OwnBusyTime.occurrences(of: calendar, window: window, floatingZone: nil))
        #expect(found.map { $0.span.start.iCalendarString } == ["20261208T090000Z", "20261222T130000Z", "20261229T090000Z", "20270105T090000Z"])
        #expect(found.map { $0.recurrenceID.iCalendarString } == ["20261208T090000Z", "20261222T090000Z", "20261229T090000Z", "20270105T090000Z"])
        #expect(found.map { $0.event.property("SUMMARY")?.value } == ["Weekly", "Weekly (later)", nil, "Weekly"])
        // The busy time leaves the cancelled one out, from the same occurrences.
        let busy = OwnBusyTime(objects: [calendar], window: window, floatingZone: nil)
        #expect(Self.text(busy) == ["20261208T090000Z/20261208T100000Z BUSY", "20261222T130000Z/20261222T140000Z BUSY",
                                    "20270105T090000Z/20270105T100000Z BUSY"])
        let unsupported = try #require(try Component.parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:h\r\nDTSTART:20261207T090000Z\r\nRRULE:FREQ=WEEKLY;BYSETPOS=1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").first)
        #expect(OwnBusyTime.occurrences(of: unsupported, window: window, floatingZone: nil) == nil)
    }
}
