import FreeBusy
import ICalendar
import LocalTime

/// The user's own meetings in the grid: `m` lists them with their replies,
/// `M` picks one up and moves it to the cursor's time, `X` cancels one. The
/// checks and the writes are the source's (Scheduling's MeetingChangeService,
/// as `avail move` and `avail cancel`); here only what the user sees and says.
extension PlannerState {
    /// The meetings read for the window on screen, in start order.
    public var meetingsInView: [PlannerMeeting] { meetings[window] ?? [] }

    /// The user's meeting under the cursor: on their own row, over its time.
    func meetingUnderCursor(axis: TimeAxis) -> PlannerMeeting? {
        guard isOwnRow(cursorRow), axis.columns.indices.contains(cursorColumn) else { return nil }
        let column = axis.columns[cursorColumn].span
        return meetingsInView.first { $0.span?.overlaps(column) == true }
    }

    mutating func listMeetings() {
        if meetings[window] == nil {
            statusMessage = isDemo ? "no meetings in the demo" : "your meetings are still being read…"
            return
        }
        if meetingsInView.isEmpty {
            statusMessage = isDemo ? "no meetings in the demo" : "you organise no meetings in this window"
            return
        }
        mode = .meetingList(meetingsInView)
    }

    /// First `M` on a meeting picks it up; the next `M` asks to move it to the cursor's time.
    mutating func moveMeeting(axis: TimeAxis) {
        guard axis.columns.indices.contains(cursorColumn) else { return }
        if let moving = movingMeeting {
            mode = .confirmMove(MeetingMoveDraft(meeting: moving, start: axis.columns[cursorColumn].start), warnings: [])
            return
        }
        guard let meeting = meetingUnderCursor(axis: axis) else {
            statusMessage = "move the cursor onto one of your meetings (your own row) and press M"
            return
        }
        if meeting.repeats != nil {
            statusMessage = meeting.seriesRefusal(.move)
            return
        }
        movingMeeting = meeting
        statusMessage = "moving “\(meeting.title)”: go to the new time and press M again; Esc leaves it where it is"
    }

    mutating func cancelMeeting(axis: TimeAxis) {
        guard let meeting = meetingUnderCursor(axis: axis) else {
            statusMessage = "move the cursor onto one of your meetings (your own row) and press X"
            return
        }
        if meeting.repeats != nil {
            statusMessage = meeting.seriesRefusal(.cancel)
            return
        }
        mode = .confirmCancel(meeting)
    }

    /// y (or Enter) moves; Escape or n leaves the meeting where it is.
    mutating func handleMoveConfirmation(_ key: PlannerKey, draft: MeetingMoveDraft, warnings: [String]) -> [PlannerEffect] {
        switch key {
        case .char("y"), .char("Y"), .enter:
            mode = .grid
            movingMeeting = nil
            var d = draft
            d.force = d.force || !warnings.isEmpty
            statusMessage = "moving “\(d.meeting.title)”…"
            return [.moveMeeting(d)]
        case .escape, .char("n"), .char("N"):
            mode = .grid
            movingMeeting = nil
            statusMessage = "not moved"
            return []
        default:
            return []
        }
    }

    mutating func handleCancelConfirmation(_ key: PlannerKey, meeting: PlannerMeeting) -> [PlannerEffect] {
        switch key {
        case .char("y"), .char("Y"):
            mode = .grid
            statusMessage = "cancelling “\(meeting.title)”…"
            return [.cancelMeeting(meeting)]
        case .escape, .char("n"), .char("N"):
            mode = .grid
            statusMessage = "not cancelled"
            return []
        default:
            return []
        }
    }

    /// The meetings read for `key`; the user's own row is added first when
    /// their address is new to the grid (as Outlook shows the organizer).
    mutating func receiveMeetings(_ key: WindowKey, _ list: [PlannerMeeting], own: CalendarUserAddress?) {
        meetings[key] = list.sorted { ($0.start, $0.title, $0.uid) < ($1.start, $1.title, $1.uid) }
        guard let own else { return }
        adoptOwnRow(own)
    }

    /// The user's own row: first, added when their address is new to the grid
    /// (before any meetings are read, when the address is known at start).
    public mutating func adoptOwnRow(_ own: CalendarUserAddress) {
        ownAddress = own
        if let i = attendees.firstIndex(where: { $0.address.matchKey == own.matchKey }) {
            guard i != 0 else { return }
            // Already a row: it moves to the top, the cursor staying on its person.
            let row = attendees.remove(at: i)
            attendees.insert(row, at: 0)
            if cursorRow == i { cursorRow = 0 } else if cursorRow < i { cursorRow += 1 }
        } else {
            attendees.insert(AttendeeRow(address: own), at: 0)
            cursorRow += 1
        }
    }
}
