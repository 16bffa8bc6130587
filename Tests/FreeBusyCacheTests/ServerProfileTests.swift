import Foundation
import Testing
import FreeBusy
@testable import FreeBusyCache

/// The server profile file: what goes in comes back, and a file that does not
/// read is set aside with one warning, like every cache file.
@Suite struct ServerProfileTests {
    let full = ServerProfile(updated: at(7, 9), unknownUsers: "5.1", draftHeaders: false,
                             secondsPerRecipient: 0.00125, parallelSecondsPerRecipient: 0.0009)

    @Test func aProfileRoundTrips() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        #expect(cache.loadProfile() == nil, "nothing learned yet")
        try cache.storeProfile(full)
        #expect(cache.loadProfile() == full)
        let empty = ServerProfile(updated: at(8, 0))
        try cache.storeProfile(empty)
        #expect(cache.loadProfile() == empty, "unknown fields stay unknown")
        #expect(cache.warnings.withLock { $0 }.isEmpty)
    }

    @Test func addressesAndAbsentSchedulingRoundTripInPlainLines() throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        var p = full
        p.addresses = .caseSensitive
        p.scheduling = ServerProfile.AbsentScheduling(announced: "calendar-auto-scheduling",
                                                      evidence: "no schedule-outbox-URL on http://127.0.0.1:58091/user/", checked: at(7, 8))
        try cache.storeProfile(p)
        #expect(cache.loadProfile() == p)
        let text = p.serialized(account: account)
        #expect(text.contains("""
        addresses: case-sensitive
        scheduling: announced-but-absent
        scheduling-announced: calendar-auto-scheduling
        scheduling-evidence: no schedule-outbox-URL on http://127.0.0.1:58091/user/
        scheduling-checked: 2026-12-07T08:00:00Z

        """), "\(text)")
        p.addresses = .caseInsensitive
        p.scheduling = nil
        try cache.storeProfile(p)
        #expect(cache.loadProfile() == p)
        #expect(cache.warnings.withLock { $0 }.isEmpty)
    }

    @Test func theFileIsPlainAndSaysWhatItMeans() {
        let text = full.serialized(account: account)
        #expect(text == """
        # avail server profile, format 1
        # what avail learned about this server; delete the file to have it learned again
        account: http://127.0.0.1:58080 alice
        updated: 2026-12-07T09:00:00Z
        unknown-users: 5.1
        draft-headers: no
        seconds-per-recipient: 0.001250
        parallel-seconds-per-recipient: 0.000900
        # parallel POSTs helped: yes
        # end

        """)
    }

    // An empty file is not among them: it reads as absent, without a warning
    // (CacheTests.anEmptyFileReadsAsAbsentWithoutAWarning).
    @Test(arguments: [
        ("\n", "not an avail cache entry"),
        ("# avail server profile, format 9\n# end\n", "written by a newer avail"),
        ("# avail server profile, format 1\naccount: http://127.0.0.1:58080 alice\nupdated: 2026-12-07T09:00:00Z\n", "truncated"),
        ("# avail server profile, format 1\naccount: someone else\nupdated: 2026-12-07T09:00:00Z\n# end\n", "unreadable account"),
        ("# avail server profile, format 1\naccount: http://127.0.0.1:58080 alice\n# end\n", "no updated line"),
        ("# avail server profile, format 1\naccount: http://127.0.0.1:58080 alice\nupdated: 2026-12-07T09:00:00Z\nunknown-users: 9.9\n# end\n", "unreadable unknown-users"),
        ("# avail server profile, format 1\naccount: http://127.0.0.1:58080 alice\nupdated: 2026-12-07T09:00:00Z\ndraft-headers: maybe\n# end\n", "unreadable draft-headers"),
        ("# avail server profile, format 1\naccount: http://127.0.0.1:58080 alice\nupdated: 2026-12-07T09:00:00Z\nseconds-per-recipient: nan\n# end\n", "unreadable seconds-per-recipient"),
        ("# avail server profile, format 1\naccount: http://127.0.0.1:58080 alice\nupdated: 2026-12-07T09:00:00Z\ngarbage\n# end\n", "unreadable header line"),
        ("# avail server profile, format 1\naccount: http://127.0.0.1:58080 alice\nupdated: 2026-12-07T09:00:00Z\naddresses: sometimes\n# end\n", "unreadable addresses"),
        ("# avail server profile, format 1\naccount: http://127.0.0.1:58080 alice\nupdated: 2026-12-07T09:00:00Z\nscheduling: gone\n# end\n", "unreadable scheduling"),
        ("# avail server profile, format 1\naccount: http://127.0.0.1:58080 alice\nupdated: 2026-12-07T09:00:00Z\nscheduling: announced-but-absent\nscheduling-announced: calendar-auto-schedule\nscheduling-checked: 2026-12-07T09:00:00Z\n# end\n", "no scheduling-evidence line"),
        ("# avail server profile, format 1\naccount: http://127.0.0.1:58080 alice\nupdated: 2026-12-07T09:00:00Z\nscheduling: announced-but-absent\nscheduling-announced: calendar-auto-schedule\nscheduling-evidence: x\nscheduling-checked: yesterday\n# end\n", "no scheduling-checked line"),
    ])
    func aCorruptProfileIsSetAsideOnceAndRelearned(text: String, reason: String) throws {
        let root = temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = FreeBusyCache(root: root, account: account)
        try cache.storeProfile(full)
        try cache.directory.write(text, to: "server-profile")
        #expect(cache.loadProfile() == nil)
        let warnings = cache.warnings.withLock { $0 }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("server-profile") == true && warnings.first?.contains(reason) == true, "\(warnings)")
        #expect(FileManager.default.fileExists(atPath: cache.directory.file("server-profile.bad")))
        // Set aside: not read again, no second warning; a new profile is written in its place.
        #expect(cache.loadProfile() == nil && cache.warnings.withLock { $0 }.count == 1)
        try cache.storeProfile(full)
        #expect(cache.loadProfile() == full)
    }

    @Test func everyPrefixOfTheFileIsRefusedNotMisread() {
        let text = full.serialized(account: account)
        for n in 0..<text.utf8.count {
            let prefix = String(decoding: Array(text.utf8).prefix(n), as: UTF8.self)
            #expect(throws: CacheEntry.FormatError.self) { try ServerProfile.parse(prefix, account: account) }
        }
    }
}
