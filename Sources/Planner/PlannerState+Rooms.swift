import FreeBusy
import ICalendar
import Slots

/// Where the rooms stand at one time of the `all` row: a meeting needs every
/// required person and any one room (the slot finder's rule).
public enum RoomStanding: Equatable, Sendable {
    /// No room is in view: the people decide alone.
    case notAsked
    /// These rooms are free (in the order shown).
    case free([PlannerRoom])
    /// Every room whose time is known is busy.
    case noneFree
    /// No room is free and some room's time is not known here: unknown is not free.
    case unknown
}

/// The room section: rows below the `all` row (cursor rows `allRowIndex + 1 …`),
/// asked for with the people, and the `all` row's "and one room" rule.
extension PlannerState {
    /// The cursor row of room `i`.
    public func roomRowIndex(_ i: Int) -> Int { allRowIndex + 1 + i }

    /// The last row the cursor can reach: the last room, else the `all` row.
    public var lastRowIndex: Int { allRowIndex + rooms.count }

    /// The room under the cursor, if the cursor is in the room section.
    public var roomUnderCursor: Int? {
        let i = cursorRow - allRowIndex - 1
        return rooms.indices.contains(i) ? i : nil
    }

    /// Everyone whose time the planner asks for: the people, then the rooms.
    public var queriedAddresses: [CalendarUserAddress] { attendees.map(\.address) + rooms.map(\.address) }

    /// Those of them without an answer (or a request) for `key` yet.
    public func missingAddresses(in key: WindowKey) -> [CalendarUserAddress] {
        (attendees.filter { $0.answers[key] == nil } + rooms.map(\.row).filter { $0.answers[key] == nil }).map(\.address)
    }

    /// Lines the room section takes: a heading and one per room; none without rooms.
    public var roomSectionHeight: Int { rooms.isEmpty ? 0 : rooms.count + 1 }

    /// How many people rows fit above the `all` row once the room section has its lines.
    public func peopleRows(_ layout: PlannerLayout) -> Int { max(1, layout.attendeeRows - roomSectionHeight) }

    /// The rooms as the slot finder takes them: their busy time and the parts
    /// of the window their answer does not cover.
    func roomParticipants(in key: WindowKey) -> [Participant] {
        rooms.map { Participant(address: $0.address, busy: $0.row.answer(for: key).busy, unknownTime: $0.row.answer(for: key).gaps) }
    }

    /// Where the rooms stand at `span` in this window.
    public func roomStanding(in span: TimeSpan) -> RoomStanding {
        guard !rooms.isEmpty else { return .notAsked }
        var free: [PlannerRoom] = [], unknown = false
        for room in rooms {
            let answer = room.row.answer(for: window)
            guard let busy = answer.busy, !answer.gaps.contains(where: { $0.overlaps(span) }) else { unknown = true; continue }
            if !busy.anyOverlaps(span) { free.append(room) }
        }
        if !free.isEmpty { return .free(free) }
        return unknown ? .unknown : .noneFree
    }

    /// R: brings the known rooms into view, or hides the section.
    mutating func toggleRooms() -> [PlannerEffect] {
        if !rooms.isEmpty {
            rooms = []
            cursorRow = min(cursorRow, lastRowIndex)
            statusMessage = "rooms hidden (R shows them)"
            return []
        }
        guard !knownRooms.isEmpty else {
            statusMessage = "no rooms known: add `room = Room 1 <room1@example.com> capacity 8` to the config, or start with --room"
            return []
        }
        rooms = knownRooms
        statusMessage = "rooms: " + rooms.map(\.label).joined(separator: ", ")
        return [.query(window, rooms.map(\.address))]
    }

    /// d on a room row: the room leaves the section (R brings the rooms back).
    mutating func removeRoomUnderCursor() {
        guard let i = roomUnderCursor else { return }
        let removed = rooms.remove(at: i)
        knownRooms.removeAll { $0.address.matchKey == removed.address.matchKey }
        knownRooms.append(removed)
        statusMessage = "removed \(removed.label)"
        cursorRow = min(cursorRow, lastRowIndex)
    }

    /// Rooms' answers arrive with the people's: each goes to its room's row.
    mutating func receiveRoomAnswers(_ key: WindowKey, _ byKey: [String: FreeBusyAnswer], final: Bool) {
        for i in rooms.indices {
            guard let r = byKey[rooms[i].address.matchKey] else { continue }
            if !final, !r.gaps.isEmpty, case .answered = rooms[i].row.answer(for: key) { continue }
            rooms[i].row.answers[key] = .answered(r)
        }
    }

    /// A failed request marks the rooms it asked about as it does the people.
    mutating func receiveRoomFailure(_ key: WindowKey, _ keys: Set<String>, _ text: String) {
        for i in rooms.indices where keys.contains(rooms[i].address.matchKey) {
            if case var .answered(answer) = rooms[i].row.answer(for: key) {
                answer.stale = true
                answer.error = text
                rooms[i].row.answers[key] = .answered(answer)
            } else {
                rooms[i].row.answers[key] = .failed(text)
            }
        }
    }

    /// The directory's display names for rooms known only by their address.
    mutating func nameRooms(_ names: [String: String]) {
        for i in rooms.indices where rooms[i].name == nil { rooms[i].name = names[rooms[i].address.matchKey] }
        for i in knownRooms.indices where knownRooms[i].name == nil { knownRooms[i].name = names[knownRooms[i].address.matchKey] }
    }
}

extension PlannerState {
    /// `b` with rooms in view: the first room free for the whole meeting from
    /// `start` (the slot finder's choice), without its answers; nil when none
    /// is, which the status line says (the meeting is booked without a room).
    mutating func roomForBooking(at start: UTCInstant, duration: Int64? = nil) -> PlannerRoom? {
        guard !rooms.isEmpty, let meeting = TimeSpan(start: start, end: start.adding(seconds: duration ?? meetingDuration)) else { return nil }
        guard case let .free(free) = roomStanding(in: meeting), let first = free.first else {
            statusMessage = "no room is free for the whole meeting then: it is booked without one"
            return nil
        }
        return PlannerRoom(name: first.name, address: first.address, capacity: first.capacity)
    }
}
