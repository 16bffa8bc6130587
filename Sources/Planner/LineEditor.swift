import TextUtilities

/// A one-line editor for prompts (add attendee, meeting duration).
public struct LineEditor: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case addAttendee, duration }
    public var purpose: Purpose
    public var text: String = ""
    public var cursor: Int = 0 // in Characters
    /// The prefilled text is selected: typing replaces it (LineEditing).
    public var selected = false
    /// From the server's directory, for the text as it was when asked.
    public var suggestions: [PersonSuggestion] = []

    public init(purpose: Purpose, text: String = "") {
        self.purpose = purpose
        self.text = text
        cursor = text.count
        selected = !text.isEmpty
    }

    public var prompt: String {
        switch purpose {
        case .addAttendee: return "Add attendee: "
        case .duration: return "Meeting duration (e.g. 30m, 1h, 1h30m): "
        }
    }
}

/// The editing keys every one-line field shares (prompts and the booking form).
enum LineEditing {
    /// Backspace, Delete, ← →, Home/^A, End/^E, ^U and typed characters (up to
    /// `limit`); other keys change nothing.
    ///
    /// A field that has just been given focus with a value in it (the
    /// meeting's length, say) has that value `selected`, as form fields do
    /// elsewhere: the first character typed replaces it, Backspace or Delete
    /// clears it, and a movement key keeps it and starts editing it.
    static func apply(_ key: PlannerKey, to chars: inout [Character], cursor: inout Int, selected: inout Bool, limit: Int) {
        if selected {
            selected = false
            switch key {
            case .char(let c) where !c.isTerminalControl:
                chars.removeAll()
                cursor = 0
            case .backspace, .delete:
                chars.removeAll()
                cursor = 0
                return
            default:
                break
            }
        }
        apply(key, to: &chars, cursor: &cursor, limit: limit)
    }

    static func apply(_ key: PlannerKey, to chars: inout [Character], cursor: inout Int, limit: Int) {
        switch key {
        case .backspace:
            if cursor > 0 { chars.remove(at: cursor - 1); cursor -= 1 }
        case .delete:
            if cursor < chars.count { chars.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = chars.count
        case .ctrl("u"): chars.removeAll(); cursor = 0
        case let .char(c):
            guard !c.isTerminalControl, chars.count < limit else { break }
            chars.insert(c, at: cursor)
            cursor += 1
        default:
            break
        }
    }
}
