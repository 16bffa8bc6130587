import FreeBusy
import ICalendar
import LocalTime
import Slots
import TextUtilities

/// Network news for the planner loop, delivered on the UI thread.
public enum PlannerMessage: Sendable {
    case started(WindowKey, at: UTCInstant)
    case answered(WindowKey, FreeBusyResult, at: UTCInstant)
    /// Answers from the cache or the server, each with its origin; `final` when
    /// no further answer for this window is coming (the request is over).
    case rows(WindowKey, [AnsweredRow], organizer: String?, final: Bool, at: UTCInstant)
    /// The whole request failed; these attendees' rows say so.
    case failed(WindowKey, [CalendarUserAddress], message: String, at: UTCInstant)
    /// The request for this window was given up before it ended (the user moved
    /// to another window): nothing is on its way, so coming back asks again.
    case abandoned(WindowKey)
    /// The directory's answer for the add-attendee editor's text `query`.
    case people(query: String, [PersonSuggestion])
    /// Someone is busy at the meeting's time: ask before booking anyway.
    case bookingConflict(BookingDraft, [String])
    /// The meeting is booked; the text says how each invitation went.
    case booked(String)
    case bookingFailed(String)
}

extension PlannerState {
    // MARK: Keys

    /// Applies a key. Returns what the surroundings must do (start requests, quit).
    public mutating func handle(_ key: PlannerKey, zone: DisplayZone, now: UTCInstant, layout: PlannerLayout) -> [PlannerEffect] {
        if key == .ctrl("c") { wantsQuit = true; return [.quit] }
        if key == .ctrl("z") { return [.suspend] }
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
        case .grid:
            break
        }
        guard let action = PlannerAction.action(for: key) else {
            if case let .char(c) = key { statusMessage = "\(String(c).debugDescription): no such key; ? lists them" }
            return []
        }
        statusMessage = nil
        let axis = TimeAxis(state: self, zone: zone)
        switch action {
        case .left: cursorColumn = max(0, cursorColumn - 1)
        case .right: cursorColumn = min(max(0, axis.columns.count - 1), cursorColumn + 1)
        case .up: cursorRow = max(0, cursorRow - 1)
        case .down: cursorRow = min(allRowIndex, cursorRow + 1)
        case .previousWindow, .nextWindow, .today:
            let target: UTCInstant
            switch action {
            case .previousWindow: target = zone.adding(days: -windowDays, to: windowStart) ?? windowStart
            case .nextWindow: target = zone.adding(days: windowDays, to: windowStart) ?? windowStart
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
            guard cursorRow < attendees.count else { statusMessage = "move to an attendee to remove"; break }
            let removed = attendees.remove(at: cursorRow)
            statusMessage = "removed \(removed.address.displayString)"
            cursorRow = min(cursorRow, allRowIndex)
        case .requery:
            guard !attendees.isEmpty else { statusMessage = "no attendees yet: a adds one"; break }
            return [.query(window, attendees.map(\.address), fresh: true)]
        case .nextSlot, .previousSlot:
            jumpToCommonFreeSlot(forward: action == .nextSlot, axis: axis, zone: zone)
        case .toggleOptional:
            guard cursorRow < attendees.count else { statusMessage = "move to an attendee to mark optional"; break }
            attendees[cursorRow].optional.toggle()
            statusMessage = "\(attendees[cursorRow].address.displayString) is \(attendees[cursorRow].optional ? "optional" : "required")"
        case .setDuration:
            mode = .prompt(LineEditor(purpose: .duration, text: Self.formatDuration(meetingDuration)))
        case .book:
            openBookingForm(axis: axis)
        case .help:
            mode = .help
        case .quit:
            wantsQuit = true
            return [.quit]
        }
        keepCursorVisible(zone: zone, layout: layout)
        return []
    }

