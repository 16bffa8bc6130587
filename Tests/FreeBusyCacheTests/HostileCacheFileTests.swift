import Foundation
import Testing
import FreeBusy
import ICalendar
import Synchronization
import TextUtilities
@testable import FreeBusyCache
#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` on a thread of its own and fails the test when it has not
/// returned within `seconds` (a read blocked on a FIFO); `unblock` then frees it.
func finishes(within seconds: Double, unblock: () -> Void, _ body: @escaping @Sendable () -> Void) -> Bool {
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread { body(); done.signal() }
    if done.wait(timeout: .now() + seconds) == .success { return true }
    unblock()
    _ = done.wait(timeout: .now() + 5)
    return false
}

/// Opening a FIFO for writing without blocking succeeds once a reader waits on it,
/// and closing it gives that reader end-of-file.
func releaseReader(of fifo: String) {
    for _ in 0..<50 {
        let fd = open(fifo, O_WRONLY | O_NONBLOCK)
        if fd >= 0 { close(fd); return }
        usleep(20_000)
    }
}

/// Files in the cache directory that avail did not write: a FIFO, a link,
/// another user's file. Each is set aside with a warning; none hangs or is served.
@Suite struct HostileCacheFileTests {
    @Test func aFIFOInPlaceOfDiscoveryOrRecentAttendeesNeitherHangsNorIsRead() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        try cache.rememberAttendees([bob])
        for name in ["discovery", "recent-attendees"] {
            let path = cache.directory.file(name)
            unlink(path)
            #expect(mkfifo(path, 0o600) == 0)
        }
        let discovery = Mutex<CachedDiscovery?>(nil)
        let recent = Mutex<[String]>(["unset"])
        #expect(finishes(within: 3, unblock: { releaseReader(of: cache.directory.file("discovery")) }) {
            discovery.withLock { $0 = cache.loadDiscovery() }
        })
        #expect(finishes(within: 3, unblock: { releaseReader(of: cache.directory.file("recent-attendees")) }) {
            recent.withLock { $0 = cache.recentAttendees() }
        })
        #expect(discovery.withLock { $0 } == nil)
        #expect(recent.withLock { $0 } == [])
        let warnings = cache.warnings.withLock { $0 }
        #expect(warnings.count == 2)
        #expect(warnings.allSatisfy { $0.contains("it is a FIFO, not a regular file") })
        // Set aside: the next run neither trips over them nor warns again.
        #expect(FileManager.default.fileExists(atPath: cache.directory.file("discovery.bad")))
        #expect(!FileManager.default.fileExists(atPath: cache.directory.file("discovery")))
        #expect(cache.loadDiscovery() == nil && cache.warnings.withLock { $0 }.count == 2)
    }

    @Test func anEntryOwnedBySomeoneElseIsNeverServed() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        try cache.store(sampleEntry())
        let path = cache.directory.file(cache.entryName(bob, week))
        // The test runs as root: nobody (65534) stands in for another user.
        #expect(chown(path, 65_534, 65_534) == 0)
        #expect(cache.lookup(bob, window: week) == nil)
        #expect(cache.warnings.withLock { $0 }.first?.contains("not to you") == true)
    }

    @Test func aSymbolicLinkInPlaceOfAnEntryIsNotFollowed() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        try cache.store(sampleEntry())
        let path = cache.directory.file(cache.entryName(bob, week))
        #expect(rename(path, root + "/elsewhere") == 0)
        #expect(symlink(root + "/elsewhere", path) == 0)
        #expect(throws: OutsideFile.Refusal.symbolicLink) { try cache.directory.text(of: cache.entryName(bob, week)) }
        #expect(cache.lookup(bob, window: week) == nil)
        #expect(cache.warnings.withLock { $0 }.first?.contains("it is a symbolic link") == true)
    }
}

@Suite struct OutsideFileTests {
    @Test func refusesWhatIsNotASmallRegularFileOfTheUser() throws {
        let dir = temporaryRoot()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: OutsideFile.Refusal.absent) { try OutsideFile.read(dir + "/none", limit: 10) }
        #expect(throws: OutsideFile.Refusal.notRegular(kind: "a directory")) { try OutsideFile.read(dir, limit: 10) }
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)
        #expect(throws: OutsideFile.Refusal.notRegular(kind: "a FIFO")) { try OutsideFile.read(dir + "/fifo", limit: 10) }
        try "0123456789A".write(toFile: dir + "/big", atomically: false, encoding: .utf8)
        #expect(throws: OutsideFile.Refusal.tooLarge(limit: 10)) { try OutsideFile.read(dir + "/big", limit: 10) }
        let read = try OutsideFile.read(dir + "/big", limit: 11)
        #expect(read.text == "0123456789A" && read.owner == geteuid())
        #expect(symlink(dir + "/big", dir + "/link") == 0)
        #expect(throws: OutsideFile.Refusal.symbolicLink) { try OutsideFile.read(dir + "/link", limit: 100) }
        #expect(try OutsideFile.read(dir + "/link", limit: 100, followSymbolicLinks: true).text == "0123456789A")
        #expect(chown(dir + "/big", 65_534, 65_534) == 0)
        #expect(throws: OutsideFile.Refusal.foreignOwner(uid: 65_534)) { try OutsideFile.read(dir + "/big", limit: 100, owners: .userOrRoot) }
    }
}

/// CacheLocation's rules, on the directories themselves.
@Suite struct CacheLocationTests {
    @Test func rootFromTheEnvironmentOnlyWhenAbsolute() throws {
        #expect(try CacheLocation.root(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/avail")
        #expect(try CacheLocation.root(environment: ["XDG_CACHE_HOME": "rel", "HOME": "/h"]) == "/h/.cache/avail")
        let passwd = try #require(getpwuid(geteuid())?.pointee.pw_dir.map { String(cString: $0) })
        for env in [[:], ["HOME": ""], ["HOME": "relative"], ["XDG_CACHE_HOME": ""]] {
            #expect(try CacheLocation.root(environment: env) == passwd + "/.cache/avail")
        }
    }

    /// Someone makes the account directory between the check at start and the
    /// first write: the write refuses it rather than write into it.
    @Test func aDirectoryPlantedBeforeTheFirstWriteIsRefused() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        try CacheLocation.check(cache.directory.path, root: root) // nothing there yet: fine
        try FileManager.default.createDirectory(atPath: cache.directory.path, withIntermediateDirectories: true)
        #expect(chown(cache.directory.path, 65_534, 65_534) == 0)
        #expect(chmod(cache.directory.path, 0o777) == 0)
        #expect(throws: CacheDirectory.WriteError.self) { try cache.store(sampleEntry()) }
        do { try cache.store(sampleEntry()) } catch {
            #expect(error.description.hasPrefix("not using the cache: \(cache.directory.path) belongs to "), "\(error)")
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: cache.directory.path)) == [])
    }

    @Test func aLinkInPlaceOfAvailsOwnDirectoryIsRefused() throws {
        let root = temporaryRoot()
        try FileManager.default.createDirectory(atPath: root + "-real", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root); try? FileManager.default.removeItem(atPath: root + "-real") }
        #expect(symlink(root + "-real", root) == 0)
        #expect(throws: CacheLocation.Refusal(path: root, reason: "is a symbolic link; avail makes its own directories")) {
            try CacheLocation.check(root, root: root)
        }
    }
}
