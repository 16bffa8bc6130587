import Foundation
import Testing
import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import Scheduling
import Synchronization

/// The rows of a large request reach the caller (the planner) batch by batch
/// through `FreeBusyService.query(onPartial:)`, against the real servers.
extension LocalServerSuites {
@Suite(.serialized) struct FreeBusyPartialRowsIntegrationTests {
    @Test(arguments: FreeBusyBatchesIntegrationTests.Server.allCases)
    func rowsArriveBatchByBatchBeforeTheWholeAnswer(server: FreeBusyBatchesIntegrationTests.Server) async throws {
        let session = CalDAVSession(account: try LocalServers.account(server: try server.url()), http: HTTPClient())
        let service = FreeBusyService(server: session, cache: nil, policy: CachePolicy())
        let attendees = try FreeBusyBatchesIntegrationTests.attendees(server)
        #expect(attendees.count == 60)
        let delivered = Mutex<[[String]]>([])
        let returned = Mutex(false)
        let deliveredAfterReturn = Mutex(false)
        let now = UTCInstant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let outcome = try await service.query(attendees, window: DAViCalTests.week, now: now) { rows in
            if returned.withLock({ $0 }) { deliveredAfterReturn.withLock { $0 = true } }
            delivered.withLock { $0.append(rows.map(\.recipient.uri)) }
        }
        returned.withLock { $0 = true }
        let batches = delivered.withLock { $0 }
        // 60 attendees are two POSTs of 30 (BatchPolicy.standard), each delivered on its own.
        #expect(batches.map(\.count) == [30, 30], "on \(server): \(batches.map(\.count))")
        #expect(batches.flatMap { $0 }.sorted() == attendees.map(\.uri).sorted(), "on \(server)")
        #expect(!deliveredAfterReturn.withLock { $0 })
        #expect(outcome.rows.map(\.recipient) == attendees)
        #expect(outcome.rows[0].result.busy == DAViCalTests().bobExpected, "on \(server)")
    }
}
}