    private mutating func handlePrompt(_ key: PlannerKey, editor: LineEditor, zone: DisplayZone, layout: PlannerLayout) -> [PlannerEffect] {
        var e = editor
        var chars = Array(e.text)
        switch key {
        case .escape:
            mode = .grid
            return []
        case .enter:
            mode = .grid
            return submit(e, zone: zone, layout: layout)
        case .tab:
            if e.purpose == .addAttendee, let match = completion(for: String(chars), suggestions: e.suggestions) {
                chars = Array(match)
                e.cursor = chars.count
                e.selected = false
            }
        default:
            LineEditing.apply(key, to: &chars, cursor: &e.cursor, selected: &e.selected, limit: 256)
        }
        let changed = e.text != String(chars)
        e.text = String(chars)
        mode = .prompt(e)
        // The directory is asked as the text changes; the answer comes back as a message.
        if changed, e.purpose == .addAttendee, e.text.count >= 2 {
            return [.searchPeople(e.text)]
        }
        return []
    }

    /// Tab: the directory's first match for the text, else a recent attendee
    /// starting with it; never someone already in the grid.
    func completion(for text: String, suggestions: [PersonSuggestion]) -> String? {
        let prefix = text.lowercased()
        let taken = Set(attendees.map(\.address.matchKey))
        let isNew = { (a: String) in !taken.contains((try? CalendarUserAddress(a))?.matchKey ?? "") }
        if let s = suggestions.first(where: { isNew($0.address) && ($0.address.lowercased().contains(prefix) || ($0.name?.lowercased().contains(prefix) ?? false)) }) {
            return s.address
        }
        return recentAttendees.first { $0.lowercased().hasPrefix(prefix) && isNew($0) }
    }

    private mutating func submit(_ e: LineEditor, zone: DisplayZone, layout: PlannerLayout) -> [PlannerEffect] {
        let text = e.text.trimmingWhitespace
        switch e.purpose {
        case .addAttendee:
            guard !text.isEmpty else { return [] }
            let address: CalendarUserAddress
            do { address = try CalendarUserAddress(text) } catch {
                statusMessage = error.description
                return []
            }
            if attendees.contains(where: { $0.address.matchKey == address.matchKey }) {
                statusMessage = "\(address.displayString) is already here"
                return []
            }
            attendees.append(AttendeeRow(address: address))
            cursorRow = attendees.count - 1
            rememberRecent(address)
            keepCursorVisible(zone: zone, layout: layout)
            return [.query(window, [address])]
        case .duration:
            switch DurationText.read(text) {
            case let .failure(problem):
                statusMessage = DurationText.message(problem, option: "", text: text)
                return []
            case let .success(seconds):
                meetingDuration = seconds
                statusMessage = "meeting duration \(Self.formatDuration(seconds)); n/N find slots that long"
            }
            return []
        }
    }

    public mutating func rememberRecent(_ address: CalendarUserAddress) {
        recentAttendees.removeAll { $0.lowercased() == address.displayString.lowercased() }
        recentAttendees.insert(address.displayString, at: 0)
        if recentAttendees.count > 200 { recentAttendees.removeLast() }
    }

    /// A query for the window just moved to, unless its answers are already here or on the way.
    private func queryIfNeeded() -> [PlannerEffect] {
        guard !attendees.isEmpty else { return [] }
        let missing = attendees.filter { $0.answers[window] == nil }.map(\.address)
        if case .inFlight = request { return [] }
        return missing.isEmpty ? [] : [.query(window, missing)]
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
        let rows = layout.attendeeRows
        let row = min(cursorRow, attendees.count - 1)
        if row >= 0 {
            if row < firstVisibleRow { firstVisibleRow = row }
            if row >= firstVisibleRow + rows { firstVisibleRow = row - rows + 1 }
        }
        firstVisibleRow = max(0, min(firstVisibleRow, max(0, attendees.count - rows)))
    }

    // MARK: Free slots

