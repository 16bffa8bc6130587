import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

/// The planner for screen readers and braille displays: the cursor on the
/// focus, the focus said as a sentence, letters for glyphs, answers announced.
@Suite struct FocusSentenceTests {
    func sentence(_ s: PlannerState, zone: DisplayZone = utc) -> String? {
        FocusSentence.text(s, axis: TimeAxis(state: s, zone: zone), zone: zone, now: now)
    }

    /// The column index whose slot starts at `instant`.
    func column(_ s: PlannerState, at instant: UTCInstant, zone: DisplayZone = utc) throws -> Int {
        try #require(TimeAxis(state: s, zone: zone).columns.firstIndex { $0.start == instant })
    }

    @Test func busyFreeAndTentative() throws {
        var s = sampleState()
        #expect(sentence(s) == "bob@example.com, Monday 7 December 08:00 to 08:30 UTC: busy, 08:00 to 08:30")
        s.cursorColumn = try column(s, at: at(7, 11, 30))
        #expect(sentence(s) == "bob@example.com, Monday 7 December 11:30 to 12:00 UTC: busy (tentative), 11:00 to 12:00")
        s.cursorColumn = try column(s, at: at(7, 12))
        #expect(sentence(s) == "bob@example.com, Monday 7 December 12:00 to 12:30 UTC: free")
        s.cursorRow = 1
        s.cursorColumn = try column(s, at: at(7, 10))
        #expect(sentence(s) == "carol@example.com, Monday 7 December 10:00 to 10:30 UTC: busy (unavailable), 09:30 to 10:30")
    }

    @Test func aZoneWithDSTIsNamedByItsPlace() throws {
        let berlin = try #require(DisplayZone.named("Europe/Berlin"))
        // The week DST starts (Sunday 29 March 2026): Monday 30 March is CEST.
        let monday = try #require(berlin.instant(year: 2026, month: 3, day: 30))
        var s = PlannerState(windowStart: monday, accountLabel: "alice")
        let bob = try CalendarUserAddress("bob@example.com")
        s.attendees = [AttendeeRow(address: bob)]
        let tentative = try #require(berlin.instant(year: 2026, month: 3, day: 30, hour: 10))
        s.attendees[0].answers[s.window] = .answered(FreeBusyAnswer(result: RecipientResult(recipient: bob, status: RequestStatus(parsing: "2.0"), busy: [
            BusyPeriod(start: tentative, end: tentative.adding(seconds: 3600), type: .busyTentative),
        ]), source: .server, fetched: monday))
        s.cursorColumn = try column(s, at: tentative.adding(seconds: 1800), zone: berlin)
        #expect(sentence(s, zone: berlin) == "bob@example.com, Monday 30 March 10:30 to 11:00 Berlin time: busy (tentative), 10:00 to 11:00")
    }

    @Test func unknownSaysWhy() {
        var s = sampleState()
        s.cursorRow = 2 // dave: 3.8
        #expect(sentence(s) == "dave@example.com, Monday 7 December 08:00 to 08:30 UTC: unknown, 3.8 No authority")
        s.cursorRow = 4 // erin: pending
        #expect(sentence(s) == "erin@example.com, Monday 7 December 08:00 to 08:30 UTC: no answer yet, waiting for the server")
        s.cursorRow = 5 // frank: the request failed
        #expect(sentence(s) == "frank@example.com, Monday 7 December 08:00 to 08:30 UTC: no answer: cannot connect to http://127.0.0.1:9/")
        // Time the answer does not cover is unknown, not free.
        s.cursorRow = 1
        if case var .answered(carol) = s.attendees[1].answer(for: s.window) {
            carol.gaps = [TimeWindow(start: at(7, 8), end: at(7, 9))!]
            s.attendees[1].answers[s.window] = .answered(carol)
        }
        #expect(sentence(s) == "carol@example.com, Monday 7 December 08:00 to 08:30 UTC: unknown, the answer does not cover this time")
    }

