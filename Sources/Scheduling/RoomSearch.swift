import CalDAVClient
import FreeBusy
import ICalendar

/// Finding rooms: the config's rooms and the server's directory (rooms and
/// resources by the calendar-user-type in the search's own answer, RFC 6638
/// §2.4.2), optionally only those whose name or address contains a text.
public struct RoomSearch: Sendable {
    /// The rooms found, and why the directory could not be searched, if it could not.
    public struct Found: Sendable {
        public var rooms: [Room]
        public var directoryError: CalDAVError?

        /// The directory's failure, said once after the config's rooms; nil when it worked.
        public var failure: RefreshFailure? {
            directoryError.map { RefreshFailure(error: $0, refreshAsked: false, shownInstead: "the server's directory could not be searched for rooms") }
        }
    }

    let freeBusy: FreeBusyService
    let catalog: RoomCatalog

    public init(freeBusy: FreeBusyService, catalog: RoomCatalog) {
        self.freeBusy = freeBusy
        self.catalog = catalog
    }

    public func find(_ text: String?, now: UTCInstant) async -> Found {
        let q = text?.lowercased() ?? ""
        func matches(_ r: Room) -> Bool {
            q.isEmpty || (r.name ?? "").lowercased().contains(q) || r.address.uri.lowercased().contains(q)
        }
        do throws(CalDAVError) {
            guard let server = freeBusy.server else { throw .discoveryFailed(url: "(offline)", detail: "--offline") }
            let principal = try await freeBusy.discovery(fresh: false, now: now).principalURL
            let found = try await server.findRooms(principal: principal, matching: nil).map {
                Room(name: $0.displayName, address: $0.address, source: .directory)
            }
            return Found(rooms: catalog.merged(withDirectory: found).filter(matches), directoryError: nil)
        } catch {
            return Found(rooms: catalog.rooms.filter(matches), directoryError: error)
        }
    }
}
