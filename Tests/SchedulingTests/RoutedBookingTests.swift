import Testing
import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
import LocalTime
@testable import Scheduling

/// Booking with several accounts (the planner's `b`): everyone's time is
/// checked the way the grid asks it, each attendee on the account that knows
/// them; the meeting is stored through the first account only.
@Suite struct RoutedBookingTests {
    let f: ServiceFixture
    let dave = CalendarUserAddress(uncheckedURI: "mailto:dave@home.example")

    init() throws { f = try ServiceFixture() }
    /// The second account's cache, beside the first's under the same root.
    var homeCache: FreeBusyCache { f.homeCache }

    func request(_ required: [CalendarUserAddress]) -> BookingRequest {
        BookingRequest(start: f.at(8, 10), end: f.at(8, 11), title: "Planning", location: nil, description: nil,
                       required: required, optional: [], uid: "planning@avail", zone: DisplayZone.named("UTC")!)
    }

    /// Work does not know dave (3.7); home knows only dave and alice, and
    /// answered for dave before (in its cache, so routing asks it first).
    func accounts(work workAnswer: (@Sendable (FreeBusyRequest, HTTPURL) -> Result<FreeBusyResult, CalDAVError>)? = nil,
                  homeBusy: [BusyPeriod]) throws -> (RecordedServer, RecordedServer, BookingService) {
        try f.cacheBothDiscoveries()
        let work = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                        freeBusy: workAnswer ?? ServiceFixture.everyoneBusy([], organizer: f.alice, status: [dave.matchKey: "3.7"])))
        let home = RecordedServer(.init(freeBusy: ServiceFixture.everyoneBusy(homeBusy, organizer: f.alice,
                                                                              status: [f.bob.matchKey: "5.1"])))
        let workService = FreeBusyService(server: work, cache: f.cache, policy: CachePolicy())
        let routed = RoutedFreeBusyService(accounts: [
            .init(name: "work", domains: [], service: workService),
            .init(name: "home", domains: [], service: FreeBusyService(server: home, cache: homeCache, policy: CachePolicy())),
        ])
        // A fresh cached answer on home that says dave is free must not stand in for the check.
        try homeCache.store(CacheEntry(account: homeCache.account, recipient: dave, window: f.window, fetched: f.now,
                                       status: RequestStatus(code: "2.0"), busy: []))
        return (work, home, try #require(BookingService(workService, checkingOver: routed)))
    }

    func asked(_ server: RecordedServer) -> [[String]] {
        server.freeBusyCalls.compactMap { if case let .freeBusy(_, attendees, _) = $0 { return attendees } else { return nil } }
    }

    @Test func someoneBusyOnlyTheSecondAccountKnowsStopsTheBooking() async throws {
        defer { f.remove() }
        let (work, home, booking) = try accounts(homeBusy: [BusyPeriod(start: f.at(8, 10), end: f.at(8, 12))])
        let attempt = try await booking.bookIfFree(request([f.bob, dave]), identity: f.discovery().identity, checkable: true,
                                                  force: false, now: f.now)
        #expect(attempt.outcome == nil)
        #expect(attempt.busy.map(\.attendee) == [dave], "home's answer for dave, not work's 3.7")
        #expect(attempt.busy.first?.busy == [BusyPeriod(start: f.at(8, 10), end: f.at(8, 11))])
        #expect(attempt.unchecked.isEmpty, "bob answered on work, dave on home: nobody unknown")
        #expect(asked(work) == [[f.bob.uri]] && asked(home) == [[dave.uri]],
                "dave straight to home, which answered for him in the grid; his address never reaches work")
        #expect(work.stores == 0 && home.stores == 0)
    }

    @Test func whenEveryoneIsFreeTheMeetingIsStoredThroughTheFirstAccountOnly() async throws {
        defer { f.remove() }
        let (work, home, booking) = try accounts(homeBusy: [])
        let attempt = try await booking.bookIfFree(request([f.bob, dave]), identity: f.discovery().identity, checkable: true,
                                                  force: false, now: f.now)
        let outcome = try #require(attempt.outcome)
        #expect(attempt.conflicts.isEmpty, "\(attempt.conflicts)")
        #expect(work.count(.store(uid: "planning@avail")) == 1 && home.stores == 0)
        #expect(outcome.busyAfter[dave] == false, "the re-ask after booking is routed too")
        #expect(asked(home) == [[dave.uri], [dave.uri]], "the check, then the re-ask after booking")
        #expect(asked(work).first == [f.bob.uri])
    }

    /// The user's own row with one account down: what the other knows, and
    /// the rest unknown (a warning), never free.
    @Test func theOwnRowWithAnAccountDownIsUnknownNotFree() async throws {
        defer { f.remove() }
        let (_, _, booking) = try accounts(work: { _, _ in .failure(ServiceFixture.down) }, homeBusy: [])
        let attempt = try await booking.bookIfFree(request([f.alice]), identity: f.discovery().identity, checkable: true,
                                                  force: false, now: f.now)
        #expect(attempt.busy.isEmpty)
        let unknown = try #require(attempt.unchecked.first)
        #expect(unknown.attendee == f.alice && unknown.unknown?.contains("not answered by work") == true, "\(attempt.conflicts)")
    }
}
