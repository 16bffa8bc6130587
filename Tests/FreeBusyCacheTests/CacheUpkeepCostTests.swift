import Foundation
import Testing
import FreeBusy
import ICalendar
@testable import FreeBusyCache

/// What a warm query does to the cache besides reading: remembering its
/// attendees and keeping the bounds. Both used to cost in proportion to the
/// whole cache on every query.
@Suite struct CacheUpkeepCostTests {
    private func inode(_ path: String) -> UInt64? {
        var st = stat()
        return lstat(path, &st) == 0 ? UInt64(st.st_ino) : nil
    }

    @Test func rememberingTheSameAttendeesAgainWritesNothing() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        let carol = try CalendarUserAddress("carol@example.com")
        try cache.rememberAttendees([bob, carol])
        let file = cache.directory.file("recent-attendees")
        let first = try #require(inode(file))
        try cache.rememberAttendees([bob, carol])
        // Every write renames a new file over the old one: the same inode means no write.
        #expect(inode(file) == first)
        try cache.rememberAttendees([carol])
        #expect(cache.recentAttendees() == ["carol@example.com", "bob@example.com"])
        #expect(inode(file) != first)
    }

    @Test func attendeesAreKeptOnceEachCaseInsensitivelyAtMostTwoHundred() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        let many = try (1...250).map { try CalendarUserAddress(String(format: "p%03d@example.com", $0)) }
        try cache.rememberAttendees(Array(many.prefix(200)))
        try cache.rememberAttendees([try CalendarUserAddress("P150@example.com"), try CalendarUserAddress("p150@EXAMPLE.com")] + many.suffix(50))
        let list = cache.recentAttendees()
        #expect(list.count == 200)
        #expect(list.first == "P150@example.com")
        #expect(list.filter { $0.lowercased() == "p150@example.com" }.count == 1)
        #expect(list[1] == "p201@example.com")
        // The oldest fall off the end: 1 + 50 new, then 149 of the old 200 (p150 moved up).
        #expect(list.last == "p149@example.com")
    }

    private func storeOldEntry(_ cache: FreeBusyCache, daysAgo: Int64) throws {
        let e = sampleEntry()
        try cache.store(e)
        let t = Int(Int64(time(nil)) - daysAgo * 86_400)
        var times = [timespec(tv_sec: t, tv_nsec: 0), timespec(tv_sec: t, tv_nsec: 0)]
        utimensat(AT_FDCWD, cache.directory.file(cache.entryName(bob, e.window)), &times, 0)
    }

    @Test func aQueryPrunesAtMostOnceAnHour() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        let now = UTCInstant(secondsSinceEpoch: Int64(time(nil)))
        try storeOldEntry(cache, daysAgo: 40)
        #expect(CacheMaintenance.pruneIfDue(root: root, now: now) == 1)
        try storeOldEntry(cache, daysAgo: 40)
        // Pruned a moment ago: the old entry stays until the hour is over.
        #expect(CacheMaintenance.pruneIfDue(root: root, now: now) == 0)
        #expect(CacheMaintenance.stats(root: root).entries == 1)
        #expect(CacheMaintenance.pruneIfDue(root: root, now: now.adding(seconds: CacheMaintenance.pruneInterval + 1)) == 1)
    }

    @Test func aMarkerFromTheFutureOrNotAFileStillLetsItPrune() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        let now = UTCInstant(secondsSinceEpoch: Int64(time(nil)))
        let marker = root + "/" + CacheMaintenance.prunedMarker
        try storeOldEntry(cache, daysAgo: 40)
        #expect(CacheMaintenance.pruneIfDue(root: root, now: now) == 1)
        // The clock set back a day: the marker is in the future, so pruning is due.
        try storeOldEntry(cache, daysAgo: 40)
        #expect(CacheMaintenance.pruneIfDue(root: root, now: now.adding(seconds: -86_400)) == 1)
        // A FIFO where the marker should be is neither opened (no hang) nor trusted.
        unlink(marker)
        #expect(mkfifo(marker, 0o600) == 0)
        try storeOldEntry(cache, daysAgo: 40)
        #expect(CacheMaintenance.pruneIfDue(root: root, now: now) == 1)
    }
}