    @Test func theAllRowSaysWhoIsBusy() throws {
        var s = sampleState()
        s.cursorRow = s.allRowIndex
        s.cursorColumn = try column(s, at: at(7, 9, 30))
        #expect(sentence(s) == "all attendees, Monday 7 December 09:30 to 10:00 UTC: busy: bob@example.com, carol@example.com; "
            + "unknown: dave@example.com, nobody@example.com, erin@example.com, frank@example.com")
        // Only the known: who is free is said with who is unknown.
        s.cursorColumn = try column(s, at: at(7, 12))
        #expect(sentence(s)?.hasSuffix("UTC: everyone known is free; unknown: dave@example.com, nobody@example.com, erin@example.com, frank@example.com") == true)
        // Everyone known and free.
        s.attendees = Array(s.attendees.prefix(2))
        s.cursorRow = s.allRowIndex
        #expect(sentence(s) == "all attendees, Monday 7 December 12:00 to 12:30 UTC: everyone required: free")
        // Before any answer, nobody is said to be free.
        var waiting = s
        for i in waiting.attendees.indices { waiting.attendees[i].answers = [:] }
        #expect(sentence(waiting) == "all attendees, Monday 7 December 12:00 to 12:30 UTC: no required attendee's time is known; "
            + "unknown: bob@example.com, carol@example.com")
        // An optional attendee's conflict is said apart.
        s.attendees[0].optional = true
        s.cursorColumn = try column(s, at: at(7, 11))
        #expect(sentence(s) == "all attendees, Monday 7 December 11:00 to 11:30 UTC: everyone required: free; optional, busy: bob@example.com")
    }

    @Test func aNarrowLineGetsTheGridsShortForm() {
        var s = sampleState()
        s.cursorRow = 5
        let line = PlannerRenderer.render(s, zone: utc, now: now, width: 100, height: 24).lines[22]
        #expect(line.hasPrefix(" frank@example.com, Mon 7 Dec 08:00–08:30: no answer: cannot connect"))
        let wide = PlannerRenderer.render(s, zone: utc, now: now, width: 160, height: 24).lines[22]
        #expect(wide.hasPrefix(" frank@example.com, Monday 7 December 08:00 to 08:30 UTC: no answer"))
    }
}

@Suite struct TerminalCursorTests {
    let layout = PlannerLayout(width: 80, height: 24)

    @Test func theCursorSitsOnTheFocusedCell() throws {
        var s = sampleState()
        var screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        #expect(screen.cursor == ScreenPosition(x: layout.gridX, y: layout.firstAttendeeRow))
        _ = s.handle(.char("l"), zone: utc, now: now, layout: layout)
        _ = s.handle(.char("j"), zone: utc, now: now, layout: layout)
        screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        let at = try #require(screen.cursor)
        #expect(at == ScreenPosition(x: layout.gridX + 1, y: layout.firstAttendeeRow + 1))
        #expect(screen[at.x, at.y].role == .cursor)
        // The all row.
        s.cursorRow = s.allRowIndex
        screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        let all = try #require(screen.cursor)
        #expect(screen.lines[all.y].hasPrefix("all"))
        // Past a day separator the cursor follows the cell, not the column count.
        s.cursorColumn = TimeAxis(state: s, zone: utc).columns.firstIndex { $0.day == 1 } ?? 0
        screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        #expect(screen.cursor?.x == layout.gridX + 21)
    }

    @Test func inAPromptOrADialogTheCursorFollowsThem() throws {
        var s = sampleState()
        _ = s.handle(.char("a"), zone: utc, now: now, layout: layout)
        for c in "bo" { _ = s.handle(.char(c), zone: utc, now: now, layout: layout) }
        var screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        let caret = try #require(screen.cursor)
        #expect(caret.y == layout.statusRow)
        #expect(screen[caret.x, caret.y].text == "▏")
        s.mode = .help
        screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        let help = try #require(screen.cursor)
        #expect(screen.lines[help.y].contains("Keys (any key closes)"))
        // Too small a screen has no focus: the cursor hides.
        #expect(PlannerRenderer.render(sampleState(), zone: utc, now: now, width: 40, height: 10).cursor == nil)
    }

    @Test func onlyChangedRowsArePaintedAgain() {
        var s = sampleState()
        let before = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        #expect(before.changedRows(since: nil) == Array(0..<24))
        #expect(before.changedRows(since: before).isEmpty)
        _ = s.handle(.char("l"), zone: utc, now: now, layout: layout)
        let after = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        // The cursor's row and the status line; nothing else moved.
        #expect(after.changedRows(since: before) == [layout.firstAttendeeRow, layout.statusRow])
        #expect(after.changedRows(since: ScreenBuffer(width: 81, height: 24)) == Array(0..<24))
    }
}

@Suite struct AccessibleModeTests {
    func accessibleState() -> PlannerState {
        var s = sampleState(glyphs: .letters)
        s.makeAccessible()
        return s
    }

    @Test func goldenAccessible() throws {
        let screen = PlannerRenderer.render(accessibleState(), zone: utc, now: now, width: 80, height: 24)
        try assertGolden(screen, "week-80x24-accessible")
        #expect(screen.lines.allSatisfy { $0.allSatisfy(\.isASCII) }, "the accessible mode leaves a non-ASCII symbol")
        let bob = screen.lines.first { $0.hasPrefix("bob@") } ?? ""
        #expect(bob.contains("B") && bob.contains("T") && bob.contains("."))
        #expect(screen.lines.first { $0.hasPrefix("carol@") }?.contains("U") == true)
    }

    @Test func goldenAccessibleLongSentenceUsesTheLegendLine() throws {
        var s = accessibleState()
        s.cursorRow = s.allRowIndex
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        try assertGolden(screen, "week-80x24-accessible-all-row")
        #expect(screen.lines[22].hasPrefix(" all attendees, Monday 7 December 08:00 to 08:30 UTC: busy: bob@example.com;"))
        #expect(screen.lines[23].hasPrefix(" unknown: dave@example.com"))
    }

