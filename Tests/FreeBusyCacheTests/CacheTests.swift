import Foundation
import Testing
import FreeBusy
import ICalendar
@testable import FreeBusyCache

func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> UTCInstant {
    UTCInstant(year: 2026, month: 12, day: day, hour: hour, minute: minute)!
}
let week = TimeWindow(start: at(7, 0), end: at(12, 0))!
let account = "http://127.0.0.1:58080 alice"
let bob = try! CalendarUserAddress("bob@example.com")

func sampleEntry(fetched: UTCInstant = at(1, 12)) -> CacheEntry {
    CacheEntry(account: account, recipient: bob, window: week, fetched: fetched, status: RequestStatus(parsing: "2.0;Success"),
               busy: [BusyPeriod(start: at(7, 9), end: at(7, 10)), BusyPeriod(start: at(7, 11), end: at(7, 12), type: .busyTentative),
                      BusyPeriod(start: at(9, 0), end: at(9, 1), type: .other("X-OOO"))])
}

func temporaryRoot() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-cache-test-\(UUID().uuidString)").path
    return dir
}

@Suite struct CacheEntryFormatTests {
    @Test func roundTrips() throws {
        let e = sampleEntry()
        let text = e.serialized()
        #expect(text.hasPrefix("# avail free/busy cache entry, format 1\naccount: http://127.0.0.1:58080 alice\nrecipient: mailto:bob@example.com\n"))
        #expect(text.contains("FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261207T110000Z/20261207T120000Z"))
        #expect(try CacheEntry.parse(text) == e)
        let failure = CacheEntry(account: account, recipient: bob, window: week, fetched: at(1, 12),
                                 status: RequestStatus(parsing: "3.8;No authority"), busy: nil, problem: "multi\nline")
        let parsed = try CacheEntry.parse(failure.serialized())
        #expect(parsed.busy == nil && parsed.status.code == "3.8" && parsed.problem == "multi line")
    }

    @Test func everyTruncationIsRefused() {
        let bytes = Array(sampleEntry().serialized().utf8)
        for cut in 0..<bytes.count {
            let text = String(decoding: bytes[0..<cut], as: UTF8.self)
            #expect(throws: CacheEntry.FormatError.self, "cut at \(cut)") { try CacheEntry.parse(text) }
        }
    }

    @Test func foreignAndFutureFiles() {
        #expect(throws: CacheEntry.FormatError.notACacheEntry) { try CacheEntry.parse("BEGIN:VCALENDAR\n") }
        #expect(throws: CacheEntry.FormatError.futureVersion("# avail free/busy cache entry, format 2")) {
            try CacheEntry.parse(sampleEntry().serialized().replacingOccurrences(of: "format 1", with: "format 2"))
        }
        #expect(throws: CacheEntry.FormatError.self) {
            try CacheEntry.parse(sampleEntry().serialized().replacingOccurrences(of: "20261207T090000Z/", with: "garbage/"))
        }
    }
}

