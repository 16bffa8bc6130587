import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

/// `b` in the planner: the form, the confirmation, the effect, and what the
/// answers from the booking do to the screen.
@Suite struct PlannerBookingTests {
    let layout = PlannerLayout(width: 80, height: 24)

    func press(_ keys: [PlannerKey], on state: inout PlannerState) -> [PlannerEffect] {
        keys.flatMap { state.handle($0, zone: utc, now: now, layout: layout) }
    }

    func type(_ text: String) -> [PlannerKey] { text.map { PlannerKey.char($0) } }

    /// Cursor on Tuesday 8 December 13:00 (column 0 is Monday 08:00, half hours, 08–18 shown).
    func stateAtTuesday1300() -> PlannerState {
        var s = sampleState()
        s.attendees[1].optional = true // carol
        s.cursorColumn = 20 + 10 // Tuesday's first column, then five hours on
        return s
    }

    @Test func bOpensAFormForTheCursorsTimeWithEveryone() throws {
        var s = stateAtTuesday1300()
        _ = press([.char("b")], on: &s)
        guard case let .bookingForm(form) = s.mode else { Issue.record("no form: \(s.mode)"); return }
        #expect(form.start == at(8, 13))
        #expect(form.text(.duration) == "30m")
        #expect(form.required.map(\.displayString) == ["bob@example.com", "dave@example.com", "nobody@example.com", "erin@example.com", "frank@example.com"])
        #expect(form.optional.map(\.displayString) == ["carol@example.com"])
    }

    @Test func fillingTheFormThenYesGivesABookEffect() throws {
        var s = stateAtTuesday1300()
        var effects = press([.char("b")] + type("Planning, Q1") + [.tab, .ctrl("u")] + type("1h") + [.tab] + type("Room 1") + [.enter], on: &s)
        #expect(effects.isEmpty)
        guard case let .confirmBooking(draft, warnings) = s.mode else { Issue.record("no confirmation: \(s.mode)"); return }
        #expect(warnings.isEmpty)
        #expect(draft.title == "Planning, Q1" && draft.duration == 3600 && draft.location == "Room 1")
        #expect(draft.end == at(8, 14))
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        #expect(screen.lines.contains { $0.contains("“Planning, Q1”") })
        #expect(screen.lines.contains { $0.contains("Tue 8 Dec 13:00–14:00") && $0.contains("at Room 1") })
        #expect(screen.lines.contains { $0.contains("Optional: carol@example.com") })
        effects = press([.char("y")], on: &s)
        #expect(effects == [.book(draft)])
        #expect(s.mode == .grid)
        #expect(s.statusMessage == "booking “Planning, Q1”…")
    }

    @Test func anEmptyTitleOrBadDurationIsRefusedInTheForm() throws {
        var s = stateAtTuesday1300()
        _ = press([.char("b"), .enter], on: &s)
        guard case let .bookingForm(form) = s.mode else { Issue.record("left the form: \(s.mode)"); return }
        #expect(form.problem == "give the meeting a title")
        _ = press(type("x") + [.down, .ctrl("u")] + type("soon") + [.enter], on: &s)
        guard case let .bookingForm(again) = s.mode else { Issue.record("left the form: \(s.mode)"); return }
        #expect(again.focus == .duration)
        #expect(again.problem?.contains("not a duration") == true)
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        #expect(screen.lines.contains { $0.contains("\"soon\" is not a duration") })
    }

    /// A prefilled field given focus is selected: typing replaces the value
    /// ("99h", not "30m99h"), as in other forms; a movement key keeps it.
    @Test func typingIntoAFreshlyFocusedFieldReplacesItsValue() throws {
        var s = stateAtTuesday1300()
        _ = press([.char("b")] + type("Sync") + [.tab] + type("1h"), on: &s)
        guard case let .bookingForm(form) = s.mode else { Issue.record("left the form: \(s.mode)"); return }
        #expect(form.text(.duration) == "1h")
        #expect(form.text(.title) == "Sync")
        // Back to the title: selected again; End then typing appends.
        _ = press([.up, .end] + type(" 2"), on: &s)
        guard case let .bookingForm(appended) = s.mode else { Issue.record("left the form: \(s.mode)"); return }
        #expect(appended.text(.title) == "Sync 2")
        // Backspace on a selected value clears it.
        _ = press([.down, .backspace] + type("45m") + [.enter], on: &s)
        guard case let .confirmBooking(draft, _) = s.mode else { Issue.record("no confirmation: \(s.mode)"); return }
        #expect(draft.duration == 45 * 60 && draft.title == "Sync 2")
        // A refused duration is focused and selected, so the next try replaces it.
        var t = stateAtTuesday1300()
        _ = press([.char("b")] + type("T") + [.tab] + type("99h") + [.enter] + type("2h") + [.enter], on: &t)
        guard case let .confirmBooking(retried, _) = t.mode else { Issue.record("no confirmation: \(t.mode)"); return }
        #expect(retried.duration == 7200)
    }

