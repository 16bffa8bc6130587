import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

/// The room section: rooms below the people, the `all` row free only where
/// the people and at least one room are, and n/N by the same rule.
@Suite struct PlannerRoomsTests {
    let layout = PlannerLayout(width: 100, height: 30)

    /// bob busy Mon 09:00–10:00; Room 1 (8 seats) busy Tue 09:00–11:00 like
    /// the test server's room1; Room 2 free unless `roomTwoBusy` says when.
    func roomsState(roomTwoBusy: [BusyPeriod] = [], roomTwoAnswered: Bool = true) throws -> PlannerState {
        var s = PlannerState(windowStart: at(7, 0), accountLabel: "alice@127.0.0.1")
        let bob = try CalendarUserAddress("bob@example.com")
        s.attendees = [AttendeeRow(address: bob)]
        s.rooms = [PlannerRoom(name: "Room 1", address: try CalendarUserAddress("room1@example.com"), capacity: 8),
                   PlannerRoom(name: nil, address: try CalendarUserAddress("room2@example.com"))]
        func answer(_ who: CalendarUserAddress, _ busy: [BusyPeriod]) -> FreeBusyAnswer {
            FreeBusyAnswer(result: RecipientResult(recipient: who, status: RequestStatus(parsing: "2.0"), busy: busy), source: .server, fetched: at(7, 7, 59))
        }
        var rows = [answer(bob, [BusyPeriod(start: at(7, 9), end: at(7, 10))]),
                    answer(s.rooms[0].address, [BusyPeriod(start: at(8, 9), end: at(8, 11))])]
        if roomTwoAnswered { rows.append(answer(s.rooms[1].address, roomTwoBusy)) }
        s.receive(.answers(s.window, rows, organizer: "alice@example.com", final: true, at: at(7, 7, 59)))
        s.receive(.roomNames(["mailto:room2@example.com": "Room 2", "mailto:room1@example.com": "not this"]))
        return s
    }

    func column(_ s: PlannerState, at instant: UTCInstant) throws -> Int {
        try #require(TimeAxis(state: s, zone: utc).columns.firstIndex { $0.start == instant })
    }

    func slot(_ start: UTCInstant) -> TimeSpan { TimeSpan(start: start, end: start.adding(seconds: 1800))! }

    @Test func answersAndDirectoryNamesReachTheRoomRows() throws {
        let s = try roomsState()
        #expect(s.rooms[0].row.answer(for: s.window).busy?.count == 1)
        #expect(s.rooms[1].row.answer(for: s.window).busy == [])
        // The directory names the room known only by its address; the config's name stays.
        #expect(s.rooms.map(\.label) == ["Room 1", "Room 2"])
    }

    @Test func theAllRowNeedsOneFreeRoom() throws {
        let s = try roomsState()
        #expect(s.roomStanding(in: slot(at(8, 9))) == .free([s.rooms[1]]), "Room 1 busy, Room 2 free")
        #expect(s.roomStanding(in: slot(at(8, 12))) == .free(s.rooms))
        let bothBusy = try roomsState(roomTwoBusy: [BusyPeriod(start: at(8, 10), end: at(8, 12))])
        #expect(bothBusy.roomStanding(in: slot(at(8, 10))) == .noneFree)
        #expect(bothBusy.roomStanding(in: slot(at(8, 9))) == .free([bothBusy.rooms[1]]))
        // Room 2 not answered: where Room 1 is busy, no room is known to be free.
        let pending = try roomsState(roomTwoAnswered: false)
        #expect(pending.roomStanding(in: slot(at(8, 9))) == .unknown)
        #expect(pending.roomStanding(in: slot(at(8, 12))) == .free([pending.rooms[0]]))
        var none = s
        none.rooms = []
        #expect(none.roomStanding(in: slot(at(8, 9))) == .notAsked)
    }

    @Test func theAllRowCellsFollowTheRule() throws {
        var s = try roomsState(roomTwoBusy: [BusyPeriod(start: at(8, 10), end: at(8, 12))])
        s.cursorRow = s.allRowIndex
        let lines = PlannerRenderer.render(s, zone: utc, now: now, width: 100, height: 30).lines
        let all = try #require(lines.first { $0.hasPrefix("all") })
        let gridX = PlannerLayout(width: 100, height: 30).gridX
        // Tuesday from 08:00: 08:00 free (both rooms), 09:00 free (Room 2), 10:00–11:00 no room, 11:00 Room 2 busy but Room 1 free.
        let axis = TimeAxis(state: s, zone: utc)
        let visible = axis.layout(firstVisible: 0, width: layout.gridWidth)
        func cell(_ t: UTCInstant) throws -> Character {
            let i = try column(s, at: t)
            let x = try #require(visible.first { $0.index == i }).x
            return Array(all)[gridX + x]
        }
        #expect(try cell(at(8, 8)) == "·")
        #expect(try cell(at(8, 9)) == "·")
        #expect(try cell(at(8, 10)) == "█", "people free, both rooms busy: not free")
        #expect(try cell(at(8, 11)) == "·")
        #expect(try cell(at(7, 9)) == "█", "bob busy")
        #expect(lines.contains { $0.hasPrefix("Rooms") })
        #expect(lines.contains { $0.hasPrefix("Room 1 (8)") && $0.contains("2.0 ok") })
    }

