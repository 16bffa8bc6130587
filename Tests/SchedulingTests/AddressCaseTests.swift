import Testing
import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
@testable import Scheduling

/// Addresses with capitals on a server that matches them case-sensitively:
/// the pure decisions, then the service retrying once and the next query
/// sending the form that works.
@Suite struct AddressCaseTests {
    let f: ServiceFixture
    init() throws { f = try ServiceFixture() }

    let mixed = CalendarUserAddress(uncheckedURI: "mailto:Bob@Example.com")
    let urn = CalendarUserAddress(uncheckedURI: "urn:uuid:ABC-def")
    func row(_ a: CalendarUserAddress, _ code: String) -> RecipientResult {
        RecipientResult(recipient: a, status: RequestStatus(code: code), busy: nil)
    }

    @Test func onlyMailtoAddressesWithCapitalsHaveALowerCasedForm() {
        defer { f.remove() }
        #expect(AddressCase.lowered(mixed)?.uri == "mailto:bob@example.com")
        #expect(AddressCase.lowered(f.bob) == nil, "already lower case")
        #expect(AddressCase.lowered(urn) == nil, "not an email address: left as it is")
        #expect(AddressCase.sent(mixed, matching: .caseSensitive).uri == "mailto:bob@example.com")
        #expect(AddressCase.sent(mixed, matching: .caseInsensitive).uri == "mailto:Bob@Example.com")
        #expect(AddressCase.sent(mixed, matching: nil).uri == "mailto:Bob@Example.com", "not learned: as the user wrote it")
    }

    @Test func onlyUnknownAddressesWithCapitalsAreWorthASecondTry() {
        defer { f.remove() }
        #expect(AddressCase.worthRetrying(row(mixed, "5.1"), sent: mixed, matching: nil), "Cyrus")
        #expect(AddressCase.worthRetrying(row(mixed, "3.7"), sent: mixed, matching: nil), "RFC 6638 §3.2.9")
        #expect(!AddressCase.worthRetrying(row(mixed, "3.8"), sent: mixed, matching: nil), "no authority is not unknown")
        #expect(!AddressCase.worthRetrying(row(mixed, "2.0"), sent: mixed, matching: nil))
        #expect(!AddressCase.worthRetrying(row(f.bob, "5.1"), sent: f.bob, matching: nil), "lower case already: nothing else to try")
        #expect(!AddressCase.worthRetrying(row(mixed, "5.1"), sent: mixed, matching: .caseInsensitive), "case does not matter there")
    }

    @Test func theVerdictComesFromWhatAnswered() {
        defer { f.remove() }
        // DAViCal: Bob@Example.com answered 2.0 as written.
        #expect(AddressCase.verdict(sent: [mixed, f.carol], codes: ["2.0", "2.0"], retriedCodes: []) == .caseInsensitive)
        // Cyrus: 5.1 as written, 2.0 lower-cased.
        #expect(AddressCase.verdict(sent: [mixed, f.carol], codes: ["5.1", "2.0"], retriedCodes: ["2.0"]) == .caseSensitive)
        // Unknown either way (nobody by that name): nothing learned.
        #expect(AddressCase.verdict(sent: [mixed], codes: ["5.1"], retriedCodes: ["5.1"]) == nil)
        // No capitals asked about: nothing learned from lower-case answers.
        #expect(AddressCase.verdict(sent: [f.bob], codes: ["2.0"], retriedCodes: []) == nil)
        let learned = ServerProfile(updated: f.at(1)).learning(
            from: FreeBusyObservation(statusCodes: ["5.1"], batches: 1, seconds: 0.01, capabilities: nil, addresses: .caseSensitive), now: f.now)
        #expect(learned.addresses == .caseSensitive && learned.updated == f.now)
    }

    /// A server that knows only lower-case addresses, as Cyrus.
    static func caseSensitive(organizer: CalendarUserAddress) -> @Sendable (FreeBusyRequest, HTTPURL) -> Result<FreeBusyResult, CalDAVError> {
        { request, _ in
            .success(FreeBusyResult(organizer: organizer, window: request.window, recipients: request.attendees.map { a in
                a.uri == a.uri.lowercased()
                    ? RecipientResult(recipient: a, status: RequestStatus(code: "2.0", text: "Success"), busy: [])
                    : RecipientResult(recipient: a, status: RequestStatus(code: "5.1", text: "Service unavailable"), busy: nil)
            }))
        }
    }

    @Test func aCaseSensitiveServerIsAskedOnceMoreThenSentLowerCase() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())], freeBusy: Self.caseSensitive(organizer: f.alice)))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(refresh: true))
        let first = try await service.query([mixed, f.carol], window: f.window, now: f.now)
        #expect(first.rows.map(\.result.status.code) == ["2.0", "2.0"], "rescued by the second POST")
        #expect(first.rows.first?.result.recipient.uri == "mailto:Bob@Example.com", "the row keeps the address as written")
        let posts = server.freeBusyCalls.compactMap { c -> [String]? in if case let .freeBusy(_, a, _) = c { return a } else { return nil } }
        #expect(posts == [["mailto:Bob@Example.com", "mailto:carol@example.com"], ["mailto:bob@example.com"]],
                "one retry, of the failed recipient only")
        #expect(f.cache.loadProfile()?.addresses == .caseSensitive)

        // The next query sends the form that works at once: one POST.
        _ = try await service.query([mixed], window: f.window, now: f.now)
        let later = server.freeBusyCalls.dropFirst(2).compactMap { c -> [String]? in if case let .freeBusy(_, a, _) = c { return a } else { return nil } }
        #expect(later == [["mailto:bob@example.com"]])
    }

    @Test func aCaseInsensitiveServerCostsNoSecondPost() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy([], organizer: f.alice)))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(refresh: true))
        _ = try await service.query([mixed], window: f.window, now: f.now)
        #expect(server.freeBusyCalls.count == 1)
        #expect(f.cache.loadProfile()?.addresses == .caseInsensitive)
        // Once known, an unknown address with capitals is simply unknown: no retry.
        let unknown = CalendarUserAddress(uncheckedURI: "mailto:Nobody@example.com")
        let strict = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy([], organizer: f.alice, status: [unknown.matchKey: "3.7"])))
        let again = FreeBusyService(server: strict, cache: f.cache, policy: CachePolicy(refresh: true))
        let r = try await again.query([unknown], window: f.window, now: f.now)
        #expect(r.rows.first?.result.status.code == "3.7" && strict.freeBusyCalls.count == 1)
    }

    @Test func anAddressUnknownInEitherCaseTeachesNothing() async throws {
        defer { f.remove() }
        let nobody = CalendarUserAddress(uncheckedURI: "mailto:Nobody@example.com")
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy([], organizer: f.alice, status: [nobody.matchKey: "5.1"])))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(refresh: true))
        let r = try await service.query([nobody, f.bob], window: f.window, now: f.now)
        #expect(r.rows.first?.result.status.code == "5.1", "the first answer stands")
        #expect(server.freeBusyCalls.count == 2, "one retry")
        #expect(f.cache.loadProfile()?.addresses == nil)
    }
}
