import Foundation
import Testing
import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import Synchronization

/// Batches and discovery's round trips against the real DAViCal and Cyrus:
/// several POSTs at once must answer exactly what one POST answers, and
/// discovery asks the principal only when the first answer was not the
/// principal's own.
extension LocalServerSuites {
@Suite(.serialized) struct FreeBusyBatchesIntegrationTests {
    enum Server: String, CaseIterable, CustomStringConvertible {
        case davical, cyrus
        var description: String { rawValue }

        func url() throws -> HTTPURL {
            self == .davical ? try LocalServers.davicalURL() : try LocalServers.cyrusURL()
        }

        /// Seeded users whose free/busy alice may see.
        var known: [String] { ["bob@example.com", "carol@example.com"] }
        /// And on DAViCal dave, whose free/busy she may not (3.8).
        var others: [String] { self == .davical ? ["dave@example.com"] : [] }

        var principalPath: String { self == .davical ? "/caldav.php/alice/" : "/dav/principals/user/alice/" }
    }

    /// A trace file of its own, and the session that writes it.
    struct Traced {
        let path: String
        let session: CalDAVSession

        init(_ account: Account) throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("avail-trace-\(UUID().uuidString)").path
            session = CalDAVSession(account: account, http: HTTPClient(), trace: try TraceLog(path: path, credentials: account.credentials))
        }

        /// The methods of the requests sent, in order.
        func requests() throws -> [String] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return text.split(separator: "\n").filter { $0.hasPrefix("> ") && $0.dropFirst(2).first?.isUppercase == true && $0.contains(" http") }
                .map { String($0.dropFirst(2).prefix { $0 != " " }) }
        }
    }

    /// The seeded users, someone unknown, and more unknown addresses: 60 in all.
    static func attendees(_ server: Server) throws -> [CalendarUserAddress] {
        let seeded = server.known + server.others + ["nobody@example.com"]
        let unknown = (1...(60 - seeded.count)).map { String(format: "nobody%02d@example.com", $0) }
        return try (seeded + unknown).map { try CalendarUserAddress($0) }
    }

    @Test(arguments: Server.allCases)
    func batchesAnswerExactlyWhatOnePostAnswers(server: Server) async throws {
        let session = CalDAVSession(account: try LocalServers.account(server: try server.url()), http: HTTPClient())
        let d = try await session.discover()
        let attendees = try Self.attendees(server)
        let request = FreeBusyRequest(organizer: d.organizer, attendees: attendees, window: DAViCalTests.week,
                                      uid: "avail-batches-\(UInt32.random(in: 0...UInt32.max))",
                                      timestamp: UTCInstant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))
        let one = try await session.queryFreeBusy(request, outbox: d.outboxURL, policy: .single)
        #expect(one.recipients.map(\.recipient) == attendees)
        #expect(one.recipients[0].busy == DAViCalTests().bobExpected, "on \(server)")
        #expect(one.recipients.prefix(server.known.count).allSatisfy { $0.status.code == "2.0" }, "on \(server)")
        // dave 3.8; unknown: DAViCal says 3.7, Cyrus 5.1; never busy time.
        #expect(one.recipients.dropFirst(server.known.count).allSatisfy { $0.busy == nil && !$0.status.isSuccess }, "on \(server)")

        for policy in [BatchPolicy.standard, BatchPolicy(splitAbove: 10, batchSize: 15, parallel: 4), BatchPolicy(splitAbove: 1, batchSize: 7, parallel: 3)] {
            let delivered = Mutex<[Range<Int>]>([])
            let batched = try await session.queryFreeBusy(request, outbox: d.outboxURL, policy: policy) { answer in
                delivered.withLock { $0.append(answer.positions) }
            }
            #expect(batched.recipients == one.recipients, "on \(server) with \(policy)")
            #expect(Set(delivered.withLock { $0 }) == Set(policy.batches(count: attendees.count)), "on \(server) with \(policy)")
        }
    }

    /// From the principal's own URL, its first answer is the principal's: one
    /// PROPFIND, and the same discovery as from the server's root.
    @Test(arguments: Server.allCases)
    func discoveryFromThePrincipalIsOnePropfind(server: Server) async throws {
        var account = try LocalServers.account(server: try server.url())
        let fromRoot = try await CalDAVSession(account: account, http: HTTPClient()).discover()
        account.serverURL = account.serverURL.withPath(server.principalPath)
        let traced = try Traced(account)
        defer { try? FileManager.default.removeItem(atPath: traced.path) }
        let fromPrincipal = try await traced.session.discover()
        #expect(try traced.requests() == ["PROPFIND"], "on \(server)")
        #expect(fromPrincipal.principalURL == fromRoot.principalURL)
        #expect(fromPrincipal.outboxURL == fromRoot.outboxURL)
        #expect(fromPrincipal.calendarUserAddresses == fromRoot.calendarUserAddresses)
        #expect(fromPrincipal.organizer == fromRoot.organizer)
        #expect(fromPrincipal.displayName == fromRoot.displayName, "on \(server)")
        #expect(Set(fromPrincipal.davCapabilities) == Set(fromRoot.davCapabilities), "on \(server)")
    }

    /// From the root, the first answer describes another resource (DAViCal's
    /// /caldav.php/, Cyrus's /dav/calendars): the principal is asked for its
    /// own properties, once.
    @Test(arguments: Server.allCases)
    func discoveryFromTheRootAsksThePrincipalOnce(server: Server) async throws {
        let traced = try Traced(try LocalServers.account(server: try server.url()))
        defer { try? FileManager.default.removeItem(atPath: traced.path) }
        let d = try await traced.session.discover()
        #expect(d.principalURL.path == server.principalPath)
        let requests = try traced.requests()
        #expect(requests.allSatisfy { $0 == "PROPFIND" })
        // DAViCal: /.well-known/caldav, the principal. Cyrus: /.well-known/caldav
        // (a 301), /dav/calendars, the principal.
        #expect(requests.count == (server == .davical ? 2 : 3), "on \(server): \(requests)")
        // DAViCal names the user's outbox on /caldav.php/ too, but its display
        // name there is the server's, not the user's: the principal's is asked.
        if server == .davical { #expect(d.displayName == "Alice Example") }
    }

    /// For a query (no name needed): DAViCal's first answer holds the outbox and
    /// addresses, tied to the principal (its URL in the address set), so the
    /// principal is not asked; Cyrus's names only the principal, which is.
    /// Either way the same discovery as the full one, the name aside.
    @Test(arguments: Server.allCases)
    func discoveryForAQuerySkipsThePrincipalWhereTheFirstAnswerHoldsItAll(server: Server) async throws {
        let account = try LocalServers.account(server: try server.url())
        let full = try await CalDAVSession(account: account, http: HTTPClient()).discover(needsName: true)
        let traced = try Traced(account)
        defer { try? FileManager.default.removeItem(atPath: traced.path) }
        let d = try await traced.session.discover(needsName: false)
        #expect(try traced.requests() == Array(repeating: "PROPFIND", count: server == .davical ? 1 : 3), "on \(server)")
        #expect(d.principalURL == full.principalURL && d.outboxURL == full.outboxURL, "on \(server)")
        #expect(d.calendarUserAddresses == full.calendarUserAddresses && d.organizer == full.organizer, "on \(server)")
        #expect(Set(d.davCapabilities) == Set(full.davCapabilities), "on \(server)")
        // Never the collection's name ("avail test DAViCal") as the user's.
        #expect(d.displayName == (server == .davical ? nil : full.displayName), "on \(server)")
    }
}
}
