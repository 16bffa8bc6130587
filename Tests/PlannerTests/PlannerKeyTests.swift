import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

@Suite struct PlannerKeyTests {
    let layout = PlannerLayout(width: 80, height: 24)

    /// The effects of the keys, less directory look-ups (PlannerDirectoryTests has those).
    func press(_ keys: [PlannerKey], on state: inout PlannerState) -> [PlannerEffect] {
        keys.flatMap { state.handle($0, zone: utc, now: now, layout: layout) }.filter {
            if case .searchPeople = $0 { return false }
            return true
        }
    }

    @Test func movesAndScrollsWithTheCursor() {
        var s = sampleState()
        _ = press([.right, .char("l"), .down, .char("j"), .up], on: &s)
        #expect(s.cursorColumn == 2 && s.cursorRow == 1)
        _ = press(Array(repeating: .right, count: 70), on: &s)
        #expect(s.cursorColumn == 72)
        #expect(s.firstVisibleColumn > 0)
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        #expect(screen.cells.contains { $0.role == .cursor }) // the cursor is on screen
        _ = press(Array(repeating: .left, count: 100), on: &s)
        #expect(s.cursorColumn == 0 && s.firstVisibleColumn == 0)
        _ = press(Array(repeating: .down, count: 20), on: &s)
        #expect(s.cursorRow == s.allRowIndex)
    }

    @Test func pagingWindowsAsksForTheNewWeekAndKeepsTheOld() {
        var s = sampleState()
        let first = s.window
        let effects = press([.char("L")], on: &s)
        #expect(s.windowStart == at(14, 0))
        // The user's own meetings are read for the new week too.
        #expect(effects == [.query(s.window, s.attendees.map(\.address)), .readMeetings(s.window)])
        #expect(s.attendees[0].answer(for: s.window) == .pending)
        #expect(s.attendees[0].answer(for: first).busy != nil) // kept, not painted
        // Back to the first week: only the attendee never answered there is asked again.
        #expect(press([.pageUp], on: &s) == [.query(first, [s.attendees[4].address]), .readMeetings(first)])
        #expect(s.window == first)
        _ = press([.char("L"), .char("t")], on: &s)
        #expect(s.windowStart == at(7, 0))
    }

    @Test func answersForAnotherWindowDoNotPaintOverThisOne() {
        var s = sampleState()
        _ = press([.char("L")], on: &s)
        let other = WindowKey(start: at(7, 0), days: 7)
        s.receive(.failed(other, s.attendees.map(\.address), message: "late failure", at: now))
        #expect(s.attendees[0].answer(for: s.window) == .pending)
        #expect(s.statusMessage == nil)
    }

    @Test func zoomAndHoursKeepTheCursorTime() {
        var s = sampleState()
        _ = press(Array(repeating: .right, count: 4), on: &s) // 10:00
        _ = press([.char("-")], on: &s)
        #expect(s.zoom == .hour && s.cursorColumn == 2)
        _ = press([.char("w")], on: &s)
        #expect(!s.workingHoursOnly && s.cursorColumn == 10)
        _ = press([.char("+"), .char("+"), .char("+")], on: &s)
        #expect(s.zoom == .quarterHour)
    }

    @Test func addRemoveAndComplete() {
        var s = sampleState()
        s.recentAttendees = ["grace@example.com", "bob@example.com"]
        var effects = press([.char("a"), .char("g"), .tab, .enter], on: &s)
        #expect(s.attendees.last?.address.uri == "mailto:grace@example.com")
        #expect(effects == [.query(s.window, [try! CalendarUserAddress("grace@example.com")])])
        #expect(s.cursorRow == s.attendees.count - 1)
        effects = press([.char("a")] + "not an address".map { PlannerKey.char($0) } + [.enter], on: &s)
        #expect(effects == [] && s.statusMessage?.contains("not an email address") == true)
        effects = press([.char("a")] + "BOB@example.com".map { PlannerKey.char($0) } + [.enter], on: &s)
        #expect(effects == [] && s.statusMessage == "BOB@example.com is already here")
        let count = s.attendees.count
        _ = press([.char("d")], on: &s)
        #expect(s.attendees.count == count - 1)
        _ = press([.char("a"), .char("x"), .escape], on: &s)
        #expect(s.mode == .grid && s.attendees.count == count - 1)
    }

