import CalDAVClient
import FreeBusy
import ICalendar

/// Finding people to invite: the config's groups, the attendees used before
/// (the cache remembers them) and the server's directory (RFC 3744
/// principal-property-search), in that order, each address once.
public struct PeopleSearch: Sendable {
    /// Someone (or a group) that matches.
    public struct Person: Sendable, Equatable {
        public enum Kind: String, Sendable { case group, recent, directory }
        public var kind: Kind
        /// A group's name, or the directory's display name.
        public var name: String?
        /// The address, or a group's members joined by ", ".
        public var address: String

        public init(kind: Kind, name: String?, address: String) {
            self.kind = kind
            self.name = name
            self.address = address
        }
    }

    /// Everyone found, and why the directory could not be searched, if it could not.
    public struct Found: Sendable {
        public var people: [Person]
        public var directoryError: CalDAVError?

        /// The directory's failure, said once after what the groups and recent
        /// attendees found (RefreshFailure decides the exit code); nil when it worked.
        public var failure: RefreshFailure? {
            directoryError.map { RefreshFailure(error: $0, refreshAsked: false, shownInstead: "the server's directory could not be searched") }
        }
    }

    let freeBusy: FreeBusyService
    let groups: [String: [String]]

    public init(freeBusy: FreeBusyService, groups: [String: [String]] = [:]) {
        self.freeBusy = freeBusy
        self.groups = groups
    }

    /// Groups whose name, recent attendees whose address, and directory
    /// entries whose name or address contain `text` (case-insensitively).
    public func find(_ text: String, now: UTCInstant) async -> Found {
        let q = text.lowercased()
        var people: [Person] = []
        for (group, members) in groups.sorted(by: { $0.key < $1.key }) where group.contains(q) {
            people.append(Person(kind: .group, name: group, address: members.joined(separator: ", ")))
        }
        for recent in freeBusy.cache?.recentAttendees() ?? [] where recent.lowercased().contains(q) {
            people.append(Person(kind: .recent, name: nil, address: recent))
        }
        do {
            for m in try await directory(text, now: now)
            where !people.contains(where: { $0.address.lowercased() == m.address.displayString.lowercased() }) {
                people.append(Person(kind: .directory, name: m.displayName, address: m.address.displayString))
            }
            return Found(people: people, directoryError: nil)
        } catch {
            return Found(people: people, directoryError: error)
        }
    }

    /// The directory alone, from the (cached) discovery's principal.
    public func directory(_ text: String, now: UTCInstant) async throws(CalDAVError) -> [PersonMatch] {
        guard let server = freeBusy.server else { throw .discoveryFailed(url: "(offline)", detail: "--offline") }
        let principal = try await freeBusy.discovery(fresh: false, now: now).principalURL
        return try await server.searchPrincipals(text, principal: principal)
    }
}
