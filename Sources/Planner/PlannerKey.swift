/// A key press as the planner sees it, decoded by the terminal layer.
public enum PlannerKey: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab
    case ctrl(Character)
}
