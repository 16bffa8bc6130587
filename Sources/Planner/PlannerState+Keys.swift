import FreeBusy
import ICalendar
import LocalTime
import Slots
import TextUtilities

/// Keys in the grid: the key bindings name the action, and this does it;
/// prompts and forms pass their keys on to their own handlers.
extension PlannerState {
    /// Applies a key. Returns what the surroundings must do (start requests, quit).
    public mutating func handle(_ key: PlannerKey, zone: DisplayZone, now: UTCInstant, layout: PlannerLayout) -> [PlannerEffect] {
        if key == KeyTable.quitAlways { wantsQuit = true; return [.quit] }
        if key == KeyTable.suspend { return [.suspend] }
        switch mode {
        case .help:
            mode = .grid // any key, q included, only closes the help (as in less and htop)
            return []
        case let .prompt(editor):
            return handlePrompt(key, editor: editor, zone: zone, layout: layout)
        case let .bookingForm(form):
            return handleBookingForm(key, form: form)
        case let .confirmBooking(draft, warnings):
            return handleBookingConfirmation(key, draft: draft, warnings: warnings)
        case .meetingList:
            mode = .grid // any key closes the list, as the help
            return []
        case let .confirmMove(draft, warnings):
            return handleMoveConfirmation(key, draft: draft, warnings: warnings)
        case let .confirmCancel(meeting):
            return handleCancelConfirmation(key, meeting: meeting)
        case let .requestScript(pager):
            return handleScriptPager(key, pager: pager, layout: layout)
        case .grid:
            break
        }
        if readCountDigit(key) { return [] }
        let count = takeCount()
        if key == .escape, mark != nil {
            mark = nil
            statusMessage = "mark dropped"
            return []
        }
        if key == .escape, let moving = movingMeeting {
            movingMeeting = nil
            statusMessage = "“\(moving.title)” stays where it is"
            return []
        }
        guard let action = keyBindings.action(for: key) else {
            if case let .char(c) = key { statusMessage = "\(String(c).debugDescription): no such key; ? lists them" }
            return []
        }
        statusMessage = nil
        let axis = TimeAxis(state: self, zone: zone)
        switch action {
        case .left:
            cursorColumn = max(0, cursorColumn - count)
            stretchMark(axis: axis)
        case .right:
            cursorColumn = min(max(0, axis.columns.count - 1), cursorColumn + count)
            stretchMark(axis: axis)
        case .up: cursorRow = max(0, cursorRow - count)
        case .down: cursorRow = min(lastRowIndex, cursorRow + count)
        case .previousWindow, .nextWindow, .today:
            let target: UTCInstant
            switch action {
            case .previousWindow: target = zone.adding(days: -windowDays * count, to: windowStart) ?? windowStart
            case .nextWindow: target = zone.adding(days: windowDays * count, to: windowStart) ?? windowStart
            default: target = zone.startOfDay(now)
            }
            windowStart = target
            cursorColumn = 0
            firstVisibleColumn = 0
            keepCursorVisible(zone: zone, layout: layout)
            return queryIfNeeded()
        case .zoomIn, .zoomOut:
            let all = Zoom.allCases
            guard let i = all.firstIndex(of: zoom) else { break }
            let j = action == .zoomIn ? max(0, i - 1) : min(all.count - 1, i + 1)
            retargetCursor(zone: zone) { $0.zoom = all[j] }
            statusMessage = "slots of \(zoom.label)"
        case .toggleHours:
            retargetCursor(zone: zone) { $0.workingHoursOnly.toggle() }
            statusMessage = workingHoursOnly
                ? "working hours \(workdayStartHour.zeroPadded(to: 2)):00–\(workdayEndHour.zeroPadded(to: 2)):00" : "full days"
        case .addAttendee:
            mode = .prompt(LineEditor(purpose: .addAttendee))
        case .removeAttendee:
            if roomUnderCursor != nil { removeRoomUnderCursor(); break }
            guard cursorRow < attendees.count else { statusMessage = "move to an attendee to remove"; break }
            let removed = attendees.remove(at: cursorRow)
            statusMessage = "removed \(removed.address.displayString)"
            cursorRow = min(cursorRow, allRowIndex)
        case .requery:
            guard !attendees.isEmpty else { statusMessage = "no attendees yet: a adds one"; break }
            return [.query(window, queriedAddresses, fresh: true), .readMeetings(window)]
        case .nextSlot, .previousSlot:
            if let m = mark {
                jumpMark(m, forward: action == .nextSlot, axis: axis, zone: zone)
            } else {
                jumpToCommonFreeSlot(forward: action == .nextSlot, axis: axis, zone: zone)
            }
        case .toggleOptional:
            guard cursorRow < attendees.count else { statusMessage = "move to an attendee to mark optional"; break }
            attendees[cursorRow].optional.toggle()
            statusMessage = "\(attendees[cursorRow].address.displayString) is \(attendees[cursorRow].optional ? "optional" : "required")"
        case .setDuration:
            mode = .prompt(LineEditor(purpose: .duration, text: Self.formatDuration(meetingDuration)))
        case .book:
            if let m = mark { bookMark(m) } else { openBookingForm(axis: axis) }
        case .listMeetings:
            listMeetings()
        case .moveMeeting:
            moveMeeting(axis: axis)
        case .cancelMeeting:
            cancelMeeting(axis: axis)
        case .mark:
            toggleMark(axis: axis, zone: zone)
        case .toggleRooms:
            let effects = toggleRooms()
            keepCursorVisible(zone: zone, layout: layout)
            return effects
        case .copy:
            let effects = copyOrShowRequest(zone: zone)
            keepCursorVisible(zone: zone, layout: layout)
            return effects
        case .help:
            mode = .help
        case .quit:
            wantsQuit = true
            return [.quit]
        }
        keepCursorVisible(zone: zone, layout: layout)
        return []
    }

