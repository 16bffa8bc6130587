import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

/// A repeating meeting in the planner: each occurrence in view is drawn on
/// the user's own row and listed by `m`, marked as repeating; `M` and `X` on
/// one leave it alone and name the command that changes it.
@Suite struct PlannerSeriesTests {
    let layout = PlannerLayout(width: 100, height: 30)
    let alice = try! CalendarUserAddress("alice@example.com")
    /// Weekly on Monday and Wednesday, 11:00–12:00 (RRULE:FREQ=WEEKLY;BYDAY=MO,WE): two occurrences this week.
    let monday = PlannerMeeting(uid: "w-1", title: "Weekly sync", start: at(7, 11), end: at(7, 12), replies: "1 of 2 accepted", repeats: "weekly")
    let wednesday = PlannerMeeting(uid: "w-1", title: "Weekly sync", start: at(9, 11), end: at(9, 12), replies: "2 of 2 accepted", repeats: "weekly")
    let planning = PlannerMeeting(uid: "m-1", title: "Planning", start: at(8, 9), end: at(8, 10), replies: "1 of 2 accepted")

    func press(_ keys: [PlannerKey], on state: inout PlannerState) -> [PlannerEffect] {
        keys.flatMap { state.handle($0, zone: utc, now: now, layout: layout) }
    }

    func withSeries(glyphs: GlyphSet = .unicode) -> PlannerState {
        var s = sampleState(glyphs: glyphs)
        s.receive(.meetings(s.window, [wednesday, planning, monday], own: alice))
        return s
    }

    @Test func eachOccurrenceIsDrawnOnItsDayMarkedAsRepeating() throws {
        let s = withSeries()
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 160, height: 48)
        try assertGolden(screen, "week-160x48-weekly-meeting")
        let row = try #require(screen.lines.first { $0.hasPrefix("alice@example.com") })
        #expect(row.components(separatedBy: "↻W").count == 3, "two occurrences, each marked: \(row)")
        #expect(row.contains("Pl") && !row.contains("↻P"), "a single meeting is not marked: \(row)")
        let ascii = PlannerRenderer.render(withSeries(glyphs: .ascii), zone: utc, now: now, width: 160, height: 48)
        #expect(ascii.lines.first { $0.hasPrefix("alice@example.com") }?.components(separatedBy: "~W").count == 3)
    }

    @Test func mListsEachOccurrenceSayingItRepeats() {
        var s = withSeries()
        _ = press([.char("m")], on: &s)
        #expect(s.mode == .meetingList([monday, planning, wednesday]))
        let lines = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24).lines
        #expect(lines.filter { $0.contains("repeats weekly · ") }.count == 2, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("Wed 9 Dec 11:00–12:00 UTC") })
    }

    @Test func mOnAnOccurrenceNamesTheCommandThatMovesIt() {
        var s = withSeries()
        s.cursorRow = 0
        s.cursorColumn = 6 // Monday 11:00
        #expect(press([.char("M")], on: &s).isEmpty)
        #expect(s.movingMeeting == nil && s.mode == .grid)
        #expect(s.statusMessage == "“Weekly sync” repeats (weekly): run avail move w-1 --occurrence 2026-12-07T11:00:00Z --at … (or --series)")
        // The single meeting beside it still moves.
        s.cursorColumn = 22 // Tuesday 09:00
        _ = press([.char("M")], on: &s)
        #expect(s.movingMeeting == planning)
    }

    @Test func xOnAnOccurrenceNamesTheCommandThatCancelsIt() {
        var s = withSeries()
        s.cursorRow = 0
        s.cursorColumn = 47 // Wednesday 11:30
        #expect(press([.char("X")], on: &s).isEmpty)
        #expect(s.mode == .grid)
        #expect(s.statusMessage == "“Weekly sync” repeats (weekly): run avail cancel w-1 --occurrence 2026-12-09T11:00:00Z (or --series)")
    }
}
