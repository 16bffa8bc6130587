import ArgumentParser
import FreeBusy
import ICalendar
import LocalTime

/// --from, --to and --days, the window every command that asks about time takes.
struct WindowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Window start: DATE or DATETIME, or today/tomorrow/now (default today).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Window end: DATE (inclusive) or DATETIME.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Window length in days, instead of --to (default 7).", valueName: "n"))
    var days: Int?

    func validate() throws {
        if to != nil, days != nil { throw ValidationError("give --to or --days, not both") }
        if let d = days, !(1...366).contains(d) { throw ValidationError("--days must be between 1 and 366") }
    }

    func window(now: UTCInstant, zone: DisplayZone) throws -> TimeWindow {
        try Query.window(from: from, to: to, days: days, now: now, zone: zone)
    }
}
