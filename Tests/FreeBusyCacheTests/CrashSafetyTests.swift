import Foundation
import Testing
import FreeBusy
import ICalendar
@testable import FreeBusyCache

/// Writers killed with SIGKILL at random moments, alone and two at once on the
/// same files: afterwards every entry file parses, or there is none.
@Suite struct CrashSafetyTests {
    static let writer = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/avail-bench").path

    func startWriter(root: String) throws -> pid_t {
        guard FileManager.default.isExecutableFile(atPath: Self.writer) else {
            throw WriterMissing(path: Self.writer)
        }
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(Self.writer), strdup("cache-writer"), strdup(root), strdup("100000"), nil]
        defer { for p in argv { free(p) } }
        let rc = posix_spawn(&pid, Self.writer, nil, nil, argv, environ)
        guard rc == 0 else { throw WriterMissing(path: "posix_spawn failed: \(rc)") }
        return pid
    }

    struct WriterMissing: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) is missing: build it with `swift build` (make test does)" }
    }

    func checkEveryFile(root: String) throws -> Int {
        var checked = 0
        for dir in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            // Entries live in one directory per recipient under the account's.
            for (directory, f, _) in CacheMaintenance.files(of: CacheDirectory(path: root + "/" + dir))
                where f.name.hasSuffix(FreeBusyCache.entrySuffix) && !f.name.hasPrefix(".tmp-") {
                let text = try #require(directory.read(f.name))
                let entry = try CacheEntry.parse(text) // throws, and fails the test, on a torn file
                #expect(entry.busy?.isEmpty == false)
                checked += 1
            }
        }
        return checked
    }

    @Test func killedWritersNeverLeaveATornFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("avail-crash-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var rng = SystemRandomNumberGenerator()
        var checked = 0
        for round in 0..<40 {
            let writers = round % 2 == 0 ? 1 : 2 // every other round, two writers race on the same files
            let pids = try (0..<writers).map { _ in try startWriter(root: root) }
            // Kill mid-write: once the writers are writing (their directory exists), after a random moment.
            for _ in 0..<400 where !FileManager.default.fileExists(atPath: root) { usleep(5_000) }
            usleep(UInt32.random(in: 0...30_000, using: &rng))
            for pid in pids {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                waitpid(pid, &status, 0)
            }
            checked += try checkEveryFile(root: root)
        }
        #expect(checked > 0, "the writer never finished a single file")
        // What a killed writer leaves behind is only its temporary file, which readers skip.
        let cache = FreeBusyCache(root: root, account: "http://127.0.0.1:1 writer")
        let start = UTCInstant(year: 2026, month: 12, day: 7)!
        #expect(cache.lookup(CalendarUserAddress(uncheckedURI: "mailto:bob@example.com"),
                             window: TimeWindow(start: start, end: start.adding(seconds: 86_400))!) != nil)
        #expect(cache.warnings.withLock { $0 }.isEmpty)
    }
}
