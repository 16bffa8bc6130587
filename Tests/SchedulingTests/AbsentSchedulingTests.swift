import Testing
import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
@testable import Scheduling

/// A server that announces scheduling (RFC 6638 §2) but does not do it: what
/// counts as evidence, and that a later query says so at once until it is
/// time to look again (or `--refresh`).
@Suite struct AbsentSchedulingTests {
    let f: ServiceFixture
    init() throws { f = try ServiceFixture() }
    typealias Absent = ServerProfile.AbsentScheduling

    let noOutbox = CalDAVError.noScheduling(server: "http://cal.example", principal: "http://cal.example/user/")

    @Test func theAnnouncementIsTheTokenAsTheServerSpelledIt() {
        defer { f.remove() }
        #expect(Absent.announcement(in: ["1", "2", "calendar-access", "calendar-auto-schedule"]) == "calendar-auto-schedule")
        #expect(Absent.announcement(in: ["1", "calendar-access", "calendar-auto-scheduling"]) == "calendar-auto-scheduling", "Xandikos 0.2")
        #expect(Absent.announcement(in: ["1", "Calendar-Schedule"]) == "Calendar-Schedule", "the draft's token")
        #expect(Absent.announcement(in: ["1", "2", "3", "calendar-access", "addressbook"]) == nil, "Radicale announces none")
    }

    @Test func onlyAnAbsentOutboxOrAPostRefusedAsUnsupportedIsEvidence() {
        defer { f.remove() }
        let caps = ["1", "calendar-access", "calendar-auto-schedule"]
        let missing = Absent.seen(noOutbox, capabilities: caps, now: f.now)
        #expect(missing == Absent(announced: "calendar-auto-schedule", evidence: "no schedule-outbox-URL on http://cal.example/user/", checked: f.now))
        for status in [403, 404, 405, 501] {
            let refused = CalDAVError.refused(status: status, url: "http://cal.example/outbox/", message: "")
            #expect(Absent.seen(refused, capabilities: caps, now: f.now)?.evidence == "POST to the outbox http://cal.example/outbox/ answered \(status)")
        }
        #expect(Absent.seen(.refused(status: 500, url: "u", message: ""), capabilities: caps, now: f.now) == nil, "a 500 is the server failing")
        #expect(Absent.seen(ServiceFixture.down, capabilities: caps, now: f.now) == nil)
        #expect(Absent.seen(noOutbox, capabilities: ["1", "calendar-access"], now: f.now) == nil, "announced nothing: the plain no-scheduling error")
    }

    @Test func itHoldsForADayThenIsLookedAtAgain() {
        defer { f.remove() }
        let a = Absent(announced: "calendar-auto-schedule", evidence: "e", checked: f.now)
        #expect(a.stillHolds(now: f.now.adding(seconds: 3600)))
        #expect(!a.stillHolds(now: f.now.adding(seconds: 86_400)))
        #expect(!a.stillHolds(now: f.now.adding(seconds: -60)), "a clock set back: look again")
        #expect(a.error.exitCode == 4)
        #expect(a.error.description.contains("announces scheduling (calendar-auto-schedule) but does not answer free/busy requests"))
        #expect(a.error.description.contains("fburl") && a.error.description.contains("avail publish"))
        #expect(a.error.meansNoScheduling)
    }

    @Test func theFirstQueryLearnsItAndTheNextSaysItAtOnce() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.failure(noOutbox)], davClasses: ["1", "calendar-access", "calendar-auto-scheduling"]))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        await #expect(throws: CalDAVError.schedulingAnnouncedButAbsent(
            announced: "calendar-auto-scheduling", evidence: "no schedule-outbox-URL on http://cal.example/user/")) {
            _ = try await service.query([f.bob], window: f.window, now: f.now)
        }
        #expect(server.calls == [.discover, .capabilities])
        #expect(f.cache.loadProfile()?.scheduling?.announced == "calendar-auto-scheduling")

        // An hour later: no request at all.
        await #expect(throws: CalDAVError.self) { _ = try await service.query([f.bob], window: f.window, now: f.now.adding(seconds: 3600)) }
        #expect(server.calls.count == 2)
        // --refresh looks again.
        await #expect(throws: CalDAVError.self) { _ = try await service.refreshing().query([f.bob], window: f.window, now: f.now.adding(seconds: 3600)) }
        #expect(server.calls.count == 4)
        // A day later too.
        await #expect(throws: CalDAVError.self) { _ = try await service.query([f.bob], window: f.window, now: f.now.adding(seconds: 90_000)) }
        #expect(server.calls.count == 6)
    }

    @Test func anOutboxThatRefusesThePostIsRecordedAndAnAnswerClearsIt() async throws {
        defer { f.remove() }
        var d = f.discovery()
        d.davCapabilities = ["1", "calendar-access", "calendar-auto-schedule"]
        let server = RecordedServer(.init(discoveries: [.success(d)], freeBusy: { _, url in
            .failure(.refused(status: 405, url: url.description, message: "405 Method Not Allowed"))
        }))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy(refresh: true))
        await #expect(throws: CalDAVError.schedulingAnnouncedButAbsent(
            announced: "calendar-auto-schedule", evidence: "POST to the outbox http://cal.example/alice/outbox/ answered 405")) {
            _ = try await service.query([f.bob], window: f.window, now: f.now)
        }
        #expect(!server.calls.contains(.capabilities), "the fresh discovery's classes were enough")
        #expect(f.cache.loadProfile()?.scheduling != nil)

        // The administrator turned scheduling on: the next answered POST clears it.
        let fixed = RecordedServer(.init(discoveries: [.success(d)], freeBusy: ServiceFixture.everyoneBusy([], organizer: f.alice)))
        let later = FreeBusyService(server: fixed, cache: f.cache, policy: CachePolicy(refresh: true))
        let r = try await later.query([f.bob], window: f.window, now: f.now.adding(seconds: 60))
        #expect(r.rows.first?.result.status.code == "2.0")
        #expect(f.cache.loadProfile()?.scheduling == nil)
    }

    @Test func aServerThatAnnouncesNothingKeepsThePlainError() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.failure(noOutbox)], davClasses: ["1", "2", "calendar-access"]))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        await #expect(throws: noOutbox) { _ = try await service.query([f.bob], window: f.window, now: f.now) }
        #expect(f.cache.loadProfile()?.scheduling == nil)
    }

    /// Booking on such a server still stores the meeting, as on any server
    /// without an outbox (booking always asks the server: it looks again).
    @Test func bookingStillFindsWhoTheOrganizerIs() async throws {
        defer { f.remove() }
        var p = ServerProfile(updated: f.now)
        p.scheduling = Absent(announced: "calendar-auto-schedule", evidence: "no schedule-outbox-URL on http://cal.example/user/", checked: f.now)
        try f.cache.storeProfile(p)
        let server = RecordedServer(.init(discoveries: [.failure(noOutbox)], davClasses: ["calendar-auto-schedule"]))
        let booking = try #require(BookingService(FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())))
        await #expect(throws: noOutbox) { _ = try await booking.identity(now: f.now) }
        #expect(server.calls.contains(.identity), "the principal alone was asked for: \(server.calls)")
    }
}
