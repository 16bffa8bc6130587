import FreeBusy
import Planner
import Scheduling

/// Rooms named by the server's directory (principal search, RFC 6638 §2.4.2).
extension ServerSource: RoomSource {
    public func roomNames(_ rooms: [CalendarUserAddress]) async -> [String: String] {
        let wanted = Set(rooms.map(\.matchKey))
        let found = await RoomSearch(freeBusy: service, catalog: RoomCatalog()).find(nil, now: .now)
        var names: [String: String] = [:]
        for r in found.rooms where wanted.contains(r.address.matchKey) {
            if let name = r.name, !name.isEmpty { names[r.address.matchKey] = name }
        }
        return names
    }
}
