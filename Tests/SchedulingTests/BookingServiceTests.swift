import Testing
import CalDAVClient
import FreeBusy
import FreeBusyCache
import ICalendar
import LocalTime
@testable import Scheduling

/// The booking decision against a recorded server: check everyone's time
/// afresh, store nothing when someone is busy, book anyway only when told.
@Suite struct BookingServiceTests {
    let f: ServiceFixture
    init() throws { f = try ServiceFixture() }

    func request(optional: [CalendarUserAddress] = []) -> BookingRequest {
        BookingRequest(start: f.at(8, 10), end: f.at(8, 11), title: "Planning", location: nil, description: nil,
                       required: [f.bob], optional: optional, uid: "planning@avail", zone: DisplayZone.named("UTC")!)
    }

    func booking(busy: [BusyPeriod], status: [String: String] = [:]) throws -> (BookingService, RecordedServer) {
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy(busy, organizer: f.alice, status: status)))
        // A fresh cached answer that says free must not stand in for the check.
        try f.cacheAnswer(f.bob, window: TimeWindow(start: f.at(8), end: f.at(9)), age: 1, busy: [])
        let service = try #require(BookingService(FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())))
        return (service, server)
    }

    @Test func someoneBusyIsNamedAndNothingIsStored() async throws {
        defer { f.remove() }
        let (service, server) = try booking(busy: [BusyPeriod(start: f.at(8, 10), end: f.at(8, 12))])
        let attempt = try await service.bookIfFree(request(), identity: f.discovery().identity, checkable: true, force: false, now: f.now)
        #expect(attempt.outcome == nil)
        #expect(attempt.busy.map(\.attendee) == [f.bob])
        // Clipped to the meeting: 10:00–11:00, not the whole 10:00–12:00.
        #expect(attempt.busy.first?.busy == [BusyPeriod(start: f.at(8, 10), end: f.at(8, 11))])
        #expect(server.stores == 0, "nothing may be stored when someone is busy")
        #expect(server.freeBusyCalls.count == 1, "the check asks the server, whatever the cache says")
    }

    @Test func forceBooksAnywayAndStillNamesWhoIsBusy() async throws {
        defer { f.remove() }
        let (service, server) = try booking(busy: [BusyPeriod(start: f.at(8, 10), end: f.at(8, 11))])
        let attempt = try await service.bookIfFree(request(), identity: f.discovery().identity, checkable: true, force: true, now: f.now)
        let outcome = try #require(attempt.outcome)
        #expect(attempt.busy.map(\.attendee) == [f.bob])
        #expect(server.count(.store(uid: "planning@avail")) == 1)
        #expect(outcome.serverSchedules)
        #expect(outcome.event.summary == "Planning")
    }

    @Test func unknownPeopleAreAWarningNotAReasonToStop() async throws {
        defer { f.remove() }
        let (service, server) = try booking(busy: [], status: [f.carol.matchKey: "3.7"])
        let attempt = try await service.bookIfFree(request(optional: [f.carol]), identity: f.discovery().identity, checkable: true,
                                                   force: false, now: f.now)
        #expect(attempt.outcome != nil && server.stores == 1)
        #expect(attempt.busy.isEmpty)
        let unchecked = try #require(attempt.unchecked.first)
        #expect(unchecked.attendee == f.carol && unchecked.optional && unchecked.unknown?.hasPrefix("3.7") == true)
    }

    @Test func aServerThatCannotCheckIsNotAsked() async throws {
        defer { f.remove() }
        let (service, server) = try booking(busy: [BusyPeriod(start: f.at(8, 10), end: f.at(8, 11))])
        let attempt = try await service.bookIfFree(request(), identity: f.discovery().identity, checkable: false, force: false, now: f.now)
        #expect(attempt.conflicts.isEmpty && attempt.outcome != nil)
        #expect(server.freeBusyCalls.count == 1, "only the re-ask after booking, which refreshes the cache")
    }

    @Test func offlineThereIsNoBooking() {
        defer { f.remove() }
        let server = RecordedServer(.init())
        #expect(BookingService(FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(offline: true))) == nil)
    }
}
