import Foundation
import Testing
import FreeBusy
import ICalendar
@testable import FreeBusyCache

/// One directory per recipient: a lookup reads only the directory of the
/// person asked about, and the cache is bounded in files as well as bytes.
@Suite struct CacheLayoutTests {
    func entry(_ who: CalendarUserAddress, day: Int) -> CacheEntry {
        var e = sampleEntry()
        e.recipient = who
        e.window = TimeWindow(start: at(day, 0), end: at(day + 1, 0))!
        return e
    }

    func setFileTime(_ path: String, _ t: UTCInstant) {
        var times = [timespec(tv_sec: Int(t.secondsSinceEpoch), tv_nsec: 0), timespec(tv_sec: Int(t.secondsSinceEpoch), tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
    }

    @Test func eachRecipientHasADirectoryOfItsOwn() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        let carol = try CalendarUserAddress("carol@example.com")
        try cache.store(entry(bob, day: 7))
        try cache.store(entry(carol, day: 7))
        #expect(cache.entryName(bob, TimeWindow(start: at(7, 0), end: at(8, 0))!)
                == "mailto=bob@example.com/20261207T000000Z_20261208T000000Z.fb")
        // Nothing but directories and the account's own files at the top.
        #expect(cache.directory.list().filter { $0.name.hasSuffix(FreeBusyCache.entrySuffix) }.isEmpty)
        #expect(cache.recipientDirectory(bob).list().map(\.name) == ["20261207T000000Z_20261208T000000Z.fb"])
        #expect(cache.lookup(carol, window: TimeWindow(start: at(7, 0), end: at(8, 0))!)?.recipient.matchKey == carol.matchKey)
        #expect(CacheMaintenance.stats(root: root).entries == 2)
        // A long address still makes a valid directory name.
        let long = try CalendarUserAddress(String(repeating: "x", count: 200) + "@example.com")
        try cache.store(entry(long, day: 8))
        #expect(cache.lookup(long, window: TimeWindow(start: at(8, 0), end: at(9, 0))!) != nil)
        #expect(FreeBusyCache.recipientKey(long).utf8.count <= 120)
        // Nor can an odd one name the account's directory or its parent.
        for odd in ["", ".", "..", ".hidden"] {
            let key = FreeBusyCache.recipientKey(CalendarUserAddress(uncheckedURI: odd))
            #expect(!key.isEmpty && !key.hasPrefix(".") && !key.contains("/"), "\(odd.debugDescription) → \(key)")
        }
    }

    @Test func entriesOfTheFlatLayoutAreNeverReadAndPruneRemovesThem() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        try cache.store(entry(bob, day: 9))
        // Where the older layout kept bob's answer for the 7th, in the account directory.
        let flat = "mailto=bob@example.com_20261207T000000Z_20261208T000000Z.fb"
        try cache.directory.write(entry(bob, day: 7).serialized(), to: flat)
        try cache.directory.write("not an entry", to: "mailto=bob@example.com_20261210T000000Z_20261211T000000Z.fb")
        #expect(cache.lookup(bob, window: TimeWindow(start: at(7, 0), end: at(8, 0))!) == nil)
        #expect(cache.entries(for: bob).count == 1)
        #expect(cache.warnings.withLock { $0 }.isEmpty, "flat files are not even opened")
        #expect(CacheMaintenance.prune(root: root, now: at(9, 0)) == 2)
        #expect(!FileManager.default.fileExists(atPath: cache.directory.file(flat)))
        #expect(cache.entries(for: bob).count == 1)
    }

    @Test func pruneBoundsTheNumberOfEntriesOldestFirstAndDropsEmptyDirectories() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        var people: [CalendarUserAddress] = []
        for n in 0..<30 {
            let who = try CalendarUserAddress("person\(n)@example.com")
            people.append(who)
            let e = entry(who, day: 7)
            try cache.store(e)
            setFileTime(cache.directory.file(cache.entryName(who, e.window)), at(1, 0).adding(seconds: Int64(n) * 60))
        }
        #expect(CacheMaintenance.stats(root: root).entries == 30)
        #expect(CacheMaintenance.prune(root: root, now: at(7, 0), maxEntries: 10) == 20)
        #expect(CacheMaintenance.stats(root: root).entries == 10)
        let day = TimeWindow(start: at(7, 0), end: at(8, 0))!
        #expect(cache.lookup(people[19], window: day) == nil) // the oldest went
        #expect(cache.lookup(people[20], window: day) != nil)
        // Their directories went with them.
        #expect(!FileManager.default.fileExists(atPath: cache.recipientDirectory(people[0]).path))
        #expect(FileManager.default.fileExists(atPath: cache.recipientDirectory(people[29]).path))
        // And a store after that makes the directory again.
        try cache.store(entry(people[0], day: 7))
        #expect(cache.lookup(people[0], window: day) != nil)
        #expect(CacheMaintenance.clear(root: root, account: account) == 11)
        #expect(!FileManager.default.fileExists(atPath: cache.directory.path))
    }
}
