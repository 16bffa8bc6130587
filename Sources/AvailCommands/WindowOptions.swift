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

    func window(now: UTCInstant, zone: DisplayZone) throws -> TimeWindow {
        try Query.window(from: from, to: to, days: days, now: now, zone: zone)
    }
}
