import FreeBusy
import ICalendar
import LocalTime

/// Draws a `PlannerState` into a `ScreenBuffer`. Pure: the same state, zone,
/// clock and size always give the same screen, which the golden tests compare.
public enum PlannerRenderer {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func render(_ state: PlannerState, zone: DisplayZone, now: UTCInstant, width: Int, height: Int) -> ScreenBuffer {
        var screen = ScreenBuffer(width: width, height: height)
        let layout = PlannerLayout(width: width, height: height)
        guard layout.fits else {
            let lines = ["Terminal too small: \(width)×\(height).",
                         "avail needs at least \(PlannerLayout.minimumWidth)×\(PlannerLayout.minimumHeight).",
                         "Enlarge it, or press q to quit."]
            for (i, line) in lines.enumerated() where i < height { screen.put(line, x: 0, y: i, role: .error) }
            return screen
        }
        let axis = TimeAxis(state: state, zone: zone)
        let visible = axis.layout(firstVisible: state.firstVisibleColumn, width: layout.gridWidth)
        drawHeader(&screen, state, zone: zone, now: now, layout: layout)
        drawAxis(&screen, state, axis: axis, visible: visible, zone: zone, layout: layout)
        drawRows(&screen, state, axis: axis, visible: visible, zone: zone, layout: layout, now: now)
        drawLegend(&screen, state, layout: layout)
        drawStatus(&screen, state, axis: axis, zone: zone, layout: layout, now: now)
        switch state.mode {
        case .help: drawHelp(&screen, keys: state.keyBindings, layout: layout)
        case let .bookingForm(form): drawBookingForm(&screen, form, zone: zone, layout: layout)
        case let .confirmBooking(draft, warnings): drawBookingConfirmation(&screen, draft, warnings: warnings, zone: zone, layout: layout)
        case let .meetingList(list): drawMeetingList(&screen, list, zone: zone, layout: layout)
        case let .confirmMove(draft, warnings): drawMoveConfirmation(&screen, draft, warnings: warnings, zone: zone, layout: layout)
        case let .confirmCancel(meeting): drawCancelConfirmation(&screen, meeting, zone: zone, layout: layout)
        case let .requestScript(pager): drawScriptPager(&screen, pager, layout: layout)
        case .grid, .prompt: break
        }
        // Letters (the accessible mode) go with ASCII symbols: "…" is read out as
        // "ellipsis", "✓" as nothing at all on many braille tables.
        if state.glyphs != .unicode { screen.replaceSymbols(asciiSymbols) }
        return screen
    }

    /// The planner's own non-ASCII symbols and their `--ascii` stand-ins (names
    /// people type keep their letters; only these symbols change).
    static let asciiSymbols: [String: String] = [
        "–": "-", "·": ".", "…": "~", "▏": "|", "│": "|", "⟳": "*", "✓": "+", "✗": "x", "×": "x",
        "←": "<", "→": ">", "↑": "^", "↓": "v", "█": "#", "▓": "%", "▒": "+", "○": "o",
    ]

    // MARK: Header

    static func dayLabel(_ i: UTCInstant, zone: DisplayZone, withYear: Bool = false) -> String {
        let l = zone.local(i)
        return "\(DisplayZone.weekdayNames[l.weekday]) \(l.day) \(monthNames[l.month - 1])" + (withYear ? " \(l.year)" : "")
    }

