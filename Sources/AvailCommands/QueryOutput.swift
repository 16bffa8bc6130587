import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime

/// The three renderings of a free/busy result that `avail query` prints.
public enum QueryOutput {
    /// The documented JSON shape (README), recipients in command-line order.
    /// `busy` is empty when the recipient's time is unknown; `known` says which.
    public static func json(_ result: FreeBusyResult) -> String {
        var top: [(String, JSONValue)] = [
            ("organizer", .string(result.organizer.uri)),
            ("start", .string(result.window.start.iso8601String)),
            ("end", .string(result.window.end.iso8601String)),
        ]
        if let note = result.note { top.append(("note", .string(note))) }
        top.append(("recipients", .array(result.recipients.map { r in
            var fields: [(String, JSONValue)] = [
                ("recipient", .string(r.recipient.uri)),
                ("status", .string(r.status.code)),
                ("description", .string(r.status.meaning)),
                ("known", .bool(r.busy != nil)),
                ("busy", .array((r.busy ?? []).map { p in
                    .object([("start", .string(p.start.iso8601String)),
                             ("end", .string(p.end.iso8601String)),
                             ("type", .string(p.type.name))])
                })),
            ]
            if let problem = r.problem { fields.append(("error", .string(problem))) }
            return .object(fields)
        })))
        return JSONValue.object(top).serialized() + "\n"
    }

    /// A table for people, times in the display zone.
    public static func text(_ result: FreeBusyResult, zone: DisplayZone) -> String {
        var out = "Free/busy \(zone.format(result.window.start)) – \(zone.format(result.window.end)) \(zone.abbreviation)"
        out += ", organizer \(result.organizer.displayString)\n"
        if let note = result.note { out += "note: \(note)\n" }
        let width = min(40, result.recipients.map { $0.recipient.displayString.count }.max() ?? 0)
        for r in result.recipients {
            let name = r.recipient.displayString
            let padded = name.count >= width ? name : name + String(repeating: " ", count: width - name.count)
            out += "\n\(padded)  \(r.status.code) \(r.status.meaning)"
            if let problem = r.problem { out += " (\(problem))" }
            out += "\n"
            guard let busy = r.busy else { out += "    busy time unknown\n"; continue }
            if busy.isEmpty { out += "    free for the whole window\n"; continue }
            for p in busy {
                let sameDay = zone.startOfDay(p.start) == zone.startOfDay(p.end)
                let end = sameDay ? zone.formatTime(p.end) : zone.format(p.end)
                out += "    \(zone.format(p.start)) – \(end)  \(p.type.name)\n"
            }
        }
        return out
    }

    /// VFREEBUSY components, one per recipient whose busy time is known, in
    /// one VCALENDAR; the others appear as a REQUEST-STATUS only.
    public static func ics(_ result: FreeBusyResult, timestamp: UTCInstant) -> String {
        var w = ContentLineWriter()
        w.write("BEGIN", value: "VCALENDAR")
        w.write("VERSION", value: "2.0")
        w.write("PRODID", value: "-//avail//avail \(AvailVersion.string)//EN")
        w.write("METHOD", value: "REPLY")
        for (i, r) in result.recipients.enumerated() {
            let status = r.status.code + ";" + ContentLineWriter.escapeText(r.status.meaning)
            VFreeBusyWriter.component(attendee: r.recipient, organizer: result.organizer, window: result.window,
                                      periods: r.busy ?? [], requestStatus: status,
                                      uid: "avail-\(timestamp.iCalendarString)-\(i)", timestamp: timestamp, into: &w)
        }
        w.write("END", value: "VCALENDAR")
        return w.text
    }
}

public enum AvailVersion {
    public static let string = "0.1.0"
}
