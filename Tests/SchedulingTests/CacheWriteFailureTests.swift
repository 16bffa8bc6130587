import Testing
import Foundation
import FreeBusy
import FreeBusyCache
import ICalendar
@testable import Scheduling

/// A cache that cannot be written costs speed, not answers, and is said once.
@Suite struct CacheWriteFailureTests {
    @Test func aFileInPlaceOfTheCacheIsReportedOnce() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("avail-cachefile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: base) }
        // The cache root is a regular file: every write below it fails with ENOTDIR.
        try Data("not a directory\n".utf8).write(to: URL(fileURLWithPath: base + "/avail"))
        let cache = FreeBusyCache(root: base + "/avail", account: "http://cal.example alice")
        let service = FreeBusyService(server: nil, cache: cache, policy: CachePolicy())
        let now = UTCInstant(year: 2026, month: 12, day: 1, hour: 9)!
        let window = try #require(TimeWindow(start: now, end: now.adding(seconds: 86_400)))
        let bob = try CalendarUserAddress("bob@example.com")

        #expect(service.cacheWriteFailure.withLock { $0 } == nil)
        let conclusion = service.finish(FreeBusyOutcome(organizer: nil, window: window, rows: []), attendees: [bob], now: now)
        #expect(conclusion.failure == nil)
        let said = try #require(service.cacheWriteFailure.withLock { $0 })
        #expect(said == "answers are not being cached: cannot write to \(cache.directory.path): Not a directory")
        // The service never prints: the warning comes back for the front end to say.
        #expect(conclusion.warnings.contains(said))
        // A second failed write keeps the first message: one line, however many writes failed.
        _ = service.finish(FreeBusyOutcome(organizer: nil, window: window, rows: []), attendees: [bob], now: now)
        #expect(service.cacheWriteFailure.withLock { $0 } == said)
    }
}
