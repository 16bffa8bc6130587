import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

@Suite struct PlannerRenderTests {
    @Test func goldenAt80x24() throws {
        try assertGolden(PlannerRenderer.render(sampleState(), zone: utc, now: now, width: 80, height: 24), "week-80x24")
    }

    @Test func goldenAt160x48() throws {
        try assertGolden(PlannerRenderer.render(sampleState(), zone: utc, now: now, width: 160, height: 48), "week-160x48")
    }

    @Test func goldenASCII() throws {
        let screen = PlannerRenderer.render(sampleState(glyphs: .ascii), zone: utc, now: now, width: 80, height: 24)
        try assertGolden(screen, "week-80x24-ascii")
        #expect(screen.lines.allSatisfy { $0.allSatisfy(\.isASCII) }, "--ascii leaves a non-ASCII symbol")
        var help = sampleState(glyphs: .ascii)
        help.mode = .help
        #expect(PlannerRenderer.render(help, zone: utc, now: now, width: 80, height: 24).lines.allSatisfy { $0.allSatisfy(\.isASCII) })
    }

    @Test func goldenHelp() throws {
        var s = sampleState()
        s.mode = .help
        try assertGolden(PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24), "help-80x24")
    }

    @Test func theHeaderKeepsTheRequestStateWhenSpaceIsShort() {
        var s = sampleState()
        s.isDemo = true
        s.organizer = "someone.with.a.very.long.address@example.com"
        let header = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24).lines[0]
        #expect(header.hasPrefix(" avail DEMO "))
        #expect(header.hasSuffix("✓ 4/6 answered 1m ago "))
        let narrow = PlannerRenderer.render(s, zone: utc, now: now, width: 62, height: 24).lines[0]
        #expect(narrow.hasSuffix("✓ 4/6 1m "), "\(narrow)")
    }

    @Test func tooSmallSaysSo() {
        let screen = PlannerRenderer.render(sampleState(), zone: utc, now: now, width: 40, height: 10)
        #expect(screen.lines[0].hasPrefix("Terminal too small: 40×10."))
    }

    @Test func everyStatusShowsInItsRow() {
        let lines = PlannerRenderer.render(sampleState(), zone: utc, now: now, width: 80, height: 24).lines
        let row = { (name: String) in lines.first { $0.hasPrefix(name) } ?? "" }
        #expect(row("bob@").contains("2.0 ok"))
        #expect(row("dave@").contains("3.8 no auth"))
        #expect(row("nobody@").contains("3.7 unknown"))
        #expect(row("erin@").contains("…"))
        #expect(row("frank@").contains("err"))
        #expect(row("dave@").contains("?"))
        #expect(row("bob@").contains("█") && row("bob@").contains("▒"))
        #expect(row("carol@").contains("░"), "outside her hours: the lightest shade")
        #expect(row("all").contains("·"))
    }

    /// The day strip rates each day for the meeting. A 4 h meeting on Monday
    /// fits only from 12:00 (bob busy 09–10, tentative 11–12; carol outside her
    /// hours 09:30–10:30): 5 of 13 half-hourly starts from 08:00 work, Fair.
    /// Tuesday's longest common gap is 3 h (carol 10–12, bob 14–15) and
    /// Thursday is bob's all-day event: Poor. Wednesday is free: Good.
    @Test func daysAreRatedForTheMeeting() {
        var s = sampleState()
        s.meetingDuration = 4 * 3600
        let lines = PlannerRenderer.render(s, zone: utc, now: now, width: 160, height: 48).lines
        let days = lines[2]
        #expect(days.contains("Mon 7 Dec Fair") && days.contains("Tue 8 Dec Poor") && days.contains("Wed 9 Dec Good")
                && days.contains("Thu 10 Dec Poor"), "\(days)")
    }

    @Test func cellsPickTheStrongestType() {
        var s = sampleState()
        s.zoom = .twoHours
        let lines = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24).lines
        let carol = lines.first { $0.hasPrefix("carol@") } ?? ""
        // 08:00–10:00 holds carol's BUSY-UNAVAILABLE 09:30 only; 10:00–12:00 has BUSY 10:00–12:00 Tue only.
        #expect(carol.contains("░"))
    }

    @Test func hostileNamesCannotControlTheTerminal() {
        var b = ScreenBuffer(width: 20, height: 1)
        b.put("a\u{1B}[2Jb\u{7}c", x: 0, y: 0)
        #expect(b.lines[0].hasPrefix("a?[2Jb?c"))
        // Bidi overrides and line separators are controls here as everywhere else.
        var bidi = ScreenBuffer(width: 20, height: 1)
        bidi.put("right\u{202E}left\u{2028}x\u{9B}y", x: 0, y: 0)
        #expect(bidi.lines[0].hasPrefix("right?left?x?y"))
        var w = ScreenBuffer(width: 6, height: 1)
        #expect(w.put("日本語x", x: 0, y: 0) == 6)
        #expect(w.lines[0] == "日本語")
    }
}

@Suite struct WideNameTests {
    @Test func cjkEmojiAndCombiningNamesKeepTheGridAligned() throws {
        var s = sampleState()
        let names = ["山田太郎@example.jp", "😀party@example.com", "e\u{301}tienne@example.com", "\u{1B}]0;pwned\u{07}@example.com"]
        for (i, n) in names.enumerated() { s.attendees[i].address = CalendarUserAddress(uncheckedURI: "mailto:" + n) }
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        let layout = PlannerLayout(width: 80, height: 24)
        for y in layout.firstAttendeeRow..<(layout.firstAttendeeRow + names.count) {
            // The first time cell of every row sits at the same column and holds a glyph.
            #expect(["█", "▓", "▒", "·", "?"].contains(screen[layout.gridX, y].text), "row \(y): \(screen.lines[y])")
            // Nothing before it spills over: the columns up to the grid add up to gridX.
            // (a wide character counts 2 and its right half, an empty cell, 0).
            #expect((0..<layout.gridX).map { screen[$0, y].text.terminalWidth }.reduce(0, +) == layout.gridX)
        }
        #expect(!screen.lines.joined().unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }
}