    /// The required attendees whose busy time is known in this window.
    public func knownBusy(in window: WindowKey) -> [[BusyPeriod]] {
        attendees.filter { !$0.optional }.compactMap { $0.answer(for: window).busy }
    }

    /// Busy time of the optional attendees whose time is known.
    public func optionalBusy(in window: WindowKey) -> [BusyPeriod] {
        attendees.filter(\.optional).compactMap { $0.answer(for: window).busy }.flatMap { $0 }
    }

    /// Moves the cursor to the next (or previous) slot where every required
    /// attendee whose time is known is free for `meetingDuration`, within the
    /// visible hours: the slot finder's rules, planned around the known ones
    /// (the grid shows who is unknown, and the status line says how many).
    mutating func jumpToCommonFreeSlot(forward: Bool, axis: TimeAxis, zone: DisplayZone) {
        let required = attendees.filter { !$0.optional }
        guard !required.isEmpty else { statusMessage = attendees.isEmpty ? "no attendees yet: a adds one" : "everyone is optional: o marks someone required"; return }
        let known = required.filter { $0.answer(for: window).busy != nil }
        guard !known.isEmpty else { statusMessage = "no answers yet for this window"; return }
        guard let end = zone.adding(days: windowDays, to: windowStart), let span = TimeWindow(start: windowStart, end: end),
              axis.columns.indices.contains(cursorColumn) else { return }
        let hours = workingHoursOnly ? WorkingHours(startMinute: workdayStartHour * 60, endMinute: workdayEndHour * 60, weekdays: Set(0..<7))
                                     : WorkingHours(startMinute: 0, endMinute: 1440, weekdays: Set(0..<7))
        let participant = { (row: AttendeeRow) in Participant(address: row.address, busy: row.answer(for: self.window).busy) }
        let result = SlotFinder.find(SlotQuery(window: span, duration: meetingDuration, step: zoom.rawValue, hours: hours, zone: zone,
                                               required: required.map(participant), optional: attendees.filter(\.optional).map(participant),
                                               ignoreUnknown: true, count: 100_000))
        let here = axis.columns[cursorColumn].start
        let starts = result.slots.map(\.start).sorted()
        let target = forward ? starts.first { $0 > here } : starts.last { $0 < here }
        guard let target, let column = axis.columns.firstIndex(where: { $0.start == target }) else {
            statusMessage = "no common free \(Self.formatDuration(meetingDuration)) slot \(forward ? "later" : "earlier") in this window"
            return
        }
        cursorColumn = column
        cursorRow = allRowIndex
        let slot = result.slots.first { $0.start == target }
        var message = "free: \(Self.formatDuration(meetingDuration)) from here"
        if known.count < required.count { message += " (\(known.count) of \(required.count) known)" }
        if let busyOptional = slot?.busy, !busyOptional.isEmpty {
            message += "; optional busy: " + busyOptional.map(\.displayString).joined(separator: ", ")
        }
        statusMessage = message
    }

    // MARK: Messages