@Suite struct FreeBusyCacheTests {
    @Test func storesLooksUpAndClipsToTheWindow() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        try cache.store(sampleEntry())
        let inner = TimeWindow(start: at(7, 10, 30), end: at(8, 0))!
        let hit = try #require(cache.lookup(bob, window: inner))
        #expect(hit.busy == [BusyPeriod(start: at(7, 11), end: at(7, 12), type: .busyTentative)])
        #expect(cache.lookup(bob, window: TimeWindow(start: at(6, 0), end: at(8, 0))!) == nil) // not covered
        #expect(cache.lookup(try CalendarUserAddress("carol@example.com"), window: week) == nil)
        // Modes: 0700 directory, 0600 files.
        let dirMode = try FileManager.default.attributesOfItem(atPath: cache.directory.path)[.posixPermissions] as? Int
        #expect(dirMode == 0o700)
        let file = cache.directory.file(cache.entryName(bob, week))
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        // Nothing but the account name: no password can be in it.
        #expect(!(try String(contentsOfFile: file, encoding: .utf8)).contains("alicepw"))
    }

    @Test func aFailureNeverReplacesAGoodAnswer() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        try cache.store(sampleEntry())
        try cache.store(CacheEntry(account: account, recipient: bob, window: week, fetched: at(2, 12),
                                   status: RequestStatus(parsing: "5.1"), busy: nil))
        #expect(cache.lookup(bob, window: week)?.isGood == true)
        #expect(cache.lookup(bob, window: week)?.fetched == at(1, 12))
    }

    @Test func twoAccountsNeverMix() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FreeBusyCache(root: root, account: account).store(sampleEntry())
        let other = FreeBusyCache(root: root, account: "http://127.0.0.1:58080 bob")
        #expect(other.lookup(bob, window: week) == nil)
        #expect(FreeBusyCache.accountKey(account) != FreeBusyCache.accountKey("http://127.0.0.1:58080 bob"))
        #expect(FreeBusyCache.accountKey(account).hasPrefix("http_127.0.0.1_58080_alice-"))
    }

    @Test func corruptFilesAreQuarantinedWithAWarning() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        try cache.store(sampleEntry())
        let name = cache.entryName(bob, week)
        let text = sampleEntry().serialized()
        try String(text.prefix(text.count / 2)).write(toFile: cache.directory.file(name), atomically: false, encoding: .utf8)
        #expect(cache.lookup(bob, window: week) == nil)
        #expect(cache.warnings.withLock { $0 }.first?.contains("truncated") == true)
        #expect(FileManager.default.fileExists(atPath: cache.directory.file(name + ".bad")))
        #expect(!FileManager.default.fileExists(atPath: cache.directory.file(name)))
    }

    /// What a power cut right after a write may leave (no fsync; the rename
    /// replaces nothing, see CacheDirectory.write): an empty file, which holds
    /// no answer and is nobody's mistake, so it goes without a warning.
    @Test func anEmptyFileReadsAsAbsentWithoutAWarning() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        try cache.store(sampleEntry())
        let name = cache.entryName(bob, week)
        try "".write(toFile: cache.directory.file(name), atomically: false, encoding: .utf8)
        #expect(cache.lookup(bob, window: week) == nil)
        #expect(cache.warnings.withLock { $0 }.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: cache.directory.file(name)))
        #expect(!FileManager.default.fileExists(atPath: cache.directory.file(name + ".bad")))
        // And a store over an entry replaces it.
        try cache.store(sampleEntry())
        try cache.store(sampleEntry(fetched: at(2, 12)))
        #expect(cache.lookup(bob, window: week)?.fetched == at(2, 12))
    }

    @Test func discoveryAndRecentAttendees() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        #expect(cache.loadDiscovery() == nil)
        let d = CachedDiscovery(fetched: at(1, 0), principal: "http://h/p/", outbox: "http://h/p/.out/", organizer: "mailto:a@b",
                                displayName: "Alice", addresses: ["mailto:a@b", "/p/"])
        try cache.storeDiscovery(d)
        #expect(cache.loadDiscovery() == d)
        #expect(FreeBusyCache(root: root, account: "http://other alice").loadDiscovery() == nil)
        try cache.rememberAttendees([bob])
        try cache.rememberAttendees([try CalendarUserAddress("carol@example.com"), try CalendarUserAddress("BOB@example.com")])
        #expect(cache.recentAttendees() == ["carol@example.com", "BOB@example.com"])
    }

    @Test func pruneByAgeAndSize() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        for d in 1...6 {
            var e = sampleEntry()
            e.window = TimeWindow(start: at(d, 0), end: at(d + 1, 0))!
            try cache.store(e)
            let name = cache.entryName(bob, e.window)
            // File times: day d of December 2026, so 1 is the oldest.
            var times = [timespec(tv_sec: Int(at(d, 0).secondsSinceEpoch), tv_nsec: 0), timespec(tv_sec: Int(at(d, 0).secondsSinceEpoch), tv_nsec: 0)]
            utimensat(AT_FDCWD, cache.directory.file(name), &times, 0)
        }
        #expect(CacheMaintenance.stats(root: root).entries == 6)
        // 30 days after 3 December, the first three are too old.
        #expect(CacheMaintenance.prune(root: root, now: at(3, 0).adding(seconds: 30 * 86_400 + 1)) == 3)
        let size = CacheMaintenance.stats(root: root).bytes
        #expect(CacheMaintenance.prune(root: root, now: at(7, 0), maxBytes: size - 1) == 1) // the oldest goes first
        #expect(cache.lookup(bob, window: TimeWindow(start: at(4, 0), end: at(5, 0))!) == nil)
        #expect(cache.lookup(bob, window: TimeWindow(start: at(6, 0), end: at(7, 0))!) != nil)
        #expect(CacheMaintenance.clear(root: root, account: "someone else") == 0)
        #expect(CacheMaintenance.clear(root: root, account: account) > 0)
        #expect(CacheMaintenance.stats(root: root).entries == 0)
    }
}

@Suite struct PartialCoverTests {
    func span(_ a: Int, _ b: Int) -> TimeSpan { TimeSpan(start: at(a, 0), end: at(b, 0))! }

    @Test func spanAlgebra() {
        #expect([span(3, 4), span(1, 2), span(2, 3), span(6, 7)].union() == [span(1, 4), span(6, 7)])
        #expect(span(1, 10).subtracting([span(2, 3), span(5, 6)]) == [span(1, 2), span(3, 5), span(6, 10)])
        #expect(span(2, 3).subtracting([span(1, 5)]).isEmpty)
    }

