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
