import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

/// The user's own meetings in the planner: their row first with the meetings
/// labelled, `m` lists them, `M` … `M` moves one, `X` cancels one.
@Suite struct PlannerMeetingTests {
    let layout = PlannerLayout(width: 100, height: 30)
    let alice = try! CalendarUserAddress("alice@example.com")
    let planning = PlannerMeeting(uid: "m-1", title: "Planning", start: at(7, 9), end: at(7, 10),
                                  replies: "1 of 2 accepted")
    let review = PlannerMeeting(uid: "m-2", title: "Design review", start: at(8, 14), end: at(8, 14, 30),
                                replies: "0 of 3 accepted, 1 declined, 1 not delivered")

    func press(_ keys: [PlannerKey], on state: inout PlannerState) -> [PlannerEffect] {
        keys.flatMap { state.handle($0, zone: utc, now: now, layout: layout) }
    }

    /// The sample week with alice's meetings read: her row is the first.
    func withMeetings() -> PlannerState {
        var s = sampleState()
        s.receive(.meetings(s.window, [review, planning], own: alice))
        return s
    }

    @Test func theOwnRowComesFirstAndIsAskedAbout() {
        var s = sampleState()
        s.cursorRow = 1 // carol
        let message = PlannerMessage.meetings(s.window, [planning], own: alice)
        s.receive(message)
        #expect(s.attendees.first?.address == alice)
        #expect(s.attendees[s.cursorRow].address.displayString == "carol@example.com", "the cursor stays on its person")
        #expect(s.isOwnRow(0) && !s.isOwnRow(1))
        #expect(s.followUp(message) == [.query(s.window, [alice, s.attendees[5].address])]) // alice, and erin still pending
        // Read again (a refresh): no second row.
        s.receive(.meetings(s.window, [planning], own: alice))
        #expect(s.attendees.filter { $0.address == alice }.count == 1)
        #expect(s.meetingsInView == [planning])
    }

    @Test func anOwnRowAlreadyThereMovesToTheTop() {
        var s = sampleState()
        s.attendees.append(AttendeeRow(address: alice))
        s.cursorRow = 6
        s.receive(.meetings(s.window, [], own: alice))
        #expect(s.attendees.count == 7 && s.attendees[0].address == alice && s.cursorRow == 0)
    }

    @Test func bookingDoesNotInviteTheOrganizer() {
        var s = withMeetings()
        s.cursorRow = 1
        _ = press([.char("b")], on: &s)
        guard case let .bookingForm(form) = s.mode else { Issue.record("no form: \(s.mode)"); return }
        #expect(!form.required.contains(alice))
        #expect(form.required.count == 6)
    }

    @Test func theOwnRowShowsMeetingsLabelled() {
        let s = withMeetings()
        let lines = PlannerRenderer.render(s, zone: utc, now: now, width: 100, height: 30).lines
        let row = lines.first { $0.hasPrefix("alice@example.com") } ?? ""
        #expect(row.contains("Pl"), "Planning, 09:00–10:00, is two half hours: \(row)")
    }

    @Test func mListsTheMeetingsInViewWithTheirReplies() throws {
        var s = withMeetings()
        _ = press([.char("m")], on: &s)
        #expect(s.mode == .meetingList([planning, review]))
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        try assertGolden(screen, "meetings-list-80x24")
        #expect(screen.lines.contains { $0.contains("0 of 3 accepted, 1 declined, 1 not delivered") })
        _ = press([.char("q")], on: &s)
        #expect(s.mode == .grid && !s.wantsQuit, "any key closes the list, q too")
    }

    @Test func mWithoutMeetingsSaysSo() {
        var s = sampleState()
        _ = press([.char("m")], on: &s)
        #expect(s.mode == .grid && s.statusMessage == "your meetings are still being read…")
        s.receive(.meetings(s.window, [], own: alice))
        _ = press([.char("m")], on: &s)
        #expect(s.statusMessage == "you organise no meetings in this window")
        var demo = sampleState()
        demo.isDemo = true
        demo.receive(.meetings(demo.window, [], own: nil))
        _ = press([.char("m")], on: &demo)
        #expect(demo.statusMessage == "no meetings in the demo")
    }

