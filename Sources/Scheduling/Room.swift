import FreeBusy
import TextUtilities

/// A room to book along with the people: its address, and what the config
/// or the directory says about it.
public struct Room: Equatable, Sendable {
    public enum Source: String, Sendable { case config, directory }

    public var name: String?
    public var address: CalendarUserAddress
    /// How many people it holds, when the config says.
    public var capacity: Int?
    public var source: Source

    public init(name: String?, address: CalendarUserAddress, capacity: Int? = nil, source: Source = .config) {
        self.name = name
        self.address = address
        self.capacity = capacity
        self.source = source
    }

    /// "Room 1 <room1@example.com>", or the address alone.
    public var label: String { name.map { "\($0) <\(address.displayString)>" } ?? address.displayString }

    /// A config `room` line's value: `Room 1 <room1@example.com> capacity 8`,
    /// `<room1@example.com>` or `room1@example.com`; the capacity is optional.
    /// Returns the room, or a message saying what is wrong.
    public static func parse(_ text: String) -> Result<Room, RoomLineProblem> {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        var capacity: Int? = nil
        if words.count >= 2, words[words.count - 2].lowercased() == "capacity" {
            guard let n = Int(words[words.count - 1]), (1...100_000).contains(n) else {
                return .failure(RoomLineProblem("capacity must be a whole number of people, e.g. `capacity 8`"))
            }
            capacity = n
            words.removeLast(2)
        }
        let rest = Substring(words.joined(separator: " "))
        let name: String?
        let addressText: Substring
        if let open = rest.lastIndex(of: "<") {
            guard rest.last == ">" else { return .failure(RoomLineProblem("the address must be in <…> after the name, e.g. Room 1 <room1@example.com>")) }
            addressText = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            let n = rest[rest.startIndex..<open].trimmingWhitespace
            name = n.isEmpty ? nil : n
        } else {
            guard !rest.contains(" ") else {
                return .failure(RoomLineProblem("expected `NAME <ADDRESS> [capacity N]`, e.g. room = Room 1 <room1@example.com> capacity 8"))
            }
            addressText = rest
            name = nil
        }
        guard let address = try? CalendarUserAddress(String(addressText)) else {
            return .failure(RoomLineProblem("\(String(addressText).debugDescription) is not an email address or mailto: URI"))
        }
        return .success(Room(name: name, address: address, capacity: capacity))
    }
}

/// What is wrong with a `room` line, in words for the file:line message.
public struct RoomLineProblem: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
