import FreeBusy
import ICalendar
import LocalTime
import TextUtilities

/// `v` marks a range of time; `h`/`l` stretch it; with a mark, `b` books
/// exactly it, `n`/`N` move it to the next or previous slot of its length
/// where everyone required is free, and `y` copies it as text.
extension PlannerState {
    /// `v`: starts a mark at the cursor's slot, or drops the one there is.
    mutating func toggleMark(axis: TimeAxis, zone: DisplayZone) {
        if mark != nil {
            mark = nil
            statusMessage = "mark dropped"
            return
        }
        guard axis.columns.indices.contains(cursorColumn) else { return }
        mark = PlannerMark(anchor: axis.columns[cursorColumn].span)
    }

    /// After the cursor moved along the time axis: the mark follows it.
    mutating func stretchMark(axis: TimeAxis) {
        guard let m = mark, axis.columns.indices.contains(cursorColumn) else { return }
        mark = m.stretched(to: axis.columns[cursorColumn].span)
    }

    /// `b` with a mark: the booking form for exactly the marked time.
    mutating func bookMark(_ mark: PlannerMark) {
        openBookingForm(start: mark.span.start, duration: mark.length)
    }

    /// `n`/`N` with a mark: the next (previous) free slot of the mark's length
    /// becomes the mark.
    mutating func jumpMark(_ m: PlannerMark, forward: Bool, axis: TimeAxis, zone: DisplayZone) {
        guard let start = jumpToCommonFreeSlot(forward: forward, axis: axis, zone: zone, duration: m.length) else { return }
        mark = m.moved(to: start)
    }

    /// `y` with a mark: the range as text on the status line and the clipboard.
    mutating func copyMark(_ m: PlannerMark, zone: DisplayZone) -> [PlannerEffect] {
        let text = Self.rangeText(m.span, zone: zone)
        statusMessage = clipboard ? "copied: \(text)" : "\(text) (the clipboard is off: see clipboard in avail-config(5))"
        return clipboard ? [.copyToClipboard(text)] : []
    }

    /// "Tue 8 Dec 14:00–15:30 CET" in the user's zone; the day again where the
    /// range ends on another, and both zone names across a clock change.
    public static func rangeText(_ span: TimeSpan, zone: DisplayZone) -> String {
        let startDay = PlannerRenderer.dayLabel(span.start, zone: zone)
        // An end at midnight is the end of the start's day, not the next day's start.
        let lastInstant = span.end.adding(seconds: -1)
        let endDay = PlannerRenderer.dayLabel(lastInstant, zone: zone)
        let startZone = zone.abbreviation(at: span.start), endZone = zone.abbreviation(at: span.end)
        let start = zone.formatTime(span.start), end = zone.formatTime(span.end)
        if startDay != endDay {
            return startZone == endZone ? "\(startDay) \(start) – \(endDay) \(end) \(startZone)"
                                        : "\(startDay) \(start) \(startZone) – \(endDay) \(end) \(endZone)"
        }
        return startZone == endZone ? "\(startDay) \(start)–\(end) \(startZone)" : "\(startDay) \(start) \(startZone)–\(end) \(endZone)"
    }

    /// The status line while there is a mark: its time and length, and who is
    /// busy anywhere in it (by their strongest busy type there), or who is not known.
    public func markSentence(zone: DisplayZone) -> String? {
        guard let m = mark else { return nil }
        var busy: [String] = [], tentative: [String] = [], unknown: [String] = []
        for row in attendees {
            // Answers of every window asked: a mark may reach past the one on screen.
            let known = row.answers.values.compactMap(\.busy).flatMap { $0 }
            let name = row.address.displayString
            switch known.strongestType(in: m.span) {
            case .busy?, .other?: busy.append(name)
            case .busyUnavailable?: busy.append(name + " (outside hours)")
            case .busyTentative?: tentative.append(name)
            case nil:
                let answered = row.answers.values.contains { answer in
                    answer.busy != nil && !answer.gaps.contains { $0.overlaps(m.span) }
                }
                if !answered { unknown.append(name) }
            }
        }
        var text = "marked \(Self.rangeText(m.span, zone: zone)) (\(Self.formatDuration(m.length)))"
        if attendees.isEmpty { return text }
        var parts: [String] = []
        if !busy.isEmpty { parts.append("busy: " + busy.joined(separator: ", ")) }
        if !tentative.isEmpty { parts.append("tentative: " + tentative.joined(separator: ", ")) }
        if !unknown.isEmpty { parts.append("unknown: " + unknown.joined(separator: ", ")) }
        text += ": " + (parts.isEmpty ? "everyone is free" : parts.joined(separator: "; "))
        return text
    }
}
