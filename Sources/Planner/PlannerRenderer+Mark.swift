import FreeBusy
import ICalendar
import LocalTime

/// The mark in the grid and the request pager over it.
extension PlannerRenderer {
    /// The role and glyph of a cell the mark covers: the mark's role (a
    /// background of its own in every theme), and in the accessible mode, where
    /// colour says nothing, the letter in lower case (`b` busy, `.` becomes `m`).
    static func marked(_ glyph: String, _ role: StyleRole, column: TimeAxis.Column, state: PlannerState) -> (String, StyleRole) {
        guard let m = state.mark, m.span.overlaps(column.span) else { return (glyph, role) }
        // Only time glyphs change case: a meeting's title on the user's own row keeps its letters.
        let timeRoles: Set<StyleRole> = [.busy, .busyUnavailable, .busyTentative, .free, .allBusy, .allFree]
        guard state.glyphs == .letters, timeRoles.contains(role) else { return (glyph, .mark) }
        return (glyph == state.glyphs.glyph(for: nil) ? "m" : glyph.lowercased(), .mark)
    }

    static func drawScriptPager(_ s: inout ScreenBuffer, _ pager: ScriptPager, layout: PlannerLayout) {
        let view = ScriptPager.viewport(layout)
        let width = view.width + 4
        let x0 = (layout.width - width) / 2, y0 = 1
        let height = view.height + 3
        for y in y0..<(y0 + height) { s.fill(y: y, from: x0, to: x0 + width, role: .dialog) }
        s.put(" \(pager.title) ", x: x0 + 2, y: y0, role: .title, maxWidth: width - 4)
        s.cursor = ScreenPosition(x: x0 + 3, y: y0)
        let rows = pager.rows(width: view.width)
        let p = pager.clamped(layout)
        for (n, row) in rows.dropFirst(p.top).prefix(view.height).enumerated() {
            s.put(row, x: x0 + 2, y: y0 + 1 + n, role: .dialog, maxWidth: view.width)
        }
        let last = min(rows.count, p.top + view.height)
        let position = rows.isEmpty ? "" : "lines \(p.top + 1)–\(last) of \(rows.count)  "
        s.put(position + "j/k ↑/↓ line  PgUp/PgDn page  q/Esc close", x: x0 + 2, y: y0 + height - 1, role: .legend, maxWidth: width - 4)
    }
}