    @Test func nextCommonFreeSlot() {
        var s = sampleState()
        _ = press([.char("n")], on: &s)
        // 08:30 is free for bob and carol (the only ones known).
        let axis = TimeAxis(state: s, zone: utc)
        #expect(axis.columns[s.cursorColumn].start == at(7, 8, 30))
        #expect(s.cursorRow == s.allRowIndex)
        #expect(s.statusMessage == "free: 30m from here (2 of 6 known)")
        _ = press([.char("D")] + Array(repeating: PlannerKey.backspace, count: 5) + "1h".map { PlannerKey.char($0) } + [.enter], on: &s)
        #expect(s.meetingDuration == 3600)
        _ = press([.char("n")], on: &s)
        #expect(TimeAxis(state: s, zone: utc).columns[s.cursorColumn].start == at(7, 12))
        _ = press([.char("N")], on: &s)
        #expect(s.statusMessage?.hasPrefix("no common free 1h slot earlier") == true)
    }

    @Test func helpQuitAndUnknownKeys() {
        var s = sampleState()
        _ = press([.char("?")], on: &s)
        #expect(s.mode == .help)
        #expect(press([.char("q")], on: &s) == []) // q closes the help, it does not quit
        #expect(s.mode == .grid && !s.wantsQuit)
        _ = press([.char("Z")], on: &s)
        #expect(s.statusMessage?.contains("no such key") == true)
        #expect(press([.char("q")], on: &s) == [.quit])
        var t = sampleState()
        #expect(press([.ctrl("c")], on: &t) == [.quit])
    }

    @Test func everyActionHasAKeyAndHelp() {
        var seen: Set<String> = []
        for a in PlannerAction.allCases {
            #expect(!a.keys.isEmpty && !a.help.isEmpty)
            for k in a.keys { #expect(seen.insert("\(k)").inserted, "key \(k) bound twice") }
        }
    }

    @Test func durations() {
        #expect(PlannerState.parseDuration("30m") == 1800)
        #expect(PlannerState.parseDuration("1h30m") == 5400)
        #expect(PlannerState.parseDuration("45") == 2700)
        #expect(PlannerState.parseDuration("2d") == nil)
        #expect(PlannerState.parseDuration("") == nil)
        #expect(PlannerState.parseDuration("h") == nil)
        #expect(PlannerState.formatDuration(5400) == "1h30m")
    }
}

@Suite struct PlannerCacheStateTests {
    @Test func staleCachedRowsShowTheirAgeAndKeepTheirAnswerWhenTheRefreshFails() {
        var s = sampleState()
        let window = s.window
        let bob = s.attendees[0].address
        let cachedResult = RecipientResult(recipient: bob, status: RequestStatus(parsing: "2.0"), busy: [BusyPeriod(start: at(7, 9), end: at(7, 10))])
        s.receive(.answers(window, [FreeBusyAnswer(result: cachedResult, source: .cache, fetched: at(7, 7, 50), stale: true)],
                        organizer: nil, final: false, at: now))
        var lines = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24).lines
        #expect(lines.first { $0.hasPrefix("bob@") }?.contains("2.0 10m old") == true)
        #expect(lines[lines.count - 2].contains("bob@example.com, Mon 7 Dec 08:00–08:30: free; cached 10m ago, refreshing"))
        s.receive(.failed(window, [bob], message: "cannot connect to http://127.0.0.1:9/", at: now))
        #expect(s.attendees[0].answer(for: window).result == cachedResult) // kept
        s.statusMessage = nil
        lines = PlannerRenderer.render(s, zone: utc, now: now, width: 120, height: 24).lines
        #expect(lines[lines.count - 2].contains("free; cached 10m ago, refresh failed: cannot connect"))
        // A fresh answer replaces it and the row is no longer stale.
        s.receive(.answers(window, [FreeBusyAnswer(result: cachedResult, source: .server, fetched: now)],
                        organizer: "alice@example.com", final: true, at: now))
        lines = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24).lines
        #expect(lines.first { $0.hasPrefix("bob@") }?.contains("2.0 ok") == true)
        #expect(s.request == .done(at: now))
    }
}

