import FreeBusy
import ICalendar
import LocalTime
import TextUtilities

extension PlannerRenderer {
    /// The user's own meetings as labelled blocks: per visible column (by its start) of the
    /// own row, the character of the meeting's title to draw there (a block
    /// glyph past the title's end, or for a character wider than a cell). An
    /// occurrence of a repeating meeting starts with the `repeating` mark.
    static func meetingLabels(_ state: PlannerState, axis: TimeAxis, visible: [(index: Int, x: Int)]) -> [UTCInstant: String] {
        var labels: [UTCInstant: String] = [:]
        for meeting in state.meetingsInView {
            guard let span = meeting.span else { continue }
            let columns = visible.map { axis.columns[$0.index] }.filter { $0.span.overlaps(span) }.map(\.start)
            let title = meeting.repeats == nil ? Array(meeting.title) : [Character(state.glyphs.repeating)] + Array(meeting.title)
            for (n, column) in columns.enumerated() where labels[column] == nil {
                let ch = n < title.count ? String(title[n]) : ""
                labels[column] = ch.terminalWidth == 1 ? ch : state.glyphs.glyph(for: .busy)
            }
        }
        return labels
    }

    static func drawMeetingList(_ s: inout ScreenBuffer, _ list: [PlannerMeeting], zone: DisplayZone, layout: PlannerLayout) {
        let box = dialogBox(&s, layout: layout, lines: 3 + 2 * list.count, title: "Your meetings (any key closes)")
        let x = box.x + 2, inner = box.width - 4
        var y = box.y + 2
        let last = box.y + min(layout.height - 3, 5 + 2 * list.count) - 2
        for (n, m) in list.enumerated() {
            guard y + 1 <= last else {
                s.put("… and \(list.count - n) more", x: x, y: y, role: .legend, maxWidth: inner)
                break
            }
            s.put("\(dayLabel(m.start, zone: zone)) \(times(m.start, m.end, zone: zone))  “\(m.title)”".truncated(to: inner),
                  x: x, y: y, role: .dialog, maxWidth: inner)
            let repeats = m.repeats.map { "repeats \($0) · " } ?? ""
            s.put(("    " + repeats + m.replies).truncated(to: inner), x: x, y: y + 1, role: .legend, maxWidth: inner)
            y += 2
        }
    }

    static func drawMoveConfirmation(_ s: inout ScreenBuffer, _ draft: MeetingMoveDraft, warnings: [String], zone: DisplayZone,
                                     layout: PlannerLayout) {
        let box = dialogBox(&s, layout: layout, lines: 6 + warnings.count, title: warnings.isEmpty ? "Move this meeting?" : "Someone is busy")
        let x = box.x + 2, inner = box.width - 4
        var y = box.y + 2
        let m = draft.meeting
        s.put("“\(m.title)”".truncated(to: inner), x: x, y: y, role: .dialog, maxWidth: inner)
        y += 1
        s.put("from \(dayLabel(m.start, zone: zone)) \(times(m.start, m.end, zone: zone))", x: x, y: y, role: .dialog, maxWidth: inner)
        y += 1
        s.put("to   \(dayLabel(draft.start, zone: zone)) \(times(draft.start, draft.end, zone: zone))", x: x, y: y, role: .dialog, maxWidth: inner)
        y += 1
        for w in warnings {
            s.put(("! " + w).truncated(to: inner), x: x, y: y, role: .error, maxWidth: inner)
            y += 1
        }
        y += 1
        let keys = warnings.isEmpty ? "y move it and tell everyone   n/Esc leave it" : "y move anyway   n/Esc leave it"
        s.put(keys, x: x, y: y, role: .legend, maxWidth: inner)
    }

    static func drawCancelConfirmation(_ s: inout ScreenBuffer, _ m: PlannerMeeting, zone: DisplayZone, layout: PlannerLayout) {
        let box = dialogBox(&s, layout: layout, lines: 5, title: "Cancel this meeting?")
        let x = box.x + 2, inner = box.width - 4
        s.put("“\(m.title)”".truncated(to: inner), x: x, y: box.y + 2, role: .dialog, maxWidth: inner)
        s.put("\(dayLabel(m.start, zone: zone)) \(times(m.start, m.end, zone: zone))  \(m.replies)", x: x, y: box.y + 3, role: .dialog, maxWidth: inner)
        s.put("y cancel it (the server tells everyone)   n/Esc keep it", x: x, y: box.y + 5, role: .legend, maxWidth: inner)
    }

    /// 10:00–10:30 CET, or 02:30 CEST–02:30 CET across a clock change.
    static func times(_ start: UTCInstant, _ end: UTCInstant, zone: DisplayZone) -> String {
        let startZone = zone.abbreviation(at: start), endZone = zone.abbreviation(at: end)
        return startZone == endZone ? "\(zone.formatTime(start))–\(zone.formatTime(end)) \(startZone)"
                                    : "\(zone.formatTime(start)) \(startZone)–\(zone.formatTime(end)) \(endZone)"
    }
}
