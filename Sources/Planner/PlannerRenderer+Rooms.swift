import FreeBusy
import ICalendar

/// The room section below the `all` row: a heading, then one row per room
/// named as people call it, with its size, drawn like a person's row.
extension PlannerRenderer {
    static func drawRooms(_ s: inout ScreenBuffer, _ state: PlannerState, axis: TimeAxis, visible: [(index: Int, x: Int)],
                          layout: PlannerLayout, y top: Int, now: UTCInstant) {
        guard !state.rooms.isEmpty, top < layout.statusRow - 1 else { return }
        s.put("Rooms", x: 0, y: top, role: .axis, maxWidth: layout.nameWidth)
        s.put("any one will do", x: layout.nameWidth + 1, y: top, role: .axis, maxWidth: layout.width - layout.nameWidth - 1)
        let window = state.window
        // The line above the status line stays blank, as under the people.
        for (i, room) in state.rooms.enumerated() where top + 1 + i < layout.statusRow - 1 {
            let y = top + 1 + i
            let onRow = state.cursorRow == state.roomRowIndex(i)
            // The size always shows: the name gives way to it, as to "(opt)".
            let size = room.capacity.map { " (\($0))" } ?? ""
            s.put(room.label.truncated(to: layout.nameWidth - size.terminalWidth) + size, x: 0, y: y, role: .name,
                  maxWidth: layout.nameWidth, highlighted: onRow)
            let answer = room.row.answer(for: window)
            var (status, role) = shortStatus(answer)
            if state.isAccessible, answer == .pending { status = "waiting" }
            s.put(status, x: layout.nameWidth + 1, y: y, role: role, maxWidth: layout.statusWidth)
            let gaps = answer.gaps
            drawCells(&s, y: y, visible: visible, axis: axis, layout: layout, state: state, cursorHere: onRow) { col in
                guard let busy = answer.busy, !gaps.contains(where: { $0.overlaps(col.span) }) else { return (state.glyphs.unknown, .unknown) }
                let type = busy.strongestType(in: col.span)
                return (state.glyphs.glyph(for: type), PlannerRenderer.role(for: type))
            }
        }
    }

    /// The `all` row where the people are free: busy when no room is, unknown
    /// when none is known to be; nil when a room is free or none is in view.
    static func roomCell(_ state: PlannerState, _ span: TimeSpan) -> (String, StyleRole)? {
        switch state.roomStanding(in: span) {
        case .notAsked, .free: return nil
        case .noneFree: return (state.glyphs.glyph(for: .busy), .allBusy)
        case .unknown: return (state.glyphs.unknown, .unknown)
        }
    }
}
