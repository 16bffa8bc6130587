import TextUtilities
import CalDAVClient
import FreeBusy
import FreeBusyCache
import ICalendar
import LocalTime
import Scheduling

/// The three renderings of a free/busy answer that `avail query` prints.
enum QueryOutput {
    /// The documented JSON shape (README), recipients in command-line order.
    /// `busy` is empty when the recipient's time is unknown; `known` says which;
    /// `source`, `fetched` and `stale` say where the answer came from.
    static func json(_ outcome: FreeBusyOutcome) -> String {
        var top: [(String, JSONValue)] = [
            ("organizer", outcome.organizer.map { .string($0.uri) } ?? .null),
            ("start", .string(outcome.window.start.iso8601String)),
            ("end", .string(outcome.window.end.iso8601String)),
        ]
        if let note = outcome.note { top.append(("note", .string(note))) }
        top.append(("recipients", .array(outcome.rows.map { row in
            let r = row.result
            var fields: [(String, JSONValue)] = [
                ("recipient", .string(r.recipient.uri)),
                ("status", .string(r.status.code)),
                ("description", .string(r.status.meaning)),
                ("known", .bool(r.busy != nil)),
                ("busy", .array((r.busy ?? []).map { p in
                    .object([("start", .string(p.start.iso8601String)),
                             ("end", .string(p.end.iso8601String)),
                             ("type", .string(p.type.name)), ("meaning", .string(p.type.meaning))])
                })),
                ("source", .string(row.source.rawValue)),
                ("fetched", row.fetched.map { .string($0.iso8601String) } ?? .null),
                ("stale", .bool(row.stale)),
            ]
            if let account = row.account { fields.append(("account", .string(account))) }
            if !row.gaps.isEmpty {
                fields.append(("unknown", .array(row.gaps.map { .object([("start", .string($0.start.iso8601String)), ("end", .string($0.end.iso8601String))]) })))
            }
            if let problem = r.problem { fields.append(("error", .string(problem))) } else if let e = row.error { fields.append(("error", .string(e))) }
            return .object(fields)
        })))
        return JSONValue.object(top).serialized() + "\n"
    }

    /// A table for people, times in the display zone.
    /// Everything from the server goes through TerminalText before it is printed.
    static func text(_ outcome: FreeBusyOutcome, zone: DisplayZone, now: UTCInstant) -> String {
        TerminalText.clean(rawText(outcome, zone: zone, now: now))
    }

    private static func rawText(_ outcome: FreeBusyOutcome, zone: DisplayZone, now: UTCInstant) -> String {
        var out = "Free/busy \(zone.format(outcome.window.start)) – \(zone.format(outcome.window.end)) \(zone.abbreviation(at: outcome.window.start))"
        if let organizer = outcome.organizer { out += ", organizer \(organizer.displayString)" }
        out += "\n"
        if let note = outcome.note { out += "note: \(TerminalText.line(note))\n" }
        let width = min(40, outcome.rows.map { $0.result.recipient.displayString.count }.max() ?? 0)
        for row in outcome.rows {
            let r = row.result
            let name = r.recipient.displayString
            let padded = name.count >= width ? name : name + String(repeating: " ", count: width - name.count)
            out += "\n\(TerminalText.line(padded))  \(TerminalText.line(r.status.code)) \(TerminalText.line(r.status.meaning))"
            if let problem = r.problem { out += " (\(TerminalText.line(problem)))" }
            if let account = row.account { out += "  [account \(TerminalText.line(account))]" }
            if row.source == .cache, let fetched = row.fetched {
                out += "  [cached \(DurationText.age(now.secondsSinceEpoch - fetched.secondsSinceEpoch)) ago\(row.stale ? ", stale" : "")]"
            }
            out += "\n"
            // Busy periods and the spans the cache does not cover, in one
            // list in time order: a reader scans a day from top to bottom.
            var spans = (r.busy ?? []).map {
                (start: $0.start, end: $0.end, what: $0.type == .busyUnavailable ? "outside working hours (\($0.type.name))" : $0.type.name)
            }
            spans += row.gaps.map { (start: $0.start, end: $0.end, what: "unknown (not in the cache)") }
            spans.sort { ($0.start, $0.end) < ($1.start, $1.end) }
            for p in spans {
                let sameDay = zone.startOfDay(p.start) == zone.startOfDay(p.end)
                let end = sameDay ? zone.formatTime(p.end) : zone.format(p.end)
                out += "    \(zone.format(p.start)) – \(end)  \(p.what)\n"
            }
            guard let busy = r.busy else { out += "    busy time unknown\n"; continue }
            if busy.isEmpty { out += row.gaps.isEmpty ? "    free for the whole window\n" : "    free for the rest of the window\n" }
        }
        return out
    }

    /// VFREEBUSY components, one per recipient, in one VCALENDAR; those whose
    /// time is unknown carry only their REQUEST-STATUS.
    static func ics(_ outcome: FreeBusyOutcome, timestamp: UTCInstant) -> String {
        ContentLineWriter.calendar(productID: AvailVersion.productID, method: "REPLY") { w in
            for (i, row) in outcome.rows.enumerated() {
                let r = row.result
                let status = r.status.code + ";" + ContentLineWriter.escapeText(r.status.meaning)
                VFreeBusyWriter.component(attendee: r.recipient, organizer: outcome.organizer, window: outcome.window,
                                          periods: r.busy ?? [], requestStatus: status,
                                          uid: "avail-\(timestamp.iCalendarString)-\(i)", timestamp: timestamp, into: &w)
            }
        }
    }
}
