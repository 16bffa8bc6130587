import FreeBusy
import HTTPClient
import WebDAV
import TextUtilities

extension CalDAVSession {
    /// Principals matching `criterion`, each with its calendar-user-type: a
    /// DAV:principal-property-search REPORT (RFC 3744 §9.4) on every
    /// collection of the principal's DAV:principal-collection-set (§5.8).
    public func searchDirectory(_ criterion: DirectorySearch.Criterion, principal: HTTPURL) async throws(CalDAVError) -> [DirectoryEntry] {
        let (ms, response) = try await propfind(principal, properties: [.principalCollectionSet])
        let collections = (ms.responses.first?.hrefs(in: .principalCollectionSet) ?? []).compactMap { response.url.resolving($0) }
        var found: [DirectoryEntry] = []
        for collection in collections.isEmpty ? [principal.withPath("/")] : collections {
            let answer = try await perform(method: "REPORT", url: collection,
                                           headers: [HTTPHeader("Depth", "0"), HTTPHeader("Content-Type", "application/xml; charset=utf-8")],
                                           body: Array(DirectorySearch(criterion).xmlBody.utf8))
            guard answer.status == 207 else {
                throw .refused(status: answer.status, url: collection.description,
                               message: RefusalMessage.describe(answer, action: "search principals", user: account.credentials?.user))
            }
            let result: Multistatus
            do { result = try Multistatus.parse(answer.body) } catch {
                throw .badAnswer(url: collection.description, detail: error.description)
            }
            for r in result.responses {
                guard let mailto = r.hrefs(in: .calendarUserAddressSet).first(where: { $0.lowercased().hasPrefix("mailto:") }),
                      let address = try? CalendarUserAddress(mailto),
                      !found.contains(where: { $0.address.matchKey == address.matchKey }) else { continue }
                let name = r.property(.displayName)?.allText.trimmingWhitespace
                let type = r.property(.calendarUserType)?.allText.trimmingWhitespace
                found.append(DirectoryEntry(displayName: (name?.isEmpty ?? true) ? nil : name, address: address,
                                            calendarUserType: (type?.isEmpty ?? true) ? nil : type.map(CalendarUserType.init)))
            }
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
