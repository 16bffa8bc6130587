/// Why a line of working hours, or a VAVAILABILITY, could not be read: each a
/// one-line message for the user, naming the offending text.
public enum WorkingHoursError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notADay(String)
    case notATimeRange(String)
    case endsBeforeStart(String)
    case timesWithoutDays(String)
    case daysWithoutTimes(String)
    case dayNamedTwice(Weekday)
    case overlapping(Weekday, String)
    case noWorkingTime
    /// The iCalendar text itself is broken.
    case unreadable(String)
    case noAvailability
    /// A form of VAVAILABILITY that weekly hours cannot express.
    case unsupported(String)

    public var description: String {
        switch self {
        case .empty:
            return "working hours: nothing given; write days and times, e.g. `mon-fri 09:00-17:00`"
        case let .notADay(t):
            return "working hours: \"\(t)\" is not a day (mon tue wed thu fri sat sun, or a span like mon-fri)"
        case let .notATimeRange(t):
            return "working hours: \"\(t)\" is not a time range (HH:MM-HH:MM, e.g. 09:00-17:00)"
        case let .endsBeforeStart(t):
            return "working hours: \(t) does not end after it starts; a range past midnight is two: 22:00-24:00 on one day, 00:00-02:00 on the next"
        case let .timesWithoutDays(t):
            return "working hours: \(t) has no days before it (e.g. `mon-fri \(t)`)"
        case let .daysWithoutTimes(t):
            return "working hours: \(t) has no times after it (e.g. `\(t) 09:00-17:00`, or `\(t) off`)"
        case let .dayNamedTwice(d):
            return "working hours: \(d.shortName) is named twice; give each day its times once"
        case let .overlapping(d, t):
            return "working hours: the ranges of \(d.shortName) overlap (\(t))"
        case .noWorkingTime:
            return "working hours: every day is off; name at least one day with times"
        case let .unreadable(detail):
            return "calendar-availability: not readable iCalendar: \(detail)"
        case .noAvailability:
            return "calendar-availability: no VAVAILABILITY component"
        case let .unsupported(detail):
            return "calendar-availability: \(detail)"
        }
    }
}