    @Test func theDurationPromptReplacesItsPrefilledValueToo() {
        var s = stateAtTuesday1300()
        _ = press([.char("D")] + type("1h") + [.enter], on: &s)
        #expect(s.meetingDuration == 3600)
        _ = press([.char("D"), .end] + type("30m") + [.enter], on: &s)
        #expect(s.meetingDuration == 3600 + 1800)
        _ = press([.char("D")] + type("25h") + [.enter], on: &s)
        #expect(s.meetingDuration == 3600 + 1800)
        #expect(s.statusMessage == "\"25h\" is longer than the 24h allowed")
    }

    /// An hour from the first 02:30 on the night Berlin's clocks go back ends
    /// at 02:30 again: the confirmation names both zones, not "02:30–02:30".
    @Test func theConfirmationNamesBothZonesAcrossAClockChange() throws {
        let berlin = try #require(DisplayZone.named("Europe/Berlin"))
        var s = stateAtTuesday1300()
        let start = try #require(UTCInstant(year: 2028, month: 10, day: 29, hour: 0, minute: 30))
        s.mode = .confirmBooking(BookingDraft(start: start, duration: 3600, title: "Night", location: "",
                                              required: s.attendees.map(\.address), optional: []), warnings: [])
        let screen = PlannerRenderer.render(s, zone: berlin, now: now, width: 80, height: 24)
        #expect(screen.lines.contains { $0.contains("02:30 CEST–02:30 CET") }, "\(screen.lines.joined(separator: "\n"))")
    }

    @Test func escapeCancelsAndNothingIsBooked() {
        var s = stateAtTuesday1300()
        let effects = press([.char("b")] + type("Sync") + [.enter, .escape], on: &s)
        #expect(effects.isEmpty)
        #expect(s.mode == .grid)
        #expect(s.statusMessage == "not booked")
    }

    @Test func nGoesBackToTheFormKeepingWhatWasTyped() {
        var s = stateAtTuesday1300()
        _ = press([.char("b")] + type("Sync") + [.enter, .char("n")], on: &s)
        guard case let .bookingForm(form) = s.mode else { Issue.record("not back in the form: \(s.mode)"); return }
        #expect(form.text(.title) == "Sync")
    }

    @Test func aConflictAsksAgainAndYesBooksAnyway() throws {
        var s = stateAtTuesday1300()
        let first = press([.char("b")] + type("Sync") + [.enter, .char("y")], on: &s)
        guard case let .book(draft)? = first.first else { Issue.record("no book effect"); return }
        #expect(!draft.force)
        s.receive(.bookingConflict(draft, ["bob@example.com is busy 13:00–13:30"]))
        guard case let .confirmBooking(_, warnings) = s.mode else { Issue.record("no second confirmation: \(s.mode)"); return }
        #expect(warnings == ["bob@example.com is busy 13:00–13:30"])
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        #expect(screen.lines.contains { $0.contains("Someone is busy") })
        #expect(screen.lines.contains { $0.contains("! bob@example.com is busy 13:00–13:30") })
        let effects = press([.char("y")], on: &s)
        guard case let .book(forced)? = effects.first else { Issue.record("no book effect"); return }
        #expect(forced.force)
    }

    @Test func bookedAsksEveryoneAgainAndSaysHowItWent() {
        var s = stateAtTuesday1300()
        let message = PlannerMessage.booked("booked “Sync” Tue 2026-12-08 13:00: 6 of 6 invitations delivered")
        s.receive(message)
        #expect(s.statusMessage?.hasPrefix("booked “Sync”") == true)
        #expect(s.followUp(message) == [.query(s.window, s.attendees.map(\.address)), .readMeetings(s.window)])
        s.receive(.bookingFailed("403: alice lacks DAV:write"))
        #expect(s.statusMessage == "not booked: 403: alice lacks DAV:write")
        #expect(s.followUp(.bookingFailed("x")).isEmpty)
    }

    /// After a booking only the meeting's hour is cached: painting that at once
    /// would turn the rest of the week to "?" until the server answers.
    @Test func aCachedAnswerWithHolesDoesNotReplaceAWholeOne() throws {
        var s = stateAtTuesday1300()
        let before = s.attendees[0].answer(for: s.window)
        let partial = RecipientResult(recipient: s.attendees[0].address, status: RequestStatus(code: "2.0"),
                                      busy: [BusyPeriod(start: at(8, 13), end: at(8, 14))])
        let hole = try #require(TimeWindow(start: at(7, 0), end: at(8, 13)))
        s.receive(.answers(s.window, [FreeBusyAnswer(result: partial, source: .cache, fetched: now, gaps: [hole])],
                        organizer: nil, final: false, at: now))
        #expect(s.attendees[0].answer(for: s.window) == before)
        s.receive(.answers(s.window, [FreeBusyAnswer(result: partial, source: .server, fetched: now)],
                        organizer: nil, final: true, at: now))
        #expect(s.attendees[0].answer(for: s.window).result == partial)
    }

    @Test func theDemoDoesNotPretendToBook() {
        var s = stateAtTuesday1300()
        s.isDemo = true
        _ = press([.char("b")], on: &s)
        #expect(s.mode == .grid)
        #expect(s.statusMessage?.hasPrefix("demo:") == true)
    }

    @Test func goldenBookingForm() throws {
        var s = stateAtTuesday1300()
        _ = press([.char("b")] + type("Planning") + [.tab], on: &s)
        try assertGolden(PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24), "booking-form-80x24")
    }
}
