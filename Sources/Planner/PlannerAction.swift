/// What a key does in the grid. The raw value is the action's name in the
/// keys file (`bind next-slot f`); its default keys and help are in `KeyTable`.
public enum PlannerAction: String, CaseIterable, Sendable {
    case left, right, up, down
    case previousWindow = "previous-window", nextWindow = "next-window", today
    case zoomIn = "zoom-in", zoomOut = "zoom-out", toggleHours = "toggle-hours"
    case addAttendee = "add-attendee", removeAttendee = "remove-attendee", toggleOptional = "toggle-optional"
    case requery = "ask-again", nextSlot = "next-slot", previousSlot = "previous-slot"
    case setDuration = "set-duration", book
    case listMeetings = "list-meetings", moveMeeting = "move-meeting", cancelMeeting = "cancel-meeting"
    case toggleRooms = "toggle-rooms"
    case help, quit
    case mark, copy

    /// The action's row in the key table.
    public var row: KeyTable.Row {
        KeyTable.rows.first { $0.action == self } ?? KeyTable.Row(self, [], "")
    }

    /// The keys that do it unless the keys file says otherwise.
    public var keys: [PlannerKey] { row.keys + row.unlisted }

    public var help: String { row.help }
}