    @Test func theHeaderDoesNotTickEverySecond() {
        let s = accessibleState()
        let first = PlannerRenderer.render(s, zone: utc, now: at(7, 7, 59).adding(seconds: 5), width: 80, height: 24)
        let later = PlannerRenderer.render(s, zone: utc, now: at(7, 7, 59).adding(seconds: 40), width: 80, height: 24)
        #expect(later.changedRows(since: first).isEmpty)
        #expect(first.lines[0].hasSuffix("+ 4/6 answered <1m ago "))
        let plain = sampleState()
        #expect(PlannerRenderer.render(plain, zone: utc, now: at(7, 7, 59).adding(seconds: 40), width: 80, height: 24)
            .changedRows(since: PlannerRenderer.render(plain, zone: utc, now: at(7, 7, 59).adding(seconds: 5), width: 80, height: 24)) == [0])
    }

    @Test func everyMeaningHasALetter() {
        let g = GlyphSet.letters
        let marks = [g.glyph(for: .busy), g.glyph(for: .busyUnavailable), g.glyph(for: .busyTentative), g.glyph(for: nil), g.unknown,
                     g.optionalConflict]
        #expect(marks == ["B", "U", "T", ".", "?", "o"])
        #expect(Set(marks).count == marks.count, "two meanings share a mark: only colour would tell them apart")
    }

    @Test func eachAnswerIsAnnouncedOnce() throws {
        var s = PlannerState(windowStart: at(7, 0), accountLabel: "alice")
        s.makeAccessible()
        let bob = try CalendarUserAddress("bob@example.com"), carol = try CalendarUserAddress("carol@example.com")
        let dave = try CalendarUserAddress("dave@example.com")
        s.attendees = [AttendeeRow(address: bob), AttendeeRow(address: carol), AttendeeRow(address: dave)]
        let busy = [BusyPeriod(start: at(7, 9), end: at(7, 10)), BusyPeriod(start: at(7, 9, 30), end: at(7, 11)),
                    BusyPeriod(start: at(8, 9), end: at(8, 10)), BusyPeriod(start: at(9, 9), end: at(9, 10), type: .busyTentative)]
        let bobRow = FreeBusyAnswer(result: RecipientResult(recipient: bob, status: RequestStatus(parsing: "2.0"), busy: busy), source: .cache, fetched: now)
        s.receive(.answers(s.window, [bobRow], organizer: nil, final: false, at: now))
        // Overlapping periods are one time busy.
        #expect(s.statusMessage == "bob@example.com answered: busy 3 times this week")
        _ = s.handle(.char("l"), zone: utc, now: now, layout: PlannerLayout(width: 80, height: 24))
        #expect(s.statusMessage == nil)
        // The server's answer after the cache's: bob is not announced again.
        let carolRow = FreeBusyAnswer(result: RecipientResult(recipient: carol, status: RequestStatus(parsing: "2.0"), busy: []), source: .server, fetched: now)
        let daveRow = FreeBusyAnswer(result: RecipientResult(recipient: dave, status: RequestStatus(parsing: "3.8;No authority"), busy: nil), source: .server, fetched: now)
        s.receive(.answers(s.window, [bobRow, carolRow, daveRow], organizer: nil, final: true, at: now))
        #expect(s.statusMessage == "carol@example.com answered: free all week; dave@example.com answered: 3.8 No authority")
        s.statusMessage = nil
        s.receive(.answers(s.window, [bobRow, carolRow], organizer: nil, final: true, at: now))
        #expect(s.statusMessage == nil)
        // Another window's answers are news again.
        s.windowDays = 3
        s.receive(.answers(s.window, [bobRow], organizer: nil, final: true, at: now))
        #expect(s.statusMessage == "bob@example.com answered: busy 3 times in these 3 days")
    }

    @Test func withoutTheAccessibleModeNothingIsAnnounced() throws {
        var s = PlannerState(windowStart: at(7, 0), accountLabel: "alice")
        let bob = try CalendarUserAddress("bob@example.com")
        s.attendees = [AttendeeRow(address: bob)]
        s.receive(.answers(s.window, [FreeBusyAnswer(result: RecipientResult(recipient: bob, status: RequestStatus(parsing: "2.0"), busy: []), source: .server, fetched: now)],
                        organizer: nil, final: true, at: now))
        #expect(s.statusMessage == nil)
    }

    @Test func anAnnouncementIsAddedToWhatTheLineSays() throws {
        var s = PlannerState(windowStart: at(7, 0), accountLabel: "alice")
        s.makeAccessible()
        s.statusMessage = "demo: no account configured"
        let bob = try CalendarUserAddress("bob@example.com")
        s.attendees = [AttendeeRow(address: bob)]
        s.receive(.answers(s.window, [FreeBusyAnswer(result: RecipientResult(recipient: bob, status: RequestStatus(parsing: "2.0"),
                                                                       busy: [BusyPeriod(start: at(7, 9), end: at(7, 10))]), source: .server, fetched: now)],
                        organizer: nil, final: true, at: now))
        #expect(s.statusMessage == "demo: no account configured; bob@example.com answered: busy once this week")
    }
}