@Suite struct PlannerOptionalTests {
    let layout = PlannerLayout(width: 80, height: 24)

    @Test func optionalAttendeesDoNotBlockAndShowALighterMark() {
        var s = sampleState()
        _ = s.handle(.char("o"), zone: utc, now: now, layout: layout) // bob (row 0) becomes optional
        #expect(s.attendees[0].optional)
        #expect(s.statusMessage == "bob@example.com is optional")
        let lines = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24).lines
        #expect(lines.first { $0.hasPrefix("bob@") }?.contains("(opt)") == true)
        let all = lines.first { $0.hasPrefix("all") } ?? ""
        #expect(all.contains("1/5 known"))
        // 08:00–08:30: bob (optional) busy, carol free → the lighter mark.
        #expect(all.contains("○"))
        _ = s.handle(.char("n"), zone: utc, now: now, layout: layout)
        // Carol is the only required attendee known: 08:30 is free for her (bob's 09:00 no longer blocks).
        #expect(TimeAxis(state: s, zone: utc).columns[s.cursorColumn].start == at(7, 8, 30))
        _ = s.handle(.char("n"), zone: utc, now: now, layout: layout)
        #expect(TimeAxis(state: s, zone: utc).columns[s.cursorColumn].start == at(7, 9))
        #expect(s.statusMessage == "free: 30m from here (1 of 5 known); optional bob@example.com busy", "the slot finder's reason")
    }
}

@Suite struct PlannerFailureTests {
    @Test func aFailedRowSaysWhyOthersAreUnaffectedAndRRetries() {
        var s = sampleState()
        let layout = PlannerLayout(width: 100, height: 24)
        s.cursorRow = 5 // frank: his request failed
        let lines = PlannerRenderer.render(s, zone: utc, now: now, width: 100, height: 24).lines
        #expect(lines.first { $0.hasPrefix("frank@") }?.contains("err") == true)
        #expect(lines.first { $0.hasPrefix("bob@") }?.contains("2.0 ok") == true)
        #expect(lines[lines.count - 2].contains("frank@example.com, Mon 7 Dec 08:00–08:30: no answer: cannot connect to http://127.0.0.1:9/"))
        let effects = s.handle(.char("r"), zone: utc, now: now, layout: layout)
        // r asks the server, not the cache: the cache may hold an answer younger than its TTL.
        // Replies to the user's meetings arrive with the next reading: r reads them again.
        #expect(effects == [.query(s.window, s.attendees.map(\.address), fresh: true), .readMeetings(s.window)])
    }
}

@Suite struct PlannerDirectoryTests {
    let layout = PlannerLayout(width: 100, height: 24)

    @Test func typingAsksTheDirectoryAndTabTakesItsAnswer() {
        var s = sampleState()
        var effects = s.handle(.char("a"), zone: utc, now: now, layout: layout)
        effects += s.handle(.char("g"), zone: utc, now: now, layout: layout)
        #expect(effects.isEmpty) // one letter: too little to ask about
        effects = s.handle(.char("r"), zone: utc, now: now, layout: layout)
        #expect(effects == [.searchPeople("gr")])
        // An answer for older text is dropped; the one for "gr" is shown.
        s.receive(.people(query: "g", [PersonSuggestion(name: "Wrong", address: "wrong@example.com")]))
        s.receive(.people(query: "gr", [PersonSuggestion(name: "Grace Hopper", address: "grace@example.com")]))
        let line = PlannerRenderer.render(s, zone: utc, now: now, width: 100, height: 24).lines[22]
        #expect(line.contains("Tab: Grace Hopper <grace@example.com>"), "\(line)")
        _ = s.handle(.tab, zone: utc, now: now, layout: layout)
        effects = s.handle(.enter, zone: utc, now: now, layout: layout)
        #expect(s.attendees.last?.address.uri == "mailto:grace@example.com")
        #expect(effects == [.query(s.window, s.attendees.suffix(1).map(\.address))])
    }
}
