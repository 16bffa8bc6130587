import ICalendar

/// Why a stored event could not be read as a meeting, or changed.
public enum MeetingError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(ICalendarError)
    /// No VCALENDAR, or one without a VEVENT (a task, a journal entry).
    case noEvent
    case missingProperty(String, uid: String?)
    case invalidTime(property: String, value: String)
    /// A TZID that neither the object's VTIMEZONE nor the system's zone data knows.
    case unknownZone(String)
    /// avail changes single meetings only: moving one occurrence or the whole
    /// series of a recurring event needs RECURRENCE-ID handling it does not do.
    case recurring(uid: String)
    /// A series avail cannot move as a whole, and why (its rule names days
    /// and the move changes the day; occurrences changed on their own).
    case seriesNotMovable(uid: String, reason: String)
    /// No occurrence of the series starts at that time (as the user wrote it).
    case noSuchOccurrence(uid: String, at: String)
    /// One occurrence cannot be changed on its own (`move --occurrence`).
    case occurrenceNotMovable(uid: String, reason: String)
    case endBeforeStart

    public var description: String {
        switch self {
        case let .unreadable(e): return "the stored event is not readable iCalendar: \(e)"
        case .noEvent: return "the stored object holds no event (VEVENT)"
        case let .missingProperty(name, uid): return "the event \(uid.map { "\($0.excerpt) " } ?? "")has no \(name)"
        case let .invalidTime(property, value): return "the event's \(property) \(value.excerpt) is not a date or time"
        case let .unknownZone(tzid): return "the event's time zone \(tzid.excerpt) is not defined in it and not known here"
        case let .recurring(uid): return "the meeting \(uid.excerpt) repeats; avail changes single meetings only"
        case let .noSuchOccurrence(uid, at): return "the series \(uid.excerpt) has no occurrence starting at \(at) (see `avail meetings`)"
        case let .occurrenceNotMovable(uid, reason): return "one occurrence of \(uid.excerpt) cannot be moved on its own: \(reason); nothing was changed"
        case let .seriesNotMovable(uid, reason): return "the series \(uid.excerpt) cannot be moved as a whole: \(reason); nothing was changed"
        case .endBeforeStart: return "a meeting must end after it starts"
        }
    }
}
