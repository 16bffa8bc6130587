import FreeBusy
import HTTPClient
import WebDAV
import TextUtilities

/// Someone found on the server.
public struct PersonMatch: Equatable, Sendable {
    public var displayName: String?
    public var address: CalendarUserAddress
    public init(displayName: String?, address: CalendarUserAddress) {
        self.displayName = displayName
        self.address = address
    }
}

extension CalDAVSession {
    /// Principals whose name or address contains `text`: the principal's
    /// DAV:principal-collection-set (RFC 3744 §5.8), then a
    /// DAV:principal-property-search REPORT on each (RFC 3744 §9.4).
    public func searchPrincipals(_ text: String, principal: HTTPURL) async throws(CalDAVError) -> [PersonMatch] {
        let (ms, response) = try await propfind(principal, properties: [.principalCollectionSet])
        let collections = (ms.responses.first?.hrefs(in: .principalCollectionSet) ?? []).compactMap { response.url.resolving($0) }
        var found: [PersonMatch] = []
        for collection in collections.isEmpty ? [principal.withPath("/")] : collections {
            let answer = try await perform(method: "REPORT", url: collection,
                                           headers: [HTTPHeader("Depth", "0"), HTTPHeader("Content-Type", "application/xml; charset=utf-8")],
                                           body: Array(PrincipalPropertySearch(text: text).xmlBody.utf8))
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
                      let address = try? CalendarUserAddress(mailto) else { continue }
                let name = r.property(.displayName)?.allText.trimmingWhitespace
                if !found.contains(where: { $0.address.matchKey == address.matchKey }) {
                    found.append(PersonMatch(displayName: (name?.isEmpty ?? true) ? nil : name, address: address))
                }
            }
        }
        return found
    }
}
