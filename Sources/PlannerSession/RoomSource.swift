import FreeBusy
import Planner

/// Where the planner learns what rooms are called: the server's directory.
public protocol RoomSource: Sendable {
    /// Display names by address (`matchKey`) for those of `rooms` the directory
    /// lists; none on failure (the rows keep their addresses).
    func roomNames(_ rooms: [CalendarUserAddress]) async -> [String: String]
}
