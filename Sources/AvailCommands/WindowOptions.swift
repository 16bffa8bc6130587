import FreeBusy
import ICalendar
import LocalTime

/// --from, --to and --days, the window every command that asks about time takes.
struct WindowOptions {
    static let specs: [OptionSpec] = [
        .option("from", "date", "Window start: DATE or DATETIME, or today/tomorrow/now (default today)."),
        .option("to", "date", "Window end: DATE (inclusive) or DATETIME."),
        .option("days", "n", "Window length in days, instead of --to (default 7)."),
    ]

    var from: String?
    var to: String?
    var days: Int?

    init(_ a: ParsedArguments) throws(CommandFailure) {
        from = a.value("from")
        to = a.value("to")
        days = try a.int("days")
        if to != nil, days != nil { throw CommandFailure(usage: "give --to or --days, not both") }
        if let d = days, !(1...366).contains(d) { throw CommandFailure(usage: "--days must be between 1 and 366") }
    }

    /// `quiet`: no notes on stderr (a look ahead that the run repeats aloud).
    func window(now: UTCInstant, zone: DisplayZone, quiet: Bool = false) throws -> TimeWindow {
        try Self.window(from: from, to: to, days: days, now: now, zone: zone, quiet: quiet)
    }

    /// The window the three options name, in `zone`: --from (default today 00:00), then --to
    /// (a date includes that whole day) or --days (default 7); at most 366 days.
    static func window(from: String?, to: String?, days: Int?, now: UTCInstant, zone: DisplayZone, quiet: Bool = false) throws -> TimeWindow {
        let startArg = try from.map { text -> TimeArgument in
            guard let a = TimeArgument.parse(text, now: now, zone: zone) else {
                throw CommandFailure(usage: "--from \(text.debugDescription) is not a date (2026-12-07) or datetime (2026-12-07T09:00)")
            }
            return a
        }
        let start: UTCInstant
        if let startArg {
            guard let (s, resolution) = startArg.resolveStart(in: zone) else {
                throw CommandFailure(usage: "--from \(from ?? "") does not exist in \(zone.identifier)")
            }
            if !quiet, let note = resolution?.note(in: zone) { writeStandardError("avail: note: --from \(note)\n") }
            start = s
        } else {
            start = zone.startOfDay(now)
        }
        let end: UTCInstant?
        if let to {
            guard let a = TimeArgument.parse(to, now: now, zone: zone) else {
                throw CommandFailure(usage: "--to \(to.debugDescription) is not a date (2026-12-07) or datetime (2026-12-07T17:00)")
            }
            let resolved = a.resolveEnd(in: zone)
            if !quiet, let note = resolved?.resolution?.note(in: zone) { writeStandardError("avail: note: --to \(note)\n") }
            end = resolved?.instant
        } else {
            end = zone.adding(days: days ?? 7, to: start)
        }
        guard let end, let window = TimeWindow(start: start, end: end) else {
            throw CommandFailure(usage: "the window ends before it starts; check --from and --to")
        }
        guard window.seconds <= 366 * 86_400 else {
            throw CommandFailure(usage: "the window is longer than 366 days")
        }
        return window
    }
}