    public mutating func receive(_ message: PlannerMessage) {
        switch message {
        case let .started(window, at):
            requests[window] = .inFlight(since: at)
        case let .answered(window, result, at):
            var byKey: [String: RecipientResult] = [:]
            for r in result.recipients { byKey[r.recipient.matchKey] = r }
            for i in attendees.indices {
                if let r = byKey[attendees[i].address.matchKey] {
                    attendees[i].answers[window] = .answered(r)
                    attendees[i].origins[window] = AnswerOrigin(fetched: at, cached: false, stale: false)
                }
            }
            if result.organizer.uri != "" { organizer = result.organizer.displayString }
            requests[window] = .done(at: at)
        case let .people(query, found):
            // Only for the text still being typed; an answer for older text is dropped.
            if case var .prompt(editor) = mode, editor.purpose == .addAttendee, editor.text == query {
                // Best first: the address starts with the text, then a word of the name does.
                let q = query.lowercased()
                func rank(_ p: PersonSuggestion) -> Int {
                    if p.address.lowercased().hasPrefix(q) { return 0 }
                    if (p.name ?? "").lowercased().split(separator: " ").contains(where: { $0.hasPrefix(q) }) { return 1 }
                    return 2
                }
                editor.suggestions = found.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
                mode = .prompt(editor)
            }
        case let .bookingConflict(draft, warnings):
            mode = .confirmBooking(draft, warnings: warnings)
            statusMessage = nil
        case let .booked(text):
            statusMessage = text
        case let .bookingFailed(text):
            statusMessage = "not booked: " + text
        case let .rows(window, rows, organizer, final, at):
            var byKey: [String: AnsweredRow] = [:]
            for r in rows { byKey[r.result.recipient.matchKey] = r }
            for i in attendees.indices {
                guard let r = byKey[attendees[i].address.matchKey] else { continue }
                // A cached answer with holes does not replace a whole one already
                // on screen (after a booking only the meeting's hour is cached);
                // the final answer comes soon.
                if !final, !r.origin.gaps.isEmpty, case .answered = attendees[i].answer(for: window) { continue }
                attendees[i].answers[window] = .answered(r.result)
                attendees[i].origins[window] = r.origin
            }
            if let organizer { self.organizer = organizer }
            if final { requests[window] = .done(at: at) }
        case let .abandoned(window):
            if case .inFlight = requests[window] { requests[window] = nil }
        case let .failed(window, addresses, text, at):
            let keys = Set(addresses.map(\.matchKey))
            for i in attendees.indices where keys.contains(attendees[i].address.matchKey) {
                // A cached answer already on screen stays, marked stale, with the error beside it.
                if case .answered = attendees[i].answer(for: window), var origin = attendees[i].origins[window] {
                    origin.stale = true
                    origin.error = text
                    attendees[i].origins[window] = origin
                } else {
                    attendees[i].answers[window] = .failed(text)
                }
            }
            requests[window] = .failed(text, at: at)
            if window == self.window { statusMessage = text }
        }
    }

    // MARK: Durations

    /// `30m`, `1h`, `1h30m`, `90` (minutes); more than a day is refused.
    public static func parseDuration(_ text: String) -> Int64? { DurationText.parse(text) }

    public static func formatDuration(_ seconds: Int64) -> String { DurationText.format(seconds) }
}

/// The editing keys every one-line field shares (prompts and the booking form).
enum LineEditing {
    /// Backspace, Delete, ← →, Home/^A, End/^E, ^U and typed characters (up to
    /// `limit`); other keys change nothing.
    ///
    /// A field that has just been given focus with a value in it (the
    /// meeting's length, say) has that value `selected`, as form fields do
    /// elsewhere: the first character typed replaces it, Backspace or Delete
    /// clears it, and a movement key keeps it and starts editing it.
    static func apply(_ key: PlannerKey, to chars: inout [Character], cursor: inout Int, selected: inout Bool, limit: Int) {
        if selected {
            selected = false
            switch key {
            case .char(let c) where !c.isTerminalControl:
                chars.removeAll()
                cursor = 0
            case .backspace, .delete:
                chars.removeAll()
                cursor = 0
                return
            default:
                break
            }
        }
        apply(key, to: &chars, cursor: &cursor, limit: limit)
    }

    static func apply(_ key: PlannerKey, to chars: inout [Character], cursor: inout Int, limit: Int) {
        switch key {
        case .backspace:
            if cursor > 0 { chars.remove(at: cursor - 1); cursor -= 1 }
        case .delete:
            if cursor < chars.count { chars.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = chars.count
        case .ctrl("u"): chars.removeAll(); cursor = 0
        case let .char(c):
            guard !c.isTerminalControl, chars.count < limit else { break }
            chars.insert(c, at: cursor)
            cursor += 1
        default:
            break
        }
    }
}
