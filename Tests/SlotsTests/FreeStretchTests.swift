import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Slots

/// `avail slots`' free stretches: the finder's every-step starts merged into
/// the stretches a person would write in a mail, and written out as text or ics.
@Suite struct FreeStretchTests {
    let bob = addr("bob@example.com"), carol = addr("carol@example.com")

    func stretches(busy: [BusyPeriod], optional: [Participant] = [], duration: Int64 = 3600, step: Int64 = 900,
                   hours: WorkingHours = WorkingHours(), window: TimeWindow = TimeWindow(start: dec(7, 0), end: dec(8, 0))!,
                   zone: DisplayZone = utc) -> [FreeStretch] {
        SlotFinder.stretches(SlotQuery(window: window, duration: duration, step: step, hours: hours, zone: zone,
                                       required: [Participant(address: bob, busy: busy)], optional: optional, count: 3)).stretches
    }

    @Test func everyStepStartBecomesOneStretch() {
        // 09:00–17:00; bob busy until 10:30 and 12:00–13:00: two stretches, not a line per quarter hour.
        let s = stretches(busy: [BusyPeriod(start: dec(7, 9), end: dec(7, 10, 30)), BusyPeriod(start: dec(7, 12), end: dec(7, 13))])
        #expect(s.map(\.span) == [TimeSpan(start: dec(7, 10, 30), end: dec(7, 12))!, TimeSpan(start: dec(7, 13), end: dec(7, 17))!])
        #expect(s.map { FreeStretchText.line($0, zone: utc) } == ["Mon 7 Dec 10:30–12:00 (1h30)", "Mon 7 Dec 13:00–17:00 (4h)"])
    }

    @Test func aStretchExactlyTheMeetingsLength() {
        let s = stretches(busy: [BusyPeriod(start: dec(7, 9), end: dec(7, 10)), BusyPeriod(start: dec(7, 11), end: dec(7, 17))])
        #expect(s.map(\.span) == [TimeSpan(start: dec(7, 10), end: dec(7, 11))!])
        #expect(FreeStretchText.line(s[0], zone: utc) == "Mon 7 Dec 10:00–11:00 (1h)")
        // One minute less free and there is none.
        #expect(stretches(busy: [BusyPeriod(start: dec(7, 9), end: dec(7, 10, 1)), BusyPeriod(start: dec(7, 11), end: dec(7, 17))]).isEmpty)
    }

    @Test func acrossMidnight() {
        let allDay = WorkingHours(startMinute: 0, endMinute: 1440, weekdays: Set(0...6))
        let window = TimeWindow(start: dec(7, 0), end: dec(9, 0))!
        let s = stretches(busy: [BusyPeriod(start: dec(7, 0), end: dec(7, 22)), BusyPeriod(start: dec(8, 2), end: dec(9, 0))],
                          hours: allDay, window: window)
        #expect(s.map(\.span) == [TimeSpan(start: dec(7, 22), end: dec(8, 2))!])
        #expect(FreeStretchText.line(s[0], zone: utc) == "Mon 7 Dec 22:00–Tue 8 Dec 02:00 (4h)")
        // Ending at midnight: 24:00 on the same day.
        let evening = stretches(busy: [BusyPeriod(start: dec(7, 0), end: dec(7, 22)), BusyPeriod(start: dec(8, 0), end: dec(9, 0))],
                                hours: allDay, window: window)
        #expect(evening.map { FreeStretchText.line($0, zone: utc) } == ["Mon 7 Dec 22:00–24:00 (2h)"])
    }

