import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

/// What the renderer memoises (day ratings, the `all` row's merged busy time,
/// its sentence) is keyed on the rows' version: a cursor move keeps it, any
/// change to the rows makes a new one, and a memo never shows another state's rows.
@Suite struct RenderMemoTests {
    let layout = PlannerLayout(width: 80, height: 24)

    @Test func cursorMovesKeepTheRowsVersionChangesToRowsDoNot() throws {
        var s = sampleState()
        let before = s.rowsVersion.id
        for key: PlannerKey in [.right, .right, .down, .left, .char("n"), .char("w"), .char("w")] {
            _ = s.handle(key, zone: utc, now: now, layout: layout)
        }
        #expect(s.rowsVersion.id == before, "no key above changes a row")
        s.receive(.answers(s.window, [], organizer: nil, final: true, at: now))
        let answered = s.rowsVersion.id
        s.attendees[0].optional = true
        #expect(s.rowsVersion.id != answered)
        let optional = s.rowsVersion.id
        s.rooms.append(PlannerRoom(name: "Room 1", address: try CalendarUserAddress("room1@example.com")))
        #expect(s.rowsVersion.id != optional)
        // Two copies changed apart never share a version.
        var a = s, b = s
        a.attendees[0].answers = [:]
        b.attendees[1].answers = [:]
        #expect(a.rowsVersion.id != b.rowsVersion.id)
        #expect(a != b)
        var c = s
        c.attendees[0].optional.toggle()
        c.attendees[0].optional.toggle()
        #expect(c == s, "the version is not part of what a state is")
    }

    @Test func aMemoComputesOncePerKey() {
        let memo = ViewMemo<Int, String>()
        var runs = 0
        #expect(memo.value(for: 1) { runs += 1; return "one" } == "one")
        #expect(memo.value(for: 1) { runs += 1; return "again" } == "one")
        #expect(runs == 1)
        #expect(memo.value(for: 2) { runs += 1; return "two" } == "two")
        #expect(runs == 2)
    }

    /// A state's answers changed in place after a frame: the next frame shows
    /// the change in the all row, its day rating and its sentence.
    @Test func aChangedAnswerShowsOnTheNextFrame() throws {
        var s = sampleState()
        s.cursorRow = s.allRowIndex
        s.cursorColumn = try #require(TimeAxis(state: s, zone: utc).columns.firstIndex { $0.start == at(9, 10) })
        let first = PlannerRenderer.render(s, zone: utc, now: now, width: 160, height: 48)
        #expect(first.lines.contains { $0.contains("Wed 9 Dec Good") })
        let wednesday = { (screen: ScreenBuffer) in (screen.lines.first { $0.hasPrefix("all") } ?? "").split(separator: "│").dropFirst(2).first.map(String.init) }
        #expect(wednesday(first) == "····················")
        #expect(first.lines.contains { $0.contains("all attendees, Wed 9 Dec 10:00–10:30: everyone known is free") }, "\(first.lines.suffix(3))")
        // bob becomes busy all Wednesday.
        guard case var .answered(bob) = s.attendees[0].answer(for: s.window), let busy = bob.result.busy else { Issue.record("bob unanswered"); return }
        bob.result.busy = busy + [BusyPeriod(start: at(9, 0), end: at(10, 0))]
        s.attendees[0].answers[s.window] = .answered(bob)
        let second = PlannerRenderer.render(s, zone: utc, now: now, width: 160, height: 48)
        #expect(second.lines.contains { $0.contains("Wed 9 Dec Poor") })
        #expect(second.lines.contains { $0.contains("all attendees, Wed 9 Dec 10:00–10:30: busy: bob@example.com") })
        #expect(wednesday(second) == "████████████████████", "Wednesday all busy")
        // The first state again: its own screen, not the memo of the second.
        #expect(PlannerRenderer.render(sampleStateAtWednesday(), zone: utc, now: now, width: 160, height: 48).lines == first.lines)
    }

    func sampleStateAtWednesday() -> PlannerState {
        var s = sampleState()
        s.cursorRow = s.allRowIndex
        s.cursorColumn = TimeAxis(state: s, zone: utc).columns.firstIndex { $0.start == at(9, 10) } ?? 0
        return s
    }
}
