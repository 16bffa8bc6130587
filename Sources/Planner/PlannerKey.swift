/// A key press as the planner sees it, decoded by the terminal layer.
public enum PlannerKey: Equatable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab
    case ctrl(Character)
}

/// Every planner action with its keys and help text: one table feeds the key
/// handling, the help overlay and the legend (calcurse's keys.c idea).
public enum PlannerAction: CaseIterable, Sendable {
    case left, right, up, down, previousWindow, nextWindow, today, zoomIn, zoomOut, toggleHours
    case addAttendee, removeAttendee, toggleOptional, requery, nextSlot, previousSlot, setDuration, book, help, quit

    public var keys: [PlannerKey] {
        switch self {
        case .left: return [.left, .char("h")]
        case .right: return [.right, .char("l")]
        case .up: return [.up, .char("k")]
        case .down: return [.down, .char("j")]
        case .previousWindow: return [.char("H"), .pageUp]
        case .nextWindow: return [.char("L"), .pageDown]
        case .today: return [.char("t")]
        case .zoomIn: return [.char("+"), .char("=")]
        case .zoomOut: return [.char("-")]
        case .toggleHours: return [.char("w")]
        case .addAttendee: return [.char("a")]
        case .removeAttendee: return [.char("d")]
        case .toggleOptional: return [.char("o")]
        case .requery: return [.char("r")]
        case .nextSlot: return [.char("n")]
        case .previousSlot: return [.char("N")]
        case .setDuration: return [.char("D")]
        case .book: return [.char("b")]
        case .help: return [.char("?")]
        case .quit: return [.char("q")]
        }
    }

    public var keyLabel: String {
        switch self {
        case .left: return "← h"
        case .right: return "→ l"
        case .up: return "↑ k"
        case .down: return "↓ j"
        case .previousWindow: return "H PgUp"
        case .nextWindow: return "L PgDn"
        case .today: return "t"
        case .zoomIn: return "+"
        case .zoomOut: return "-"
        case .toggleHours: return "w"
        case .addAttendee: return "a"
        case .removeAttendee: return "d"
        case .toggleOptional: return "o"
        case .requery: return "r"
        case .nextSlot: return "n"
        case .previousSlot: return "N"
        case .setDuration: return "D"
        case .book: return "b"
        case .help: return "?"
        case .quit: return "q"
        }
    }

    public var help: String {
        switch self {
        case .left: return "previous time slot"
        case .right: return "next time slot"
        case .up: return "previous attendee"
        case .down: return "next attendee"
        case .previousWindow: return "previous window (week)"
        case .nextWindow: return "next window (week)"
        case .today: return "back to today"
        case .zoomIn: return "zoom in (smaller slots)"
        case .zoomOut: return "zoom out (larger slots)"
        case .toggleHours: return "working hours / full days"
        case .addAttendee: return "add attendee (Tab completes)"
        case .removeAttendee: return "remove this attendee"
        case .toggleOptional: return "optional / required attendee"
        case .requery: return "ask the server again"
        case .nextSlot: return "next common free slot"
        case .previousSlot: return "previous common free slot"
        case .setDuration: return "meeting duration for n/N"
        case .book: return "book a meeting here"
        case .help: return "this help"
        case .quit: return "quit"
        }
    }

    public static func action(for key: PlannerKey) -> PlannerAction? {
        allCases.first { $0.keys.contains(key) }
    }
}
