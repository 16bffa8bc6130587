import FreeBusy

/// The rooms avail knows from the config (`room` lines) and the room groups
/// (`rooms = floor2: room1@example.com, room2@example.com`), and how the
/// command line's `--room` and `--rooms` name them.
public struct RoomCatalog: Equatable, Sendable {
    public var rooms: [Room]
    /// Group name (lower case) → its rooms' addresses or names, in order.
    public var groups: [String: [String]]

    public init(rooms: [Room] = [], groups: [String: [String]] = [:]) {
        self.rooms = rooms
        self.groups = groups
    }

    /// Why the rooms asked for cannot be used, in words for a usage error.
    public struct Problem: Error, Equatable, Sendable {
        public var message: String
        public init(message: String) { self.message = message }
    }

    /// The rooms `--room` (each an address, or the name of a config room) and
    /// `--rooms` (group names) ask for, in order, each room once. Any one of
    /// them will do for a meeting.
    public func resolve(rooms named: [String], groups groupNames: [String]) throws(Problem) -> [Room] {
        var out: [Room] = []
        func add(_ room: Room) {
            if !out.contains(where: { $0.address.matchKey == room.address.matchKey }) { out.append(room) }
        }
        for g in groupNames {
            guard let members = groups[g.lowercased()] else {
                let known = groups.keys.sorted()
                throw Problem(message: "no room group \(g.debugDescription) in the config"
                    + (known.isEmpty ? " (add one: rooms = floor2: room1@example.com, room2@example.com)" : " (known: \(known.joined(separator: ", ")))"))
            }
            for m in members { add(try room(m)) }
        }
        for r in named { add(try room(r)) }
        return out
    }

    /// One room by the config's name for it (case-insensitive) or its address.
    public func room(_ text: String) throws(Problem) -> Room {
        if let byName = rooms.first(where: { $0.name?.lowercased() == text.lowercased() }) { return byName }
        guard let address = try? CalendarUserAddress(text) else {
            throw Problem(message: "room \(text.debugDescription) is neither a room of the config nor an email address")
        }
        return rooms.first { $0.address.matchKey == address.matchKey } ?? Room(name: nil, address: address)
    }

    /// The config's rooms, then the directory's that the config does not
    /// name, each with the config's name and capacity where it has them.
    public func merged(withDirectory found: [Room]) -> [Room] {
        var out = rooms
        for r in found where !out.contains(where: { $0.address.matchKey == r.address.matchKey }) { out.append(r) }
        return out
    }
}
