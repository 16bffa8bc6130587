import TextUtilities
/// Why a piece of iCalendar text could not be read. Each case carries the text
/// at fault (cut short) so that a message can show it.
public enum ICalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedContentLine(line: Int, text: String)
    case unbalancedComponent(String)
    case invalidDateTime(String)
    case dateTimeNotUTC(String)
    case invalidDuration(String)
    case invalidPeriod(String)
    case missingComponent(String)

    public var description: String {
        switch self {
        case let .malformedContentLine(line, text): return "malformed iCalendar line \(line): \(text.excerpt)"
        case let .unbalancedComponent(name): return "iCalendar component \(name.excerpt) is not closed or not opened"
        case let .invalidDateTime(text): return "invalid iCalendar date-time \(text.excerpt)"
        case let .dateTimeNotUTC(text): return "date-time \(text.excerpt) is not in UTC"
        case let .invalidDuration(text): return "invalid iCalendar duration \(text.excerpt)"
        case let .invalidPeriod(text): return "invalid iCalendar period \(text.excerpt)"
        case let .missingComponent(name): return "no \(name) component in the iCalendar data"
        }
    }
}

extension String {
    /// At most 60 characters of a possibly huge or hostile string, controls removed,
    /// so that one error message stays one readable line.
    public var excerpt: String {
        var head = ""
        head.unicodeScalars.append(contentsOf: unicodeScalars.prefix(61))
        let out = TerminalText.oneLine(head, replacement: "?")
        return unicodeScalars.count > 60 ? "\"" + String(out.prefix(60)) + "…\"" : "\"" + out + "\""
    }
}