    /// A query for the window just moved to, unless its answers are already here or on the way.
    private func queryIfNeeded() -> [PlannerEffect] {
        let meetingsNeeded: [PlannerEffect] = meetings[window] == nil ? [.readMeetings(window)] : []
        guard !attendees.isEmpty else { return meetingsNeeded }
        let missing = missingAddresses(in: window)
        if case .inFlight = request { return meetingsNeeded }
        return (missing.isEmpty ? [] : [.query(window, missing)]) + meetingsNeeded
    }

    /// Changes the axis while keeping the cursor on (about) the same time.
    private mutating func retargetCursor(zone: DisplayZone, _ change: (inout PlannerState) -> Void) {
        let before = TimeAxis(state: self, zone: zone)
        let time = before.columns.indices.contains(cursorColumn) ? before.columns[cursorColumn].start : windowStart
        change(&self)
        let after = TimeAxis(state: self, zone: zone)
        cursorColumn = after.columns.lastIndex(where: { $0.start <= time }) ?? 0
        firstVisibleColumn = min(firstVisibleColumn, cursorColumn)
    }

    /// Scrolls so the cursor's column and row are on screen.
    public mutating func keepCursorVisible(zone: DisplayZone, layout: PlannerLayout) {
        let axis = TimeAxis(state: self, zone: zone)
        cursorColumn = min(cursorColumn, max(0, axis.columns.count - 1))
        if cursorColumn < firstVisibleColumn { firstVisibleColumn = cursorColumn }
        while firstVisibleColumn < cursorColumn,
              !axis.layout(firstVisible: firstVisibleColumn, width: layout.gridWidth).contains(where: { $0.index == cursorColumn }) {
            firstVisibleColumn += 1
        }
        let rows = peopleRows(layout)
        let row = min(cursorRow, attendees.count - 1)
        if row >= 0 {
            if row < firstVisibleRow { firstVisibleRow = row }
            if row >= firstVisibleRow + rows { firstVisibleRow = row - rows + 1 }
        }
        firstVisibleRow = max(0, min(firstVisibleRow, max(0, attendees.count - rows)))
    }
}