    static func age(_ seconds: Int64) -> String {
        if seconds < 60 { return "\(max(0, seconds))s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        return "\(seconds / 3600)h"
    }

    /// In the accessible mode the header's age moves once a minute, not once a
    /// second: a screen reader reads out a line each time it changes.
    static func headerAge(_ seconds: Int64, _ state: PlannerState) -> String {
        state.isAccessible && seconds < 60 ? "<1m" : age(seconds)
    }

    static func drawHeader(_ s: inout ScreenBuffer, _ state: PlannerState, zone: DisplayZone, now: UTCInstant, layout: PlannerLayout) {
        s.fill(y: 0, role: .header)
        let lastDay = zone.adding(days: state.windowDays - 1, to: state.windowStart) ?? state.windowStart
        var x = s.put(" avail ", x: 0, y: 0, role: .title)
        if state.isDemo { x += s.put("DEMO ", x: x, y: 0, role: .title) }
        x += s.put(" \(dayLabel(state.windowStart, zone: zone)) – \(dayLabel(lastDay, zone: zone, withYear: true)) (\(zone.abbreviation(at: state.windowStart)))",
                   x: x, y: 0, role: .header)
        let who = state.organizer ?? state.accountLabel
        let long: String, short: String
        let answered = state.attendees.filter { if case .answered = $0.answer(for: state.window) { return true }; return false }.count
        switch state.request {
        case .idle:
            long = state.attendees.isEmpty ? "a: add attendees" : "idle"
            short = long
        case let .inFlight(since):
            let a = headerAge(now.secondsSinceEpoch - since.secondsSinceEpoch, state)
            (long, short) = ("⟳ asking… \(a)", "⟳ \(a)")
        case let .done(at):
            let a = headerAge(now.secondsSinceEpoch - at.secondsSinceEpoch, state)
            (long, short) = ("✓ \(answered)/\(state.attendees.count) answered \(a) ago", "✓ \(answered)/\(state.attendees.count) \(a)")
        case let .failed(_, at):
            let a = headerAge(now.secondsSinceEpoch - at.secondsSinceEpoch, state)
            (long, short) = ("✗ failed \(a) ago", "✗ \(a)")
        }
        // The request state matters more than the name: the longest form that fits.
        for candidate in ["\(who)  \(long) ", "\(long) ", "\(short) "] where x + 2 + candidate.terminalWidth <= layout.width {
            s.put(candidate, x: layout.width - candidate.terminalWidth, y: 0, role: .header)
            break
        }
        // Line 1: zoom and hours.
        let hours = state.workingHoursOnly ? "\(state.workdayStartHour.zeroPadded(to: 2)):00–\(state.workdayEndHour.zeroPadded(to: 2)):00" : "full days"
        s.put(" slots \(state.zoom.label) · \(hours) · meeting \(PlannerState.formatDuration(state.meetingDuration))",
              x: 0, y: 1, role: .axis)
    }

    // MARK: Axis

    static func drawAxis(_ s: inout ScreenBuffer, _ state: PlannerState, axis: TimeAxis, visible: [(index: Int, x: Int)],
                         zone: DisplayZone, layout: PlannerLayout) {
        s.put("attendee", x: 0, y: layout.hourLabelRow, role: .axis, maxWidth: layout.nameWidth)
        s.put("status", x: layout.nameWidth + 1, y: layout.hourLabelRow, role: .axis)
        var lastLabelEnd = -1
        let ratings = state.dayRatings(axis: axis, zone: zone)
        for (n, (i, x)) in visible.enumerated() {
            let col = axis.columns[i]
            let gx = layout.gridX + x
            if col.firstOfDay || n == 0 {
                if col.firstOfDay, n > 0 {
                    s.put(state.glyphs.daySeparator, x: gx - 1, y: layout.dayLabelRow, role: .day)
                    s.put(state.glyphs.daySeparator, x: gx - 1, y: layout.hourLabelRow, role: .day)
                }
                let label = dayLabel(col.start, zone: zone)
                s.put(label, x: gx, y: layout.dayLabelRow, role: .day)
                // Good/Fair/Poor for the meeting after the day's name, where the day is wide enough.
                let dayWidth = visible[n...].prefix { axis.columns[$0.index].day == col.day }.count
                if let rating = ratings[col.day], label.terminalWidth + 1 + rating.rawValue.count < dayWidth {
                    s.put(rating.rawValue, x: gx + label.terminalWidth + 1, y: layout.dayLabelRow,
                          role: rating == .good ? .allFree : rating == .fair ? .busyTentative : .allBusy)
                }
            }
            // An hour label where an hour starts and there is room for it.
            let l = zone.local(col.start)
            if l.minute == 0, gx > lastLabelEnd, l.hour % max(1, Int(state.zoom.rawValue / 1800)) == 0 || state.zoom.rawValue <= 1800 {
                let label = l.hour.zeroPadded(to: 2)
                if gx + 2 <= layout.width {
                    s.put(label, x: gx, y: layout.hourLabelRow, role: .axis)
                    lastLabelEnd = gx + 2
                }
            }
        }
    }

    // MARK: Rows

    static func shortStatus(_ answer: RowAnswer) -> (String, StyleRole) {
        switch answer {
        case .pending: return ("…", .statusPending)
        case .failed: return ("err", .statusBad)
        case let .answered(a):
            let r = a.result
            let meaning: String
            switch r.status.outcome {
            // With several accounts, which one answered (the whole column is narrow).
            case .success: meaning = r.busy == nil ? "unreadable" : a.account.map { "@" + $0 } ?? "ok"
            case .noSuchUser: meaning = "unknown"
            case .noAuthority: meaning = "no auth"
            case .failed: meaning = "failed"
            case .noAnswer: return ("? no answer", .statusBad)
            case .pending, .notAccepted, .unrecognised: meaning = "refused"
            }
            return ("\(r.status.code) \(meaning)", r.busy == nil ? .statusBad : .statusOK)
        }
    }

    static func drawRows(_ s: inout ScreenBuffer, _ state: PlannerState, axis: TimeAxis, visible: [(index: Int, x: Int)],
                         zone: DisplayZone, layout: PlannerLayout, now: UTCInstant) {
        let window = state.window
        var y = layout.firstAttendeeRow
        let end = min(state.attendees.count, state.firstVisibleRow + state.peopleRows(layout))
        if state.attendees.isEmpty {
            s.put("No attendees yet. Press a to add one, ? for help.", x: 2, y: y, role: .statusPending)
        }
        for rowIndex in state.firstVisibleRow..<max(state.firstVisibleRow, end) {
            let row = state.attendees[rowIndex]
            let answer = row.answer(for: window)
            let onRow = state.cursorRow == rowIndex
            // "(opt)" always shows: the address gives way to it.
            let name = row.optional ? row.address.displayString.truncated(to: layout.nameWidth - 6) + " (opt)"
                                    : row.address.displayString.truncated(to: layout.nameWidth)
            s.put(name, x: 0, y: y, role: .name, maxWidth: layout.nameWidth, highlighted: onRow)
            var (status, role) = shortStatus(answer)
            // "…" would be read out as "ellipsis" (or "~" in ASCII): a word instead.
            if state.isAccessible, answer == .pending { status = "waiting" }
            if case let .answered(a) = answer, a.stale, let fetched = a.fetched {
                // Stale: the code and the answer's age, instead of its meaning.
                status = "\(a.result.status.code) \(age(now.secondsSinceEpoch - fetched.secondsSinceEpoch)) old"
                role = .statusPending
            }
            s.put(status, x: layout.nameWidth + 1, y: y, role: role, maxWidth: layout.statusWidth)
            let gaps = row.answer(for: window).gaps
            // The user's own row: their meetings as blocks labelled with the title.
            let labels = state.isOwnRow(rowIndex) ? meetingLabels(state, axis: axis, visible: visible) : [:]
            drawCells(&s, y: y, visible: visible, axis: axis, layout: layout, state: state, cursorHere: onRow) { col in
                if let label = labels[col.start] { return (label, .dialog) }
                guard let busy = answer.busy else { return (state.glyphs.unknown, .unknown) }
                if gaps.contains(where: { $0.overlaps(col.span) }) { return (state.glyphs.unknown, .unknown) }
                let type = busy.strongestType(in: col.span)
                return (state.glyphs.glyph(for: type), PlannerRenderer.role(for: type))
            }
            y += 1
        }
        if end < state.attendees.count || state.firstVisibleRow > 0 {
            s.put("(\(state.firstVisibleRow + 1)–\(end) of \(state.attendees.count))", x: 0, y: y, role: .axis, maxWidth: layout.gridX)
        }
        // The "all" row: free only where every answered attendee is free.
        let allY = y + (end < state.attendees.count || state.firstVisibleRow > 0 ? 1 : 0) + (state.attendees.isEmpty ? 1 : 0)
        let onAll = state.cursorRow == state.allRowIndex
        s.put("all", x: 0, y: allY, role: .name, maxWidth: layout.nameWidth, highlighted: onAll)
        // Merged once per change of the rows, not once per frame.
        let all = AllRowSummary.of(state, zone: zone.identifier)
        s.put(state.attendees.isEmpty ? "" : "\(all.knownCount)/\(all.requiredCount) known", x: layout.nameWidth + 1, y: allY,
              role: all.knownCount == all.requiredCount ? .statusOK : .statusPending, maxWidth: layout.statusWidth)
        drawCells(&s, y: allY, visible: visible, axis: axis, layout: layout, state: state, cursorHere: onAll) { col in
            if all.knownCount == 0 { return (state.glyphs.unknown, .unknown) }
            let type = all.strongestType(in: col.span)
            if let type { return (state.glyphs.glyph(for: type), type == .busyUnavailable ? .busyUnavailable : .allBusy) }
            if all.gaps.overlaps(col.span) { return (state.glyphs.unknown, .unknown) }
            if let noRoom = roomCell(state, col.span) { return noRoom }
            if all.optionalBusy.overlaps(col.span) { return (state.glyphs.optionalConflict, .busyTentative) }
            return (state.glyphs.glyph(for: nil), .allFree)
        }
        drawRooms(&s, state, axis: axis, visible: visible, layout: layout, y: allY + 1, now: now)
    }

    static func role(for type: BusyType?) -> StyleRole {
        switch type {
        case nil: return .free
        case .busy?, .other?: return .busy
        case .busyUnavailable?: return .busyUnavailable
        case .busyTentative?: return .busyTentative
        }
    }

    static func drawCells(_ s: inout ScreenBuffer, y: Int, visible: [(index: Int, x: Int)], axis: TimeAxis, layout: PlannerLayout,
                          state: PlannerState, cursorHere: Bool, cell: (TimeAxis.Column) -> (String, StyleRole)) {
        for (n, (i, x)) in visible.enumerated() {
            let col = axis.columns[i]
            if col.firstOfDay, n > 0 { s.put(state.glyphs.daySeparator, x: layout.gridX + x - 1, y: y, role: .day) }
            let drawn = cell(col)
            let (glyph, role) = marked(drawn.0, drawn.1, column: col, state: state)
            let isCursor = cursorHere && i == state.cursorColumn
            s.put(glyph, x: layout.gridX + x, y: y, role: isCursor ? .cursor : role, highlighted: isCursor)
            if isCursor { s.cursor = ScreenPosition(x: layout.gridX + x, y: y) }
        }
    }

    // MARK: Status line and legend

    static func drawStatus(_ s: inout ScreenBuffer, _ state: PlannerState, axis: TimeAxis, zone: DisplayZone, layout: PlannerLayout,
                           now: UTCInstant) {
        let y = layout.statusRow
        s.fill(y: y, role: .statusLine)
        if case let .prompt(editor) = state.mode {
            let x = s.put(editor.prompt, x: 0, y: y, role: .dialog)
            let before = String(editor.text.prefix(editor.cursor))
            s.put(editor.text, x: x, y: y, role: editor.selected ? .cursor : .dialog)
            s.put("▏", x: x + before.terminalWidth, y: y, role: .cursor)
            s.cursor = ScreenPosition(x: x + before.terminalWidth, y: y)
            if let first = editor.suggestions.first {
                let more = editor.suggestions.count > 1 ? " (+\(editor.suggestions.count - 1))" : ""
                s.put("   Tab: \(first.label)\(more)", x: x + editor.text.terminalWidth + 2, y: y, role: .legend)
            }
            return
        }
        let text: String
        if let message = state.statusMessage {
            text = " " + message
        } else if let sentence = state.markSentence(zone: zone) {
            text = " " + sentence
        } else if let sentence = FocusSentence.text(state, axis: axis, zone: zone, now: now) {
            // Too long for the line: the grid's short day and times, unless the
            // accessible mode gives it the legend's line too (below).
            let long = " " + sentence
            text = long.terminalWidth < layout.width || state.isAccessible ? long
                : " " + (FocusSentence.text(state, axis: axis, zone: zone, now: now, brief: true) ?? sentence)
        } else {
            return
        }
        guard state.isAccessible, text.terminalWidth >= layout.width else {
            s.put(text, x: 0, y: y, role: .statusLine)
            return
        }
        // Accessible mode: a sentence that does not fit goes on over the legend
        // (a screen reader user has the key list under ?), cut at a space.
        var first = "", rest = Substring(text)
        while let space = rest.dropFirst().firstIndex(of: " "),
              first.terminalWidth + String(rest[..<space]).terminalWidth < layout.width {
            first += String(rest[..<space])
            rest = rest[space...]
        }
        if first.isEmpty { (first, rest) = (text, "") }
        s.put(first, x: 0, y: y, role: .statusLine)
        s.fill(y: layout.legendRow, role: .statusLine)
        s.put(String(rest), x: 0, y: layout.legendRow, role: .statusLine)
    }

    static func drawLegend(_ s: inout ScreenBuffer, _ state: PlannerState, layout: PlannerLayout) {
        let g = state.glyphs
        let y = layout.legendRow
        var x = 0
        let items: [(String, StyleRole, String)] = [
            (g.glyph(for: .busy), .busy, "busy"), (g.glyph(for: .busyUnavailable), .busyUnavailable, "outside hours"),
            (g.glyph(for: .busyTentative), .busyTentative, "tentative"), (g.glyph(for: nil), .free, "free"),
            (g.unknown, .unknown, "unknown"),
        ]
        for (glyph, role, label) in items {
            x += s.put(glyph, x: x, y: y, role: role)
            x += s.put(" \(label)  ", x: x, y: y, role: .legend)
        }
        // Key hints, as many whole ones as fit.
        for hint in state.keyBindings.legendHints {
            guard x + hint.terminalWidth <= layout.width else { break }
            x += s.put(hint + "  ", x: x, y: y, role: .legend)
        }
    }

    /// The key table with the keys in effect, so a rebound key shows as bound.
    static func drawHelp(_ s: inout ScreenBuffer, keys: KeyBindings, layout: PlannerLayout) {
        let actions = KeyTable.rows.map(\.action)
        // One column when it fits, else two: every key stays on an 80×24 screen.
        let rowsAvailable = max(1, layout.height - 7)
        let columns = actions.count <= rowsAvailable ? 1 : 2
        let perColumn = (actions.count + columns - 1) / columns
        let boxWidth = min(layout.width - 2, columns == 1 ? 60 : 78)
        let boxHeight = min(layout.height - 3, perColumn + 3)
        let x0 = (layout.width - boxWidth) / 2
        let y0 = max(0, (layout.height - 3 - boxHeight) / 2)
        for y in y0..<(y0 + boxHeight) { s.fill(y: y, from: x0, to: x0 + boxWidth, role: .dialog) }
        s.put(" Keys (any key closes) ", x: x0 + 2, y: y0, role: .title)
        s.cursor = ScreenPosition(x: x0 + 3, y: y0)
        let columnWidth = (boxWidth - 2) / columns
        // Wide enough for the longest keys a keys file gave (8 for the defaults), within reason.
        let keyWidth = min(16, max(7, actions.map { keys.label(for: $0).terminalWidth }.max() ?? 0) + 1)
        for (n, a) in actions.enumerated() {
            let column = n / perColumn, row = n % perColumn
            let y = y0 + 2 + row
            guard y < y0 + boxHeight else { continue }
            let x = x0 + 2 + column * columnWidth
            s.put(keys.label(for: a).truncated(to: keyWidth - 1), x: x, y: y, role: .dialog, maxWidth: keyWidth)
            s.put(a.help, x: x + keyWidth, y: y, role: .dialog, maxWidth: columnWidth - keyWidth - 1)
        }
    }
}

extension String {
    /// Cut to `width` columns with an ellipsis, so a cut name is seen to be cut.
    func truncated(to width: Int) -> String {
        guard terminalWidth > width, width > 1 else { return self }
        var out = ""
        var used = 0
        for ch in self {
            let w = max(0, ch.terminalWidth)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

}
