import ICalendar
import LocalTime

/// An option naming a moment (`--at`, `--occurrence`): a date and a time of
/// day in `zone`, resolved as a booking's start is (a time skipped or repeated
/// by a clock change resolved, and how, for a note).
enum DateTimeOption {
    /// `dateOnly`: the message for a date without a time, where the command
    /// says more than that it is no datetime.
    static func instant(_ text: String, option: String, now: UTCInstant, zone: DisplayZone,
                        dateOnly: String? = nil) throws(CommandFailure) -> (instant: UTCInstant, resolution: LocalTimeResolution?) {
        let notADateTime = CommandFailure(usage: "--\(option) \(text.debugDescription) is not a datetime like 2026-12-08T15:00")
        guard let argument = TimeArgument.parse(text, now: now, zone: zone) else { throw notADateTime }
        if case .date = argument { throw dateOnly.map { CommandFailure(usage: $0) } ?? notADateTime }
        guard let resolved = argument.resolveStart(in: zone) else { throw notADateTime }
        return resolved
    }
}