    @Test func newestAnswerWinsWhereAnswersOverlapAndGapsAreReported() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        // Older: 7–9 Dec, busy on the 8th at 09:00. Newer: 8–10 Dec, busy on the 8th at 15:00 only.
        try cache.store(CacheEntry(account: account, recipient: bob, window: TimeWindow(start: at(7, 0), end: at(9, 0))!, fetched: at(1, 0),
                                   status: RequestStatus(code: "2.0"), busy: [BusyPeriod(start: at(7, 9), end: at(7, 10)), BusyPeriod(start: at(8, 9), end: at(8, 10))]))
        try cache.store(CacheEntry(account: account, recipient: bob, window: TimeWindow(start: at(8, 0), end: at(10, 0))!, fetched: at(2, 0),
                                   status: RequestStatus(code: "2.0"), busy: [BusyPeriod(start: at(8, 15), end: at(8, 16))]))
        #expect(cache.lookup(bob, window: week) == nil) // no single answer covers the week
        let cover = try #require(cache.partialCover(bob, window: week))
        #expect(cover.busy == [BusyPeriod(start: at(7, 9), end: at(7, 10)), BusyPeriod(start: at(8, 15), end: at(8, 16))])
        #expect(cover.covered == [span(7, 10)])
        #expect(cover.gaps == [span(10, 12)])
        #expect(cover.oldestFetched == at(1, 0))
        // Only answers fetched since the 2nd: the older one no longer counts.
        #expect(cache.partialCover(bob, window: week, notBefore: at(2, 0))?.gaps == [span(7, 8), span(10, 12)])
    }
}

/// Found by fuzz-cache: a recipient holding a control character was read, and
/// the entry written back was not read the same. Now the first write turns the
/// controls into spaces, and from then on it round-trips.
@Suite struct FuzzRegressionTests {
    @Test func controlCharactersInAHeaderRoundTripAfterOnePass() throws {
        let text = sampleEntry().serialized().replacingOccurrences(of: "mailto:bob@example.com", with: "mailto:bob@exam/\u{0}e.com")
        let first = try CacheEntry.parse(text)
        let again = try CacheEntry.parse(first.serialized())
        #expect(again.recipient.uri == "mailto:bob@exam/ e.com")
        #expect(try CacheEntry.parse(again.serialized()) == again)
    }

    /// Found by fuzz-cache too: a recipient holding CR LF broke the iCalendar
    /// written for it (an ATTENDEE line split in two).
    @Test func aLineBreakInsideAValueNeverSplitsTheLine() throws {
        let text = sampleEntry().serialized().replacingOccurrences(of: "recipient: mailto:bob@example.com", with: "recipient: mailto:bob\r\nEVIL:x@example.com")
        let first = try CacheEntry.parse(text)
        let again = try CacheEntry.parse(first.serialized())
        #expect(try CacheEntry.parse(again.serialized()) == again)
        #expect(ContentLineWriter.fold("ATTENDEE:" + ContentLineWriter.valueCharacters("a\r\nB:c")) == "ATTENDEE:a  B:c\r\n")
    }

    /// Found by fuzz-cache (it showed only in the release build): BUSY and an
    /// unknown FBTYPE over the same time swapped places on every write.
    @Test func periodsOfEqualStrengthKeepTheirOrder() throws {
        var entry = sampleEntry()
        entry.busy = [BusyPeriod(start: at(7, 9), end: at(7, 10), type: .other("USY")), BusyPeriod(start: at(7, 9), end: at(7, 10))]
        let first = try CacheEntry.parse(entry.serialized())
        let again = try CacheEntry.parse(first.serialized())
        #expect(again == first)
        #expect(first.busy?.map(\.type.name) == ["BUSY", "USY"])
    }

    /// Also found by fuzz-cache: a status that is not a status ("2'0") grew a
    /// "?;" prefix each time the entry was written.
    @Test func anUnreadableStatusIsWrittenBackAsItCame() throws {
        let text = sampleEntry().serialized().replacingOccurrences(of: "status: 2.0;Success", with: "status: 2'0")
        let first = try CacheEntry.parse(text)
        #expect(first.status.code == "?" && first.status.description == "2'0")
        #expect(try CacheEntry.parse(first.serialized()) == first)
        for raw in ["2.0;Success", "3.8", "", "garbage;x", "5.1;a;b"] {
            let s = RequestStatus(parsing: raw)
            #expect(RequestStatus(parsing: s.description) == s, "\(raw)")
        }
    }
}
