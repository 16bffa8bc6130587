import FreeBusy

/// The room section in words: a room row says which room it is, and the
/// `all` row says which rooms are free for the people.
extension FocusSentence {
    /// "Room 1 (room, 8 seats)": a screen reader hears that it is a room and its size.
    static func roomTitle(_ room: PlannerRoom) -> String {
        room.label + " (room" + (room.capacity.map { ", \($0) seats" } ?? "") + ")"
    }

    /// What the `all` row adds when rooms are in view; empty when none are.
    static func roomsPart(_ state: PlannerState, slot: TimeSpan) -> String {
        switch state.roomStanding(in: slot) {
        case .notAsked: return ""
        case let .free(rooms): return "; rooms free: " + rooms.map(\.label).joined(separator: ", ")
        case .noneFree: return "; no room is free"
        case .unknown: return "; no room known to be free"
        }
    }
}
