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
        var found: [PersonMatch] = []
        for r in try await principalPropertySearch(PrincipalPropertySearch(text: text).xmlBody, principal: principal) {
            guard let address = r.mailtoAddress, !found.contains(where: { $0.address.matchKey == address.matchKey }) else { continue }
            found.append(PersonMatch(displayName: r.displayNameText, address: address))
        }
        return found
    }

    /// The answers of a DAV:principal-property-search REPORT (RFC 3744 §9.4)
    /// with this body, on every collection of the principal's
    /// DAV:principal-collection-set (§5.8; the server root when it names none),
    /// in order.
    func principalPropertySearch(_ body: String, principal: HTTPURL) async throws(CalDAVError) -> [Multistatus.Response] {
        let (ms, response) = try await propfind(principal, properties: [.principalCollectionSet])
        let collections = (ms.responses.first?.hrefs(in: .principalCollectionSet) ?? []).compactMap { response.url.resolving($0) }
        var responses: [Multistatus.Response] = []
        for collection in collections.isEmpty ? [principal.withPath("/")] : collections {
            let answer = try await perform(method: "REPORT", url: collection,
                                           headers: [HTTPHeader("Depth", "0"), HTTPHeader("Content-Type", "application/xml; charset=utf-8")],
                                           body: Array(body.utf8))
            guard answer.status == 207 else {
                throw .refused(status: answer.status, url: collection.description,
                               message: RefusalMessage.describe(answer, action: "search principals", user: account.credentials?.user))
            }
            do { responses += try Multistatus.parse(answer.body).responses } catch {
                throw .badAnswer(url: collection.description, detail: error.description)
            }
        }
        return responses
    }
}

extension Multistatus.Response {
    /// The first `mailto:` of a principal's calendar-user-address-set.
    var mailtoAddress: CalendarUserAddress? {
        hrefs(in: .calendarUserAddressSet).first(where: { $0.lowercased().hasPrefix("mailto:") }).flatMap { try? CalendarUserAddress($0) }
    }

    /// DAV:displayname, trimmed; nil when absent or blank.
    var displayNameText: String? {
        let name = property(.displayName)?.allText.trimmingWhitespace
        return (name?.isEmpty ?? true) ? nil : name
    }
}