    @Test func acrossADSTChange() throws {
        // Berlin, Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET. Free from
        // 01:00 to 04:00 on the clock is four hours, not three.
        let berlin = try #require(DisplayZone.named("Europe/Berlin"))
        let midnight = try #require(berlin.instant(year: 2026, month: 10, day: 25))
        let nextMidnight = try #require(berlin.adding(days: 1, to: midnight))
        let one = try #require(berlin.instant(year: 2026, month: 10, day: 25, hour: 1))
        let four = try #require(berlin.instant(year: 2026, month: 10, day: 25, hour: 4))
        let s = stretches(busy: [BusyPeriod(start: midnight, end: one), BusyPeriod(start: four, end: nextMidnight)],
                          hours: WorkingHours(startMinute: 0, endMinute: 1440, weekdays: Set(0...6)),
                          window: TimeWindow(start: midnight, end: nextMidnight)!, zone: berlin)
        #expect(s.map(\.span) == [TimeSpan(start: one, end: four)!])
        #expect(s.map(\.span.seconds) == [4 * 3600])
        #expect(FreeStretchText.line(s[0], zone: berlin) == "Sun 25 Oct 01:00–04:00 (4h)")
        // The reader in New York (still on EDT that day) gets their own clock.
        let newYork = try #require(DisplayZone.named("America/New_York"))
        #expect(FreeStretchText.line(s[0], zone: newYork) == "Sat 24 Oct 19:00–23:00 (4h)")
    }

    @Test func optionalAttendeesConflictsAreKept() {
        let s = stretches(busy: [BusyPeriod(start: dec(7, 9), end: dec(7, 10, 30)), BusyPeriod(start: dec(7, 12), end: dec(7, 17))],
                          optional: [Participant(address: carol, busy: [BusyPeriod(start: dec(7, 11), end: dec(7, 11, 30))]),
                                     Participant(address: addr("dave@example.com"), busy: nil)])
        #expect(s.count == 1)
        #expect(s[0].optionalBusy == [carol])
        #expect(s[0].unknown == [addr("dave@example.com")])
        #expect(FreeStretchText.line(s[0], zone: utc) == "Mon 7 Dec 10:30–12:00 (1h30), carol@example.com busy for part of it")
    }

    @Test func aStretchKeepsOneRoomThroughout() {
        let room1 = addr("room1@example.com"), room2 = addr("room2@example.com")
        func slot(_ h: Int, _ end: Int, _ room: CalendarUserAddress) -> Slot {
            Slot(span: TimeSpan(start: dec(7, h), end: dec(7, end))!, free: [], busy: [], unknown: [], room: room)
        }
        // The first free room is room 1 until 11:00, then room 2: the starts do not join across rooms.
        let s = FreeStretch.merging([slot(9, 10, room1), slot(10, 11, room1), slot(11, 12, room2)])
        #expect(s.map(\.room) == [room1, room2])
        #expect(s.map(\.span.seconds) == [7200, 3600])
        #expect(FreeStretchText.line(s[0], zone: utc, roomNames: [room1.matchKey: "Board room"]) == "Mon 7 Dec 09:00–11:00 (2h), in Board room")
        #expect(FreeStretchText.line(s[1], zone: utc) == "Mon 7 Dec 11:00–12:00 (1h), in room2@example.com")
    }

    @Test func eachRoomsStretchIsFoundOnItsOwn() {
        let room1 = addr("room1@example.com"), room2 = addr("room2@example.com")
        // 09:00-12:00; room 1 busy until 11:00, room 2 free: room 2 holds the whole
        // morning, though room 1 is the first free room from 11:00.
        let q = SlotQuery(window: TimeWindow(start: dec(7, 9), end: dec(7, 12))!, duration: 3600, step: 900, hours: WorkingHours(), zone: utc,
                          required: [Participant(address: bob, busy: [])],
                          rooms: [Participant(address: room1, busy: [BusyPeriod(start: dec(7, 9), end: dec(7, 11))]),
                                  Participant(address: room2, busy: [])], count: 3)
        let s = SlotFinder.stretches(q).stretches
        #expect(s.map(\.room) == [room2, room1])
        #expect(s.map(\.span) == [TimeSpan(start: dec(7, 9), end: dec(7, 12))!, TimeSpan(start: dec(7, 11), end: dec(7, 12))!])
    }

