import FreeBusy
import HTTPClient
import WebDAV
import TextUtilities

extension CalDAVSession {
    /// Principals matching `criterion`, each with its calendar-user-type: a
    /// DAV:principal-property-search REPORT (RFC 3744 §9.4) on every
    /// collection of the principal's DAV:principal-collection-set (§5.8).
    public func searchDirectory(_ criterion: DirectorySearch.Criterion, principal: HTTPURL) async throws(CalDAVError) -> [DirectoryEntry] {
        var found: [DirectoryEntry] = []
        for r in try await principalPropertySearch(DirectorySearch(criterion).xmlBody, principal: principal) {
            guard let address = r.mailtoAddress, !found.contains(where: { $0.address.matchKey == address.matchKey }) else { continue }
            let type = r.property(.calendarUserType)?.allText.trimmingWhitespace
            found.append(DirectoryEntry(displayName: r.displayNameText, address: address,
                                        calendarUserType: (type?.isEmpty ?? true) ? nil : type.map(CalendarUserType.init)))
        }
        return found
    }

    /// The rooms (ROOM or RESOURCE principals) in the directory, optionally
    /// only those whose name or address contains `text`. One search per type,
    /// because Cyrus ANDs criteria; the type is checked again on the answer,
    /// because DAViCal ignores a search by calendar-user-type and answers
    /// with every principal.
    public func findRooms(principal: HTTPURL, matching text: String? = nil) async throws(CalDAVError) -> [DirectoryEntry] {
        var rooms: [DirectoryEntry] = []
        for type in [CalendarUserType.room, .resource] {
            for entry in try await searchDirectory(.calendarUserType(type.description), principal: principal)
            where entry.isRoom && !rooms.contains(where: { $0.address.matchKey == entry.address.matchKey }) {
                rooms.append(entry)
            }
        }
        guard let text = text?.trimmingWhitespace.lowercased(), !text.isEmpty else { return rooms }
        return rooms.filter { ($0.displayName ?? "").lowercased().contains(text) || $0.address.uri.lowercased().contains(text) }
    }
}
