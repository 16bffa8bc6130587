import FreeBusy

/// A room in the planner's room section: what the config or the directory
/// calls it, how many it holds, and its answers per window (a room's time is
/// asked for like a person's, as CUTYPE=ROOM).
public struct PlannerRoom: Equatable, Sendable {
    /// The config's name, else the directory's display name; nil while only the address is known.
    public var name: String?
    public var capacity: Int?
    public var row: AttendeeRow

    public init(name: String?, address: CalendarUserAddress, capacity: Int? = nil) {
        self.name = name
        self.capacity = capacity
        row = AttendeeRow(address: address)
    }

    public var address: CalendarUserAddress { row.address }

    /// The room as people call it: its name, else its address.
    public var label: String { name ?? address.displayString }
}