    @Test func theFocusSentenceSaysWhichRoomsAreFree() throws {
        var s = try roomsState()
        s.cursorRow = s.allRowIndex
        s.cursorColumn = try column(s, at: at(8, 9))
        let axis = TimeAxis(state: s, zone: utc)
        #expect(FocusSentence.text(s, axis: axis, zone: utc, now: now)
                == "all attendees, Tuesday 8 December 09:00 to 09:30 UTC: everyone required: free; rooms free: Room 2")
        s.cursorRow = s.roomRowIndex(0)
        #expect(FocusSentence.text(s, axis: axis, zone: utc, now: now)
                == "Room 1 (room, 8 seats), Tuesday 8 December 09:00 to 09:30 UTC: busy, 09:00 to 11:00")
        let both = try roomsState(roomTwoBusy: [BusyPeriod(start: at(8, 9), end: at(8, 10))])
        var b = both
        b.cursorRow = b.allRowIndex
        b.cursorColumn = try column(b, at: at(8, 9))
        #expect(FocusSentence.text(b, axis: axis, zone: utc, now: now)?.hasSuffix("everyone required: free; no room is free") == true)
    }

    @Test func nextSlotNeedsARoom() throws {
        // Both rooms busy Tue 09:00–10:00, Room 1 until 11:00: from Tue 08:30 the next time is 10:00 in Room 2.
        var s = try roomsState(roomTwoBusy: [BusyPeriod(start: at(8, 9), end: at(8, 10))])
        s.cursorRow = s.allRowIndex
        s.cursorColumn = try column(s, at: at(8, 8, 30))
        _ = s.handle(.char("n"), zone: utc, now: now, layout: layout)
        #expect(s.cursorColumn == (try column(s, at: at(8, 10))))
        #expect(s.statusMessage == "free: 30m from here in Room 2")
        // At 11:00 both are free: the first in the order shown is named.
        s.cursorColumn = try column(s, at: at(8, 10, 30))
        _ = s.handle(.char("n"), zone: utc, now: now, layout: layout)
        #expect(s.statusMessage == "free: 30m from here in Room 1")
        s.cursorColumn = try column(s, at: at(8, 11))
        _ = s.handle(.char("N"), zone: utc, now: now, layout: layout)
        #expect(s.cursorColumn == (try column(s, at: at(8, 10, 30))))
        // No room answered: n says so instead of finding people-only times.
        var unknown = try roomsState(roomTwoAnswered: false)
        unknown.rooms[0].row.answers = [:]
        _ = unknown.handle(.char("n"), zone: utc, now: now, layout: layout)
        #expect(unknown.statusMessage == "no room's time is known yet")
    }

    @Test func dayRatingsCountOnlyTimesWithARoom() throws {
        // Both rooms busy all Tuesday: Tuesday is Poor although bob is free.
        let allDay = [BusyPeriod(start: at(8, 0), end: at(9, 0))]
        var s = try roomsState(roomTwoBusy: allDay)
        s.rooms[0].row.answers[s.window] = s.rooms[1].row.answers[s.window]
        let ratings = s.dayRatings(axis: TimeAxis(state: s, zone: utc), zone: utc)
        #expect(ratings[1] == .poor)
        #expect(ratings[2] == .good)
        // No room answered yet: no rating, rather than every day Poor.
        var pending = try roomsState(roomTwoAnswered: false)
        pending.rooms[0].row.answers = [:]
        #expect(pending.dayRatings(axis: TimeAxis(state: pending, zone: utc), zone: utc).isEmpty)
    }

    @Test func keysMoveIntoRemoveAndToggleRooms() throws {
        var s = try roomsState()
        s.knownRooms = s.rooms
        _ = s.handle(.down, zone: utc, now: now, layout: layout)
        _ = s.handle(.down, zone: utc, now: now, layout: layout)
        #expect(s.roomUnderCursor == 0)
        _ = s.handle(.down, zone: utc, now: now, layout: layout)
        _ = s.handle(.down, zone: utc, now: now, layout: layout)
        #expect(s.cursorRow == s.lastRowIndex && s.roomUnderCursor == 1, "the cursor stops at the last room")
        _ = s.handle(.char("d"), zone: utc, now: now, layout: layout)
        #expect(s.rooms.map(\.label) == ["Room 1"] && s.statusMessage == "removed Room 2")
        #expect(s.attendees.count == 1, "d on a room removes the room, not a person")
        _ = s.handle(.char("R"), zone: utc, now: now, layout: layout)
        #expect(s.rooms.isEmpty && s.cursorRow == s.allRowIndex)
        let effects = s.handle(.char("R"), zone: utc, now: now, layout: layout)
        #expect(s.rooms.count == 2)
        #expect(effects == [.query(s.window, s.rooms.map(\.address))])
        var empty = PlannerState(windowStart: at(7, 0), accountLabel: "alice")
        #expect(empty.handle(.char("R"), zone: utc, now: now, layout: layout) == [])
        #expect(empty.statusMessage?.hasPrefix("no rooms known") == true)
    }

    @Test func askingAgainAsksForTheRoomsToo() throws {
        var s = try roomsState()
        let effects = s.handle(.char("r"), zone: utc, now: now, layout: layout)
        #expect(effects.first == .query(s.window, s.attendees.map(\.address) + s.rooms.map(\.address), fresh: true))
        // A new week asks for everyone, rooms included.
        let next = s.handle(.char("L"), zone: utc, now: now, layout: layout)
        #expect(next.first == .query(s.window, s.attendees.map(\.address) + s.rooms.map(\.address)))
    }

    /// b books the first room free for the whole meeting; the form and the
    /// confirmation name it, and n (back to the form) keeps it.
    @Test func bookingTakesTheFreeRoom() throws {
        var s = try roomsState()
        s.cursorRow = s.allRowIndex
        s.cursorColumn = try column(s, at: at(8, 9))
        _ = s.handle(.char("b"), zone: utc, now: now, layout: layout)
        guard case let .bookingForm(form) = s.mode else { Issue.record("no form: \(s.mode)"); return }
        #expect(form.room?.label == "Room 2" && form.room?.row.answers.isEmpty == true)
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 100, height: 30)
        #expect(screen.lines.contains { $0.contains("With      bob@example.com; room: Room 2") })
        for c in "Review" { _ = s.handle(.char(c), zone: utc, now: now, layout: layout) }
        _ = s.handle(.enter, zone: utc, now: now, layout: layout)
        guard case let .confirmBooking(draft, _) = s.mode else { Issue.record("no confirmation: \(s.mode)"); return }
        #expect(draft.room?.address == s.rooms[1].address)
        #expect(PlannerRenderer.render(s, zone: utc, now: now, width: 100, height: 30).lines.contains { $0.contains("09:00–09:30 UTC  in Room 2") })
        _ = s.handle(.char("n"), zone: utc, now: now, layout: layout)
        guard case let .bookingForm(again) = s.mode else { Issue.record("not back to the form"); return }
        #expect(again.room?.label == "Room 2")
        // 09:30 for an hour: Room 1 is busy, Room 2 free until 10:00 only; with Room 2 busy 10–11 no room is free.
        var busy = try roomsState(roomTwoBusy: [BusyPeriod(start: at(8, 10), end: at(8, 11))])
        busy.meetingDuration = 3600
        busy.cursorColumn = try column(busy, at: at(8, 9, 30))
        _ = busy.handle(.char("b"), zone: utc, now: now, layout: layout)
        guard case let .bookingForm(none) = busy.mode else { Issue.record("no form"); return }
        #expect(none.room == nil)
        #expect(busy.statusMessage == "no room is free for the whole meeting then: it is booked without one")
    }

    @Test func goldenRoomSection() throws {
        var s = try roomsState(roomTwoBusy: [BusyPeriod(start: at(8, 10), end: at(8, 12))])
        s.cursorRow = s.allRowIndex
        s.cursorColumn = try column(s, at: at(8, 9))
        try assertGolden(PlannerRenderer.render(s, zone: utc, now: now, width: 100, height: 20), "rooms-100x20")
    }

    @Test func goldenRoomSectionAccessible() throws {
        var s = try roomsState(roomTwoBusy: [BusyPeriod(start: at(8, 10), end: at(8, 12))])
        s.makeAccessible()
        s.cursorRow = s.allRowIndex
        s.cursorColumn = try column(s, at: at(8, 9))
        try assertGolden(PlannerRenderer.render(s, zone: utc, now: now, width: 100, height: 20), "rooms-100x20-accessible")
    }
}
