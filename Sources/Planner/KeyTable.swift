/// Every planner action with its default keys and help, in the order the help
/// screen lists them: one table feeds the key handling (through
/// `KeyBindings`), the help screen, the legend line, `avail tui --help` and
/// the README's key table (a test compares them), as calcurse's keys.c does.
///
/// Keys inside prompts and forms (line editing, Tab, Enter, Esc, y/n in the
/// booking confirmation, j/k/q in the request's pager) are not in the table:
/// they cannot be rebound. Digits are counts unless a keys file binds them.
public enum KeyTable {
    public struct Row: Sendable {
        public let action: PlannerAction
        /// Shown in the help, first one in the legend.
        public let keys: [PlannerKey]
        /// Also doing it by default, not listed: `=` is `+` without Shift.
        public let unlisted: [PlannerKey]
        public let help: String

        init(_ action: PlannerAction, _ keys: [PlannerKey], unlisted: [PlannerKey] = [], _ help: String) {
            self.action = action
            self.keys = keys
            self.unlisted = unlisted
            self.help = help
        }
    }

    /// Keys outside the table: they work in every mode, whatever the keys file says.
    public static let quitAlways: PlannerKey = .ctrl("c")
    public static let suspend: PlannerKey = .ctrl("z")

    public static let rows: [Row] = [
        Row(.left, [.left, .char("h")], "previous time slot"),
        Row(.right, [.right, .char("l")], "next time slot"),
        Row(.up, [.up, .char("k")], "previous attendee"),
        Row(.down, [.down, .char("j")], "next attendee"),
        Row(.previousWindow, [.char("H"), .pageUp], "previous window (week)"),
        Row(.nextWindow, [.char("L"), .pageDown], "next window (week)"),
        Row(.today, [.char("t")], "back to today"),
        Row(.zoomIn, [.char("+")], unlisted: [.char("=")], "zoom in (smaller slots)"),
        Row(.zoomOut, [.char("-")], "zoom out (larger slots)"),
        Row(.toggleHours, [.char("w")], "working hours / full days"),
        Row(.addAttendee, [.char("a")], "add attendee (Tab completes)"),
        Row(.removeAttendee, [.char("d")], "remove this attendee"),
        Row(.toggleOptional, [.char("o")], "optional / required attendee"),
        Row(.requery, [.char("r")], "ask the server again"),
        Row(.nextSlot, [.char("n")], "next common free slot"),
        Row(.previousSlot, [.char("N")], "previous common free slot"),
        Row(.setDuration, [.char("D")], "meeting duration for n/N"),
        Row(.book, [.char("b")], "book a meeting here"),
        Row(.listMeetings, [.char("m")], "list your meetings in view"),
        Row(.moveMeeting, [.char("M")], "move meeting (M it, M there)"),
        Row(.cancelMeeting, [.char("X")], "cancel meeting under cursor"),
        Row(.mark, [.char("v")], "mark a range (Esc drops it)"),
        Row(.copy, [.char("y")], "copy mark / row as curl"),
        Row(.toggleRooms, [.char("R")], "show / hide the rooms"),
        Row(.help, [.char("?")], "this help"),
        Row(.quit, [.char("q")], "quit"),
    ]

    /// The legend line's key hints, most needed first (as many as fit are
    /// shown): each with the first key of its actions as bound now.
    public static let legend: [(actions: [PlannerAction], label: String)] = [
        ([.help], "help"), ([.quit], "quit"), ([.addAttendee], "add"), ([.removeAttendee], "del"),
        ([.nextSlot], "next free"), ([.nextWindow], "next week"), ([.zoomIn, .zoomOut], "zoom"), ([.toggleHours], "hours"),
    ]

    /// The README's key table, as Markdown: keys, what they do, the action's
    /// name in the keys file.
    public static var markdown: String {
        var lines = ["| keys | action | name in the keys file |", "| --- | --- | --- |"]
        for row in rows {
            lines.append("| \(row.keys.map(\.label).joined(separator: " ")) | \(row.help) | `\(row.action.rawValue)` |")
        }
        return lines.joined(separator: "\n")
    }

    /// The default keys as `avail tui --help` lists them.
    public static var plainText: String {
        rows.map { row in
            let keys = row.keys.map(\.label).joined(separator: " ")
            return "  " + keys + String(repeating: " ", count: max(1, 9 - keys.count)) + row.help
        }.joined(separator: "\n")
    }
}