    @Test func slotsInAnyOrderOverlappingOrTouching() {
        func slot(_ h: Int, _ m: Int, _ end: Int, _ endM: Int) -> Slot {
            Slot(span: TimeSpan(start: dec(7, h, m), end: dec(7, end, endM))!, free: [], busy: [], unknown: [])
        }
        // Ranked, not in time order; 14:00–15:00 touches 13:00–14:00; 16:00 stands alone.
        let merged = FreeStretch.merging([slot(16, 0, 17, 0), slot(10, 45, 11, 45), slot(10, 30, 11, 30), slot(14, 0, 15, 0),
                                          slot(13, 0, 14, 0), slot(11, 0, 12, 0)])
        #expect(merged.map(\.span) == [TimeSpan(start: dec(7, 10, 30), end: dec(7, 12))!, TimeSpan(start: dec(7, 13), end: dec(7, 15))!,
                                       TimeSpan(start: dec(7, 16), end: dec(7, 17))!])
        #expect(FreeStretch.merging([]).isEmpty)
    }

    @Test func pasteReadyTextNamesTheZone() throws {
        let newYork = try #require(DisplayZone.named("America/New_York"))
        let window = TimeWindow(start: dec(7, 0), end: dec(8, 0))!
        let s = [FreeStretch(span: TimeSpan(start: dec(7, 15, 30), end: dec(7, 17))!, unknown: [addr("dave@example.com")])]
        #expect(FreeStretchText.text(s, zone: newYork, minimum: 3600, window: window) == """
            Free for 1h or longer, in New York time (America/New_York):
            Mon 7 Dec 10:30–12:00 (1h30)
            Not known: dave@example.com

            """)
        #expect(FreeStretchText.text([], zone: utc, minimum: 2700, window: window) == "No free time of 45m or longer (times in UTC).\n")
        #expect(FreeStretchText.text(s, zone: utc, minimum: 5400, window: window).hasPrefix("Free for 1h30 or longer, in UTC:\n"))
        // No colours, no padding: nothing but printable text and newlines.
        #expect(!FreeStretchText.text(s, zone: newYork, minimum: 3600, window: window).contains { $0 == "\u{1B}" || $0 == "\t" })
    }

    @Test func lengthsAsPeopleWriteThem() {
        #expect(FreeStretchText.length(5400) == "1h30")
        #expect(FreeStretchText.length(3900) == "1h05")
        #expect(FreeStretchText.length(7200) == "2h")
        #expect(FreeStretchText.length(2700) == "45m")
    }

    @Test func icsHasOneVFreeBusyOfFreePeriodsThatDoNotOverlap() {
        let window = TimeWindow(start: dec(7, 0), end: dec(8, 0))!
        // Overlapping and out-of-order input, one part outside the window.
        let s = [FreeStretch(span: TimeSpan(start: dec(7, 13), end: dec(7, 15))!),
                 FreeStretch(span: TimeSpan(start: dec(7, 10, 30), end: dec(7, 12))!),
                 FreeStretch(span: TimeSpan(start: dec(7, 14), end: dec(7, 16))!),
                 FreeStretch(span: TimeSpan(start: dec(7, 23), end: dec(8, 2))!)]
        let text = FreeStretchCalendar.text(s, window: window, organizer: addr("alice@example.com"), uid: "u1",
                                            timestamp: dec(1, 12), productID: "-//avail//test//EN")
        #expect(text == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//avail//test//EN", "METHOD:PUBLISH",
            "BEGIN:VFREEBUSY", "UID:u1", "DTSTAMP:20261201T120000Z", "DTSTART:20261207T000000Z", "DTEND:20261208T000000Z",
            "ORGANIZER:mailto:alice@example.com",
            "FREEBUSY;FBTYPE=FREE:20261207T103000Z/20261207T120000Z",
            "FREEBUSY;FBTYPE=FREE:20261207T130000Z/20261207T160000Z",
            "FREEBUSY;FBTYPE=FREE:20261207T230000Z/20261208T000000Z",
            "END:VFREEBUSY", "END:VCALENDAR", "",
        ].joined(separator: "\r\n"))
    }
}