    @Test func mTwiceMovesTheMeetingToTheCursorAfterAConfirmation() throws {
        var s = withMeetings()
        s.cursorRow = 0
        s.cursorColumn = 2 // Monday 09:00: Planning
        #expect(press([.char("M")], on: &s).isEmpty)
        #expect(s.movingMeeting == planning)
        _ = press([.right, .right, .right, .right], on: &s) // 11:00
        #expect(press([.char("M")], on: &s).isEmpty)
        let draft = MeetingMoveDraft(meeting: planning, start: at(7, 11))
        #expect(s.mode == .confirmMove(draft, warnings: []))
        #expect(draft.end == at(7, 12), "the length is kept")
        try assertGolden(PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24), "move-confirmation-80x24")
        #expect(press([.char("y")], on: &s) == [.moveMeeting(draft)])
        #expect(s.mode == .grid && s.movingMeeting == nil)
    }

    @Test func aConflictAsksBeforeMovingAnyway() throws {
        var s = withMeetings()
        let draft = MeetingMoveDraft(meeting: planning, start: at(7, 11))
        s.receive(.meetingMoveConflict(draft, ["bob@example.com is busy 11:00–12:00"]))
        #expect(s.mode == .confirmMove(draft, warnings: ["bob@example.com is busy 11:00–12:00"]))
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        try assertGolden(screen, "move-conflict-80x24")
        #expect(screen.lines.contains { $0.contains("y move anyway") })
        var forced = draft
        forced.force = true
        #expect(press([.char("y")], on: &s) == [.moveMeeting(forced)])
        s.receive(.meetingMoveConflict(draft, ["bob@example.com is busy 11:00–12:00"]))
        #expect(press([.escape], on: &s).isEmpty)
        #expect(s.mode == .grid && s.statusMessage == "not moved")
    }

    @Test func mOffAMeetingOrEscapeLeavesItAlone() {
        var s = withMeetings()
        s.cursorRow = 1 // bob's row, not the user's
        s.cursorColumn = 2
        #expect(press([.char("M")], on: &s).isEmpty)
        #expect(s.movingMeeting == nil && s.statusMessage?.contains("onto one of your meetings") == true)
        s.cursorRow = 0
        _ = press([.char("M")], on: &s)
        #expect(s.movingMeeting == planning)
        _ = press([.escape], on: &s)
        #expect(s.movingMeeting == nil && s.mode == .grid && s.statusMessage == "“Planning” stays where it is")
    }

    @Test func xCancelsAfterAConfirmation() {
        var s = withMeetings()
        s.cursorRow = 0
        s.cursorColumn = 3 // Monday 09:30, inside Planning
        _ = press([.char("X")], on: &s)
        #expect(s.mode == .confirmCancel(planning))
        #expect(PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24).lines.contains { $0.contains("Cancel this meeting?") })
        #expect(press([.char("n")], on: &s).isEmpty && s.statusMessage == "not cancelled")
        _ = press([.char("X")], on: &s)
        #expect(press([.enter], on: &s).isEmpty, "only y cancels")
        #expect(press([.char("y")], on: &s) == [.cancelMeeting(planning)])
    }

    @Test func aChangeReadsEverythingAgain() {
        var s = withMeetings()
        let message = PlannerMessage.meetingChanged("moved “Planning” to Mon 2026-12-07 11:00")
        s.receive(message)
        #expect(s.statusMessage == "moved “Planning” to Mon 2026-12-07 11:00")
        #expect(s.followUp(message) == [.query(s.window, s.attendees.map(\.address), fresh: true), .readMeetings(s.window)])
        s.receive(.meetingChangeFailed("412: changed by someone else"))
        #expect(s.statusMessage == "not changed: 412: changed by someone else")
    }

    /// Several accounts: one failed while the others answered for everyone.
    /// Each row names the account that answered; the status line says which
    /// failed, for the window on screen, over nothing else it says.
    @Test func anAccountThatFailedBesideOthersIsSaidOnTheStatusLine() {
        var s = sampleState()
        let failure = "account work (http://cal.example): cannot connect to http://cal.example/"
        s.receive(.accountsFailed(WindowKey(start: s.window.start.adding(seconds: 7 * 86_400), days: 7), failure))
        #expect(s.statusMessage == nil, "another week's")
        s.statusMessage = "booked “Planning”"
        s.receive(.accountsFailed(s.window, failure))
        #expect(s.statusMessage == "booked “Planning”")
        s.statusMessage = nil
        s.receive(.accountsFailed(s.window, failure))
        #expect(s.statusMessage == failure)
    }

    @Test func aMeetingsFailureDoesNotCoverTheRowsFailure() {
        var s = sampleState()
        s.statusMessage = "the server does not support CalDAV scheduling (RFC 6638)"
        s.receive(.meetingsFailed(s.window, "403 Forbidden"))
        #expect(s.statusMessage == "the server does not support CalDAV scheduling (RFC 6638)")
        s.statusMessage = nil
        s.receive(.meetingsFailed(s.window, "403 Forbidden"))
        #expect(s.statusMessage == "your meetings: 403 Forbidden")
        #expect(s.attendees.count == 6, "no own row without an address")
    }
}
