import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

/// Counts on the movement keys, and `v`: marking a range, stretching it,
/// keeping it across a zoom change and a day boundary, and what `b`, `n`/`N`
/// and `y` do with it.
@Suite struct PlannerMarkTests {
    let layout = PlannerLayout(width: 80, height: 24)

    func press(_ keys: [PlannerKey], on state: inout PlannerState) -> [PlannerEffect] {
        keys.flatMap { state.handle($0, zone: utc, now: now, layout: layout) }
    }

    func keys(_ text: String) -> [PlannerKey] { text.map { PlannerKey.char($0) } }

    func span(_ a: UTCInstant, _ b: UTCInstant) -> TimeSpan { TimeSpan(start: a, end: b)! }

    /// Column 0 is Monday 7 December 08:00 (half hours, 08–18 shown): column 2 is 09:00.
    func stateAtMonday0900() -> PlannerState {
        var s = sampleState()
        s.cursorColumn = 2
        return s
    }

    // MARK: Counts

    @Test func countsRepeatTheMovementKeys() {
        var s = stateAtMonday0900()
        _ = press(keys("4l"), on: &s)
        #expect(s.cursorColumn == 6)
        _ = press(keys("3h"), on: &s)
        #expect(s.cursorColumn == 3)
        _ = press(keys("5j"), on: &s)
        #expect(s.cursorRow == 5)
        _ = press(keys("2k"), on: &s)
        #expect(s.cursorRow == 3)
        let effects = press(keys("3L"), on: &s)
        #expect(s.windowStart == at(28, 0))
        #expect(effects.contains { if case let .query(key, _, _) = $0 { return key.start == at(28, 0) }; return false })
        _ = press(keys("12H"), on: &s)
        #expect(s.windowStart == UTCInstant(year: 2026, month: 10, day: 5, hour: 0)!)
        #expect(s.pendingCount == nil)
    }

    @Test func aCountStopsAtTheEdgesAndIsShownWhileTyped() {
        var s = stateAtMonday0900()
        _ = press(keys("999"), on: &s)
        #expect(s.statusMessage == "count 999")
        _ = press(keys("l"), on: &s)
        #expect(s.cursorColumn == 7 * 20 - 1)
        _ = press(keys("9j"), on: &s)
        #expect(s.cursorRow == s.allRowIndex)
        // A 0 alone is no count; a key without a count after one does it once.
        _ = press(keys("0"), on: &s)
        #expect(s.pendingCount == nil)
        _ = press(keys("h"), on: &s)
        #expect(s.cursorColumn == 7 * 20 - 2)
    }

    @Test func aDigitBoundInTheKeysFileIsThatKey() {
        var s = stateAtMonday0900()
        (s.keyBindings, _) = KeysFile.parse("bind right 4\n", file: "keys")
        _ = press(keys("4"), on: &s)
        #expect(s.cursorColumn == 3)
        #expect(s.pendingCount == nil)
    }

    // MARK: Marking

    @Test func vMarksTheCursorsSlotAndLStretchesIt() {
        var s = stateAtMonday0900()
        _ = press(keys("v"), on: &s)
        #expect(s.mark?.span == span(at(7, 9), at(7, 9, 30)))
        _ = press(keys("4l"), on: &s)
        #expect(s.mark?.span == span(at(7, 9), at(7, 11, 30)))
        // Back past where it started: the first slot stays marked.
        _ = press(keys("6h"), on: &s)
        #expect(s.mark?.span == span(at(7, 8), at(7, 9, 30)))
        _ = press([.escape], on: &s)
        #expect(s.mark == nil)
        #expect(s.statusMessage == "mark dropped")
        _ = press(keys("vv"), on: &s)
        #expect(s.mark == nil)
    }

    @Test func aMarkAcrossADayBoundary() throws {
        var s = stateAtMonday0900()
        s.workingHoursOnly = false
        s.cursorColumn = 46 // Monday 23:00 in full days
        _ = press(keys("v3l"), on: &s)
        #expect(s.mark?.span == span(at(7, 23), at(8, 1)))
        #expect(s.markSentence(zone: utc)?.hasPrefix("marked Mon 7 Dec 23:00 – Tue 8 Dec 01:00 UTC (2h)") == true)
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        try assertGolden(screen, "mark-across-midnight-80x24")
        #expect(markedColumns(screen) == 4, "Monday's 23:00 and 23:30, Tuesday's 00:00 and 00:30")
        // With working hours only, the night between is in the mark but not on screen.
        s.workingHoursOnly = true
        s.mark = nil
        s.cursorColumn = 19 // Monday 17:30
        _ = press(keys("vl"), on: &s)
        #expect(s.mark?.span == span(at(7, 17, 30), at(8, 8, 30)))
    }

