import FreeBusy
import ICalendar
import LocalTime

/// The focused cell said as a sentence, for the status line: who, when (whole
/// words, the zone named by its place) and what is known there. A screen
/// reader reads it as it is; a sighted user reads the same facts.
///
///     bob@example.com, Monday 7 December 10:30 to 11:00 Berlin time: busy (tentative), 10:00 to 11:30
///     all attendees, Monday 7 December 10:30 to 11:00 Berlin time: busy: bob@example.com, carol@example.com
enum FocusSentence {
    /// `brief`: the day and times as the grid writes them ("Mon 7 Dec
    /// 10:30–11:00", the zone is in the header), for a line too narrow for words.
    static func text(_ state: PlannerState, axis: TimeAxis, zone: DisplayZone, now: UTCInstant, brief: Bool = false) -> String? {
        guard axis.columns.indices.contains(state.cursorColumn) else { return nil }
        let slot = axis.columns[state.cursorColumn].span
        let when = brief
            ? "\(PlannerRenderer.dayLabel(slot.start, zone: zone)) \(zone.formatTime(slot.start))–\(zone.formatTime(slot.end))"
            : "\(zone.spokenDay(slot.start)) \(zone.formatTime(slot.start)) to \(zone.formatTime(slot.end)) \(zone.spokenName(at: slot.start))"
        if let i = state.roomUnderCursor {
            return "\(roomTitle(state.rooms[i])), \(when): " + verdict(state.rooms[i].row, window: state.window, slot: slot, zone: zone, now: now)
        }
        guard state.attendees.indices.contains(state.cursorRow) else {
            return "all attendees, \(when): " + allRow(state, slot: slot)
        }
        let row = state.attendees[state.cursorRow]
        let who = row.address.displayString + (row.optional ? " (optional)" : "")
        return "\(who), \(when): " + verdict(row, window: state.window, slot: slot, zone: zone, now: now)
    }

    /// What one attendee's answer says of the slot, and how sure it is.
    static func verdict(_ row: AttendeeRow, window: WindowKey, slot: TimeSpan, zone: DisplayZone, now: UTCInstant) -> String {
        switch row.answer(for: window) {
        case .pending:
            return "no answer yet, waiting for the server"
        case let .failed(message):
            return "no answer: \(message)"
        case let .answered(a):
            let r = a.result
            guard let busy = r.busy else {
                return "unknown, \(r.status.code) \(r.status.meaning)" + (r.problem.map { " (\($0))" } ?? "")
            }
            var text: String
            if a.gaps.contains(where: { $0.overlaps(slot) }) {
                text = "unknown, the answer does not cover this time"
            } else {
                text = word(for: busy.strongestType(in: slot))
                let here = busy.filter { $0.span.overlaps(slot) }.map(\.span).union()
                if !here.isEmpty {
                    text += ", " + here.map { "\(zone.formatTime($0.start)) to \(zone.formatTime($0.end))" }.joined(separator: " and ")
                }
            }
            // Only an answer with a real fetch time has an age to say.
            if a.isCached || a.error != nil, let fetched = a.fetched {
                text += "; cached \(PlannerRenderer.age(now.secondsSinceEpoch - fetched.secondsSinceEpoch)) ago"
                text += a.error.map { ", refresh failed: \($0)" } ?? (a.stale ? ", refreshing" : "")
            }
            return text
        }
    }

    /// The `all` row: who of the required attendees is busy, whom it waits for.
    static func everyone(_ state: PlannerState, slot: TimeSpan) -> String {
        guard !state.attendees.isEmpty else { return "no attendees yet" }
        var busy: [String] = [], optionalBusy: [String] = [], unknown: [String] = []
        for row in state.attendees {
            let name = row.address.displayString
            let answer = row.answer(for: state.window)
            guard let periods = answer.busy, !answer.gaps.contains(where: { $0.overlaps(slot) }) else {
                unknown.append(name)
                continue
            }
            if periods.anyOverlaps(slot) {
                if row.optional { optionalBusy.append(name) } else { busy.append(name) }
            }
        }
        let required = state.attendees.filter { !$0.optional }
        let requiredUnknown = required.filter { unknown.contains($0.address.displayString) }.count
        var parts: [String] = []
        if !busy.isEmpty {
            parts.append("busy: " + busy.joined(separator: ", "))
        } else if required.isEmpty {
            parts.append("no one is required")
        } else if requiredUnknown == required.count {
            parts.append("no required attendee's time is known")
        } else {
            parts.append(requiredUnknown > 0 ? "everyone known is free" : "everyone required: free")
        }
        if !optionalBusy.isEmpty { parts.append("optional, busy: " + optionalBusy.joined(separator: ", ")) }
        if !unknown.isEmpty { parts.append("unknown: " + unknown.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    static func word(for type: BusyType?) -> String {
        switch type {
        case nil: return "free"
        case .busy?, .other?: return "busy"
        case .busyUnavailable?: return "busy (unavailable)"
        case .busyTentative?: return "busy (tentative)"
        }
    }
}
