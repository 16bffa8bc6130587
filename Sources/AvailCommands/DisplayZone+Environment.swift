import TextUtilities
import LocalTime

extension DisplayZone {
    /// The zone times are shown in: TZ, as every command reads it; a TZ this
    /// system does not know is a usage error, not a silent UTC.
    static func fromEnvironment() throws(CommandFailure) -> DisplayZone {
        let tz = ProcessEnvironment.current["TZ"]
        guard let zone = DisplayZone.named(tz) else {
            throw CommandFailure(usage: "TZ=\(tz ?? "") is not a time zone this system knows")
        }
        return zone
    }

    /// `--tz ZONE` when given (an unknown zone is a usage error), else TZ.
    static func fromOption(_ tz: String?) throws(CommandFailure) -> DisplayZone {
        guard let tz else { return try fromEnvironment() }
        guard let zone = DisplayZone.named(tz) else { throw CommandFailure(usage: "--tz \(tz) is not a time zone this system knows") }
        return zone
    }
}
