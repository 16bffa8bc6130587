import Testing
import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
import Scheduling
import Synchronization

/// Rows delivered batch by batch (`onPartial`), before the whole outcome.
@Suite struct FreeBusyServicePartialTests {
    let f: ServiceFixture
    init() throws { f = try ServiceFixture() }

    func meeting(_ day: Int, _ hour: Int) -> BusyPeriod { BusyPeriod(start: f.at(day, hour), end: f.at(day, hour + 1)) }

    @Test func eachBatchsRowsArriveBeforeTheNextBatchAnswers() async throws {
        defer { f.remove() }
        let delivered = Mutex<[[String]]>([])
        let seenBeforeSecond = Mutex<[[String]]?>(nil)
        var script = RecordedServer.Script(discoveries: [.success(f.discovery())],
                                           freeBusy: ServiceFixture.everyoneBusy([meeting(7, 9)], organizer: f.alice))
        script.batchSize = 2
        script.betweenBatches = { seenBeforeSecond.withLock { $0 = delivered.withLock { $0 } } }
        let server = RecordedServer(script)
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let dave = CalendarUserAddress(uncheckedURI: "mailto:dave@example.com")
        let outcome = try await service.query([f.bob, f.carol, dave], window: f.window, now: f.now) { rows in
            delivered.withLock { $0.append(rows.map(\.recipient.uri)) }
        }
        #expect(seenBeforeSecond.withLock { $0 } == [[f.bob.uri, f.carol.uri]], "the first batch is delivered before the second answers")
        #expect(delivered.withLock { $0 } == [[f.bob.uri, f.carol.uri], [dave.uri]])
        #expect(outcome.rows.map(\.recipient.uri) == [f.bob.uri, f.carol.uri, dave.uri], "the outcome still holds every row")
        #expect(outcome.rows.allSatisfy { $0.source == .server && $0.result.busy == [meeting(7, 9)] })
        #expect(server.freeBusyCalls.count == 1)
    }

    @Test func partialRowsNameTheAttendeesAskedAndSkipCachedOnes() async throws {
        defer { f.remove() }
        // Bob is fresh in the cache: only Carol and Dave are asked, and the
        // batch positions (into the asked list) must map back to them.
        try f.cacheAnswer(f.bob, age: 10, busy: [meeting(8, 10)])
        let dave = CalendarUserAddress(uncheckedURI: "mailto:DAVE@example.com")
        var script = RecordedServer.Script(discoveries: [.success(f.discovery())],
                                           freeBusy: ServiceFixture.everyoneBusy([meeting(7, 9)], organizer: f.alice))
        script.batchSize = 1
        let server = RecordedServer(script)
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let delivered = Mutex<[String]>([])
        _ = try await service.query([f.bob, f.carol, dave], window: f.window, now: f.now) { rows in
            delivered.withLock { $0 += rows.map(\.recipient.uri) }
        }
        #expect(delivered.withLock { $0 } == [f.carol.uri, dave.uri], "the address as the user wrote it, cached rows not repeated")
    }

    @Test func oneBatchDeliversEveryoneOnce() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          freeBusy: ServiceFixture.everyoneBusy([meeting(7, 9)], organizer: f.alice)))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let calls = Mutex(0)
        let outcome = try await service.query([f.bob, f.carol], window: f.window, now: f.now) { rows in
            calls.withLock { $0 += 1 }
            #expect(rows.count == 2)
        }
        #expect(calls.withLock { $0 } == 1)
        #expect(outcome.rows.count == 2)
    }
}
