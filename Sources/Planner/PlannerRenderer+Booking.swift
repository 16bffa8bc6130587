import FreeBusy
import ICalendar
import LocalTime

extension PlannerRenderer {
    /// A centred box of `lines` rows, filled with the dialog role; returns its origin and width.
    static func dialogBox(_ s: inout ScreenBuffer, layout: PlannerLayout, lines: Int, title: String) -> (x: Int, y: Int, width: Int) {
        let width = min(layout.width - 2, 72)
        let height = min(layout.height - 3, lines + 2)
        let x0 = (layout.width - width) / 2
        let y0 = max(0, (layout.height - 3 - height) / 2)
        for y in y0..<(y0 + height) { s.fill(y: y, from: x0, to: x0 + width, role: .dialog) }
        s.put(" \(title) ", x: x0 + 2, y: y0, role: .title)
        // The dialog has the focus: a screen reader starts at its title.
        s.cursor = ScreenPosition(x: x0 + 3, y: y0)
        return (x0, y0, width)
    }

    static func attendeeList(_ addresses: [CalendarUserAddress]) -> String {
        addresses.map(\.displayString).joined(separator: ", ")
    }

    static func drawBookingForm(_ s: inout ScreenBuffer, _ form: BookingForm, zone: DisplayZone, layout: PlannerLayout) {
        let box = dialogBox(&s, layout: layout, lines: 8, title: "Book a meeting")
        let x = box.x + 2, inner = box.width - 4
        var y = box.y + 2
        s.put("When      \(dayLabel(form.start, zone: zone)) \(zone.formatTime(form.start)) \(zone.abbreviation(at: form.start))", x: x, y: y, role: .dialog, maxWidth: inner)
        y += 1
        for field in BookingForm.Field.allCases {
            let label = field.label + String(repeating: " ", count: max(0, 10 - field.label.count))
            s.put(label, x: x, y: y, role: .dialog)
            let text = form.text(field)
            let fieldWidth = inner - 10
            let focused = form.focus == field
            s.fill(y: y, from: x + 10, to: x + 10 + fieldWidth, role: focused ? .normal : .dialog)
            // Selected text (typing replaces it) is drawn in the cursor's colours.
            let selected = focused && form.selected[field.rawValue]
            s.put(text, x: x + 10, y: y, role: selected ? .cursor : focused ? .normal : .dialog, maxWidth: fieldWidth)
            if focused {
                let before = String(text.prefix(form.cursors[field.rawValue]))
                let caret = min(x + 10 + before.terminalWidth, x + 10 + fieldWidth - 1)
                s.put("▏", x: caret, y: y, role: .cursor)
                s.cursor = ScreenPosition(x: caret, y: y)
            }
            y += 1
        }
        var with = "With      " + attendeeList(form.required)
        if !form.optional.isEmpty { with += "; optional: " + attendeeList(form.optional) }
        if let room = form.room { with += "; room: " + room.label }
        s.put(with.truncated(to: inner), x: x, y: y, role: .dialog, maxWidth: inner)
        y += 1
        if let problem = form.problem { s.put(problem, x: x, y: y, role: .error, maxWidth: inner) }
        y += 1
        s.put("Tab/↓ next field  ↑ previous  Enter continue  Esc cancel", x: x, y: y, role: .legend, maxWidth: inner)
    }

    static func drawBookingConfirmation(_ s: inout ScreenBuffer, _ draft: BookingDraft, warnings: [String], zone: DisplayZone,
                                        layout: PlannerLayout) {
        let box = dialogBox(&s, layout: layout, lines: 7 + warnings.count, title: warnings.isEmpty ? "Book this meeting?" : "Someone is busy")
        let x = box.x + 2, inner = box.width - 4
        var y = box.y + 2
        s.put("“\(draft.title)”".truncated(to: inner), x: x, y: y, role: .dialog, maxWidth: inner)
        y += 1
        // Across a clock change the end's zone name differs: 02:30 CEST–02:30 CET.
        let startZone = zone.abbreviation(at: draft.start), endZone = zone.abbreviation(at: draft.end)
        let times = startZone == endZone ? "\(zone.formatTime(draft.start))–\(zone.formatTime(draft.end)) \(startZone)"
                                         : "\(zone.formatTime(draft.start)) \(startZone)–\(zone.formatTime(draft.end)) \(endZone)"
        s.put("\(dayLabel(draft.start, zone: zone)) \(times)"
              + (draft.location.isEmpty ? "" : "  at \(draft.location)") + (draft.room.map { "  in \($0.label)" } ?? ""),
              x: x, y: y, role: .dialog, maxWidth: inner)
        y += 1
        s.put(("Required: " + attendeeList(draft.required)).truncated(to: inner), x: x, y: y, role: .dialog, maxWidth: inner)
        y += 1
        if !draft.optional.isEmpty {
            s.put(("Optional: " + attendeeList(draft.optional)).truncated(to: inner), x: x, y: y, role: .dialog, maxWidth: inner)
            y += 1
        }
        for w in warnings {
            s.put(("! " + w).truncated(to: inner), x: x, y: y, role: .error, maxWidth: inner)
            y += 1
        }
        y += 1
        let keys = warnings.isEmpty ? "y book it and send the invitations   n change   Esc cancel"
                                    : "y book anyway   n change   Esc cancel"
        s.put(keys, x: x, y: y, role: .legend, maxWidth: inner)
    }
}