    @Test func theMarkIsTimeSoAZoomChangeKeepsIt() throws {
        var s = stateAtMonday0900()
        _ = press(keys("v2l"), on: &s)
        let marked = span(at(7, 9), at(7, 10, 30))
        #expect(s.mark?.span == marked)
        _ = press(keys("+"), on: &s)
        #expect(s.mark?.span == marked)
        var screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        #expect(markedColumns(screen) == 6, "six quarter hours")
        _ = press(keys("--"), on: &s)
        #expect(s.zoom == .hour)
        #expect(s.mark?.span == marked)
        screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        #expect(markedColumns(screen) == 2, "09:00 and 10:00, each partly marked")
        s.statusMessage = nil
        screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        try assertGolden(screen, "mark-after-zoom-out-80x24")
        // Stretching again goes from the first slot, at the new zoom.
        _ = press(keys("l"), on: &s)
        #expect(s.mark?.span == span(at(7, 9), at(7, 12)))
    }

    /// How many cells of carol's row carry the mark's role (bob's has the cursor).
    func markedColumns(_ screen: ScreenBuffer) -> Int {
        let y = layout.firstAttendeeRow + 1
        return (0..<screen.width).filter { screen[$0, y].role == .mark }.count
    }

    @Test func theAccessibleModeShowsTheMarkInLetters() throws {
        var s = stateAtMonday0900()
        s.makeAccessible()
        _ = press(keys("v3l"), on: &s)
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        let bob = screen.lines[layout.firstAttendeeRow]
        // bob: busy 09:00–10:00, free 10:00–11:00: "bbmm" where "BB.." was.
        #expect(bob.contains("B.bbmmTT"), "\(bob)")
        // Across midnight, as the screen reader's user sees it.
        s.workingHoursOnly = false
        s.mark = nil
        s.cursorColumn = 46
        _ = press(keys("v3l"), on: &s)
        s.statusMessage = nil
        try assertGolden(PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24), "mark-across-midnight-80x24-accessible")
    }

    // MARK: With a mark

    @Test func bBooksExactlyTheMarkedRange() throws {
        var s = stateAtMonday0900()
        _ = press(keys("v2l") + [.char("b")], on: &s)
        guard case let .bookingForm(form) = s.mode else { Issue.record("no form: \(s.mode)"); return }
        #expect(form.start == at(7, 9))
        #expect(form.text(.duration) == "1h30m")
        _ = press(keys("Review") + [.enter], on: &s)
        let effects = press(keys("y"), on: &s)
        guard case let .book(draft)? = effects.first else { Issue.record("no booking: \(effects)"); return }
        #expect(draft.start == at(7, 9))
        #expect(draft.end == at(7, 10, 30))
        #expect(draft.title == "Review")
    }

    @Test func nAndNFindSlotsOfTheMarksLength() throws {
        var s = stateAtMonday0900()
        _ = press(keys("v2l"), on: &s)
        _ = press(keys("n"), on: &s)
        let m = try #require(s.mark)
        #expect(m.length == 5400)
        #expect(m.span.start > at(7, 9))
        let axis = TimeAxis(state: s, zone: utc)
        #expect(axis.columns[s.cursorColumn].start == m.span.start)
        let known = s.knownBusy(in: s.window).flatMap { $0 }
        #expect(!known.anyOverlaps(m.span), "everyone required who is known is free in \(m.span)")
        // Bob is busy 11:00–12:00 (tentative) and 14:00–15:00 on Tuesday: the first
        // 1h30m both he and carol have after 09:00 Monday starts at 12:00.
        #expect(m.span == span(at(7, 12), at(7, 13, 30)))
        _ = press(keys("n"), on: &s)
        let later = try #require(s.mark)
        #expect(later.span.start > at(7, 12) && later.length == 5400)
        _ = press(keys("N"), on: &s)
        #expect(s.mark?.span == span(at(7, 12), at(7, 13, 30)))
        // None earlier that long: the mark stays, and the status line says so.
        _ = press(keys("N"), on: &s)
        #expect(s.mark?.span == span(at(7, 12), at(7, 13, 30)))
        #expect(s.statusMessage == "no common free 1h30m slot earlier in this window")
    }

    @Test func theStatusLineSaysWhoIsBusyInTheMark() {
        var s = stateAtMonday0900()
        _ = press(keys("v2l"), on: &s)
        #expect(s.markSentence(zone: utc) ==
            "marked Mon 7 Dec 09:00–10:30 UTC (1h30m): busy: bob@example.com, carol@example.com (outside hours); unknown: dave@example.com, nobody@example.com, erin@example.com, frank@example.com")
        s.attendees.removeSubrange(2...)
        s.cursorColumn = 10
        s.mark = nil
        _ = press(keys("vl"), on: &s)
        #expect(s.markSentence(zone: utc) == "marked Mon 7 Dec 13:00–14:00 UTC (1h): everyone is free")
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        #expect(screen.lines[layout.statusRow].hasPrefix(" marked Mon 7 Dec 13:00–14:00 UTC (1h): everyone is free"))
    }

    @Test func yCopiesTheMarkAsText() {
        var s = stateAtMonday0900()
        s.clipboard = true
        let effects = press(keys("v2ly"), on: &s)
        #expect(effects == [.copyToClipboard("Mon 7 Dec 09:00–10:30 UTC")])
        #expect(s.statusMessage == "copied: Mon 7 Dec 09:00–10:30 UTC")
        s.clipboard = false
        #expect(press(keys("y"), on: &s).isEmpty)
        #expect(s.statusMessage?.hasPrefix("Mon 7 Dec 09:00–10:30 UTC (the clipboard is off") == true)
    }

    @Test func theRangeTextIsInTheUsersZone() throws {
        let paris = try #require(DisplayZone.named("Europe/Paris"))
        #expect(PlannerState.rangeText(span(at(8, 13), at(8, 14, 30)), zone: paris) == "Tue 8 Dec 14:00–15:30 CET")
        // An end at midnight ends that day.
        #expect(PlannerState.rangeText(span(at(8, 21), at(8, 23)), zone: paris) == "Tue 8 Dec 22:00–00:00 CET")
        let summer = span(UTCInstant(year: 2026, month: 10, day: 25, hour: 0)!, UTCInstant(year: 2026, month: 10, day: 25, hour: 2)!)
        #expect(PlannerState.rangeText(summer, zone: paris) == "Sun 25 Oct 02:00 CEST–03:00 CET")
    }

    // MARK: y on a row: the request as curl

    @Test func yOnARowAsksForItsRequest() {
        var s = stateAtMonday0900()
        #expect(press(keys("y"), on: &s) == [.showRequest(s.window, [s.attendees[0].address])])
        s.cursorRow = s.allRowIndex
        #expect(press(keys("y"), on: &s) == [.showRequest(s.window, s.attendees.map(\.address))])
        s.isDemo = true
        #expect(press(keys("y"), on: &s).isEmpty)
        #expect(s.statusMessage == "demo: there is no request to show (no server is asked)")
    }

    static let script = "#!/bin/sh\n# The HTTP requests of `avail query bob@example.com`, as curl commands.\n"
        + (1...40).map { "line \($0) of the script" + ($0 == 5 ? String(repeating: " long", count: 30) : "") }.joined(separator: "\n")
        + "\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"

    @Test func theRequestOpensInAPagerThatScrollsAndCloses() throws {
        var s = stateAtMonday0900()
        s.clipboard = true
        let message = PlannerMessage.requestScript(title: "The request for bob@example.com, as curl", text: Self.script)
        s.receive(message)
        #expect(s.followUp(message) == [.copyToClipboard(Self.script)])
        guard case let .requestScript(pager) = s.mode else { Issue.record("no pager: \(s.mode)"); return }
        #expect(pager.lines.suffix(2) == ["BEGIN:VCALENDAR", "END:VCALENDAR"], "CRLF ends a line, the CR is not shown")
        try assertGolden(PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24), "request-script-80x24")
        _ = press(keys("jjj"), on: &s)
        guard case let .requestScript(scrolled) = s.mode else { Issue.record("closed"); return }
        #expect(scrolled.top == 3)
        _ = press([.pageDown, .pageDown, .pageDown, .pageDown], on: &s)
        guard case let .requestScript(end) = s.mode else { Issue.record("closed"); return }
        let rows = end.rows(width: ScriptPager.viewport(layout).width).count
        #expect(end.top == rows - ScriptPager.viewport(layout).height, "the last page is full")
        _ = press(keys("k"), on: &s)
        _ = press(keys("q"), on: &s)
        #expect(s.mode == .grid)
    }

    @Test func aRequestTooLongForTheClipboardIsOnlyShown() {
        var s = stateAtMonday0900()
        s.clipboard = true
        let message = PlannerMessage.requestScript(title: "The request for 500 attendees, as curl",
                                                   text: String(repeating: "ATTENDEE:mailto:someone@example.com\n", count: 3000))
        s.receive(message)
        #expect(s.followUp(message).isEmpty)
        #expect(s.statusMessage == "too long for the clipboard (OSC 52): copy it from the screen")
    }

    @Test func aRequestThatCannotBeWrittenIsSaid() {
        var s = stateAtMonday0900()
        s.receive(.requestScriptFailed("cannot connect to http://127.0.0.1:9/"))
        #expect(s.statusMessage == "no request to show: cannot connect to http://127.0.0.1:9/")
        #expect(s.mode == .grid)
    }
}
