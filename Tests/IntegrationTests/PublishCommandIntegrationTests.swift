import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension LocalServerSuites {
/// `avail publish` through the binary: the busy time it computes from a
/// user's own events equals what DAViCal and Cyrus answer for that user,
/// and on a server without scheduling (Radicale) a published copy is what
/// makes the user visible to others through `fburl`.
@Suite(.serialized) struct PublishCommandIntegrationTests {
    struct Period: Hashable, CustomStringConvertible {
        var start: String, end: String, type: String
        var description: String { "\(type) \(start)/\(end)" }
    }

    /// The FREEBUSY lines of a published VFREEBUSY, one period each.
    static func periods(ics: String) -> [Period] {
        ics.replacingOccurrences(of: "\r\n ", with: "").split(separator: "\r\n").filter { $0.hasPrefix("FREEBUSY") }.flatMap { line -> [Period] in
            let parts = line.split(separator: ":", maxSplits: 1)
            let type = parts[0].split(separator: ";").first { $0.hasPrefix("FBTYPE=") }.map { String($0.dropFirst(7)) } ?? "BUSY"
            return parts[1].split(separator: ",").map { p in
                let se = p.split(separator: "/")
                return Period(start: Self.iso(String(se[0])), end: Self.iso(String(se[1])), type: type)
            }
        }
    }

    /// 20261207T090000Z → 2026-12-07T09:00:00Z, as the JSON output writes it.
    static func iso(_ s: String) -> String {
        let c = Array(s)
        return "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T\(String(c[9..<11])):\(String(c[11..<13])):\(String(c[13..<15]))Z"
    }

    /// What the server's outbox answers for `who` (asked as alice), through `avail query`.
    static func outboxPeriods(_ url: String, who: String) throws -> [Period] {
        let run = try runAvail(["query", "--refresh", "--from", "2026-12-07", "--days", "6", "--format", "json", "\(who)@example.com"],
                               environment: ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        let rows = try #require(json["recipients"] as? [[String: Any]])
        #expect(rows.first?["source"] as? String == "server")
        let busy = try #require(rows.first?["busy"] as? [[String: Any]], "\(run.stdout)")
        return busy.map { Period(start: $0["start"] as? String ?? "", end: $0["end"] as? String ?? "", type: $0["type"] as? String ?? "") }
    }

    /// The seeded week (Tests/Servers/README.md: opaque, tentative, transparent,
    /// cancelled, a daily series with an EXDATE, all-day, TZID, overlapping,
    /// straddling the window) published by its owner, period for period
    /// against the server's own free/busy answer; alice's week likewise.
    @Test(arguments: ["AVAIL_TEST_DAVICAL_URL", "AVAIL_TEST_CYRUS_URL"])
    func thePublishedWeekEqualsTheServersOwnAnswer(server: String) throws {
        let url = try LocalServers.value(server)
        for who in ["bob", "alice"] {
            let run = try runAvail(["publish", "--from", "2026-12-07", "--days", "6"],
                                   environment: ["AVAIL_URL": url, "AVAIL_USER": who, "AVAIL_PASSWORD": who + "pw"])
            #expect(run.status == 0, "\(who): \(run.stderr)")
            #expect(run.stderr.isEmpty, "\(who): \(run.stderr)")
            #expect(run.stdout.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
            #expect(run.stdout.contains("\r\nMETHOD:PUBLISH\r\n") && run.stdout.contains("\r\nORGANIZER:mailto:\(who)@example.com\r\n"))
            #expect(run.stdout.contains("\r\nDTSTART:20261207T000000Z\r\nDTEND:20261213T000000Z\r\n"))
            #expect(!run.stdout.contains("SUMMARY") && !run.stdout.contains("ATTENDEE") && !run.stdout.contains("LOCATION"))
            let published = Self.periods(ics: run.stdout)
            let answered = try Self.outboxPeriods(url, who: who)
            #expect(published == answered, "\(who) on \(server)")
            if who == "bob" {
                #expect(published.contains(Period(start: "2026-12-07T11:00:00Z", end: "2026-12-07T12:00:00Z", type: "BUSY-TENTATIVE")))
                #expect(published.contains(Period(start: "2026-12-10T00:00:00Z", end: "2026-12-11T00:00:00Z", type: "BUSY")))
                #expect(published.count >= 7, "the seeded week is there: \(published)")
            }
        }
    }

    /// Xandikos 0.2's time-range filter leaves out a series whose first
    /// occurrence is before the window; the second query (events with an
    /// RRULE) brings it back, so a weekly meeting begun weeks ago is busy.
    @Test func aSeriesBegunBeforeTheWindowIsBusyOnXandikos() throws {
        let url = try LocalServers.value("AVAIL_TEST_XANDIKOS_URL")
        let uid = "avail-publish-series-\(UUID().uuidString)"
        let resource = url + "user/calendars/calendar/\(uid).ics"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(uid).ics").path
        try Self.event(uid, "DTSTART:20360303T031700Z\r\nDTEND:20360303T041700Z\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file); _ = try? spawnAndWait(["curl", "-s", "-o", "/dev/null", "-X", "DELETE", resource]) }
        let put = try spawnAndWait(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-H", "Content-Type: text/calendar",
                                    "--data-binary", "@" + file, resource])
        #expect(put.output == "201")
        let run = try runAvail(["publish", "--organizer", "alice@example.com", "--from", "2036-03-20", "--days", "14", "--format", "json"],
                               environment: ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "x"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        let busy = (json["busy"] as? [[String: String]] ?? []).map { "\($0["start"] ?? "")/\($0["end"] ?? "")" }
        #expect(busy == ["2036-03-24T03:17:00Z/2036-03-24T04:17:00Z", "2036-03-31T03:17:00Z/2036-03-31T04:17:00Z"])
    }

    @Test func aFileIsWrittenAndALinkAtTheTargetRefused() throws {
        let url = try LocalServers.davicalURL().description
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-publish-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["AVAIL_URL": url, "AVAIL_USER": "bob", "AVAIL_PASSWORD": "bobpw"]
        let file = dir + "/bob.ifb"
        let run = try runAvail(["publish", "--from", "2026-12-07", "--days", "6", "--to", file], environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Published ") && run.stdout.hasSuffix(" to \(file)\n"), "\(run.stdout)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(Self.periods(ics: text) == (try Self.outboxPeriods(url, who: "bob")))

        let link = dir + "/link.ifb", victim = dir + "/victim"
        try "keep".write(toFile: victim, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        let refused = try runAvail(["publish", "--to", link], environment: env)
        #expect(refused.status == 2)
        #expect(refused.stderr == "avail: --to \(link) is a symbolic link; avail does not write through one (give the file it points to) (see `avail publish --help`)\n")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep")

        let fifo = dir + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let fifoRun = try runAvail(["publish", "--to", fifo], environment: env, timeout: 20)
        #expect(fifoRun.status == 2, "\(fifoRun.stderr)")
        #expect(fifoRun.stderr.contains("exists and is not a regular file (a FIFO, socket or device); nothing was written"))
    }

    // MARK: Radicale with rights that let colleagues read a "public" calendar

    /// A Radicale of this test's own (the shared one on 58090 has owner-only
    /// rights): `{user}/public` is readable by every user, the rest owner-only.
    final class SharingRadicale: Sendable {
        let root: String
        let port: Int
        let pid: pid_t
        var url: String { "http://127.0.0.1:\(port)/" }

        static let rights = """
        [root]
        user: .+
        collection:
        permissions: R

        [principal]
        user: .+
        collection: {user}
        permissions: RW

        [calendars]
        user: .+
        collection: {user}/[^/]+
        permissions: rw

        [colleagues-read-public]
        user: .+
        collection: [^/]+/public
        permissions: r

        """

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("avail-radicale-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
            try Self.rights.write(toFile: root + "/rights", atomically: true, encoding: .utf8)
            port = try Self.freePort()
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, root + "/log", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            pid = try startProcess(["/usr/bin/env", "radicale", "--server-hosts", "127.0.0.1:\(port)", "--auth-type", "none",
                                    "--rights-type", "from_file", "--rights-file", root + "/rights",
                                    "--storage-filesystem-folder", root + "/data"], environment: nil, actions: &actions)
            for _ in 0..<200 {
                if let r = try? spawnAndWait(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", url]), r.output != "000" { return }
                usleep(50_000)
            }
            stop()
            throw SpawnFailed(arguments: ["radicale on port \(port): no answer; log: " + ((try? String(contentsOfFile: root + "/log", encoding: .utf8)) ?? "")], code: -1)
        }

        func stop() {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            try? FileManager.default.removeItem(atPath: root)
        }

        static func freePort() throws -> Int {
            let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(s) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let ok = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, length) == 0 && getsockname(s, $0, &length) == 0 }
            }
            guard ok else { throw SpawnFailed(arguments: ["bind"], code: errno) }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        /// curl as `user`; the HTTP status.
        @discardableResult
        func curl(_ user: String, _ args: [String]) throws -> String {
            try spawnAndWait(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "\(user):x"] + args).output
        }

        func put(_ user: String, _ path: String, _ text: String) throws -> String {
            let file = root + "/put-\(UUID().uuidString).ics"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            defer { unlink(file) }
            return try curl(user, ["-X", "PUT", "-H", "Content-Type: text/calendar", "--data-binary", "@" + file, url + path])
        }
    }

    static func event(_ uid: String, _ lines: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\nDTSTAMP:20261201T090000Z\r\n"
            + lines + "SUMMARY:Private \(uid)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    }

    /// Alice's week on a server without scheduling: a weekly series, a
    /// tentative meeting, a transparent reminder, and one event with a rule
    /// avail cannot expand (named on stderr, not published).
    static func seedAlice(_ r: SharingRadicale) throws {
        #expect(try r.curl("alice", ["-X", "MKCALENDAR", r.url + "alice/calendar/"]) == "201")
        #expect(try r.curl("alice", ["-X", "MKCALENDAR", r.url + "alice/public/"]) == "201")
        #expect(try r.put("alice", "alice/calendar/weekly.ics", event("weekly", "DTSTART;TZID=Europe/Berlin:20261130T100000\r\nDTEND;TZID=Europe/Berlin:20261130T110000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n"))
                == "201")
        #expect(try r.put("alice", "alice/calendar/maybe.ics", event("maybe", "DTSTART:20261208T140000Z\r\nDTEND:20261208T150000Z\r\nSTATUS:TENTATIVE\r\n")) == "201")
        #expect(try r.put("alice", "alice/calendar/note.ics", event("note", "DTSTART:20261209T080000Z\r\nDTEND:20261209T090000Z\r\nTRANSP:TRANSPARENT\r\n")) == "201")
        #expect(try r.put("alice", "alice/calendar/odd.ics", event("odd", "DTSTART:20261210T080000Z\r\nDTEND:20261210T090000Z\r\nRRULE:FREQ=SECONDLY;COUNT=2\r\n")) == "201")
    }

    static let aliceExpected = [
        Period(start: "2026-12-07T09:00:00Z", end: "2026-12-07T10:00:00Z", type: "BUSY"),
        Period(start: "2026-12-08T14:00:00Z", end: "2026-12-08T15:00:00Z", type: "BUSY-TENTATIVE"),
    ]

    @Test func onRadicaleAPublishedCopyMakesAliceVisibleToBob() throws {
        let radicale = try SharingRadicale()
        defer { radicale.stop() }
        try Self.seedAlice(radicale)
        let target = radicale.url + "alice/public/alice-fb.ics"
        let alice = ["AVAIL_URL": radicale.url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "x"]
        let first = try runAvail(["publish", "--organizer", "alice@example.com", "--from", "2026-12-07", "--days", "7", "--to", target], environment: alice)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("Published 2 busy periods from 4 event objects in 2 calendars, ") && first.stdout.hasSuffix(" to \(target) (new)\n"),
                "\(first.stdout)")
        #expect(first.stderr == "avail: warning: event odd in \(radicale.url)alice/calendar/odd.ics left out of the published busy time: RRULE FREQ=SECONDLY;COUNT=2 is not supported\n")
        // Bob reads it (the rights let colleagues read alice/public), alice's
        // private calendar stays closed to him.
        #expect(try radicale.curl("bob", [target]) == "200")
        #expect(try radicale.curl("bob", [radicale.url + "alice/calendar/weekly.ics"]) == "403")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-publish-bob-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let config = home + "/config"
        try "url = \(radicale.url)\nuser = bob\npassword = x\nfburl = \(radicale.url){user}/public/{user}-fb.ics\n".write(toFile: config, atomically: true, encoding: .utf8)
        chmod(config, 0o600)
        let query = try runAvail(["query", "--config", config, "--from", "2026-12-07", "--days", "5", "--format", "json", "alice@example.com"],
                                 environment: ["HOME": home])
        #expect(query.status == 0, "\(query.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [String: Any], "\(query.stdout)")
        let row = try #require((json["recipients"] as? [[String: Any]])?.first)
        #expect(row["source"] as? String == "fburl")
        #expect(row["known"] as? Bool == true, "\(row)")
        let busy = (row["busy"] as? [[String: Any]] ?? []).map { Period(start: $0["start"] as? String ?? "", end: $0["end"] as? String ?? "", type: $0["type"] as? String ?? "") }
        #expect(busy == Self.aliceExpected)
        // The planner's text view of the same: bob's `avail query` in text shows her blocks.
        let text = try runAvail(["query", "--config", config, "--from", "2026-12-07", "--days", "5", "alice@example.com"], environment: ["HOME": home])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("alice@example.com"), "\(text.stdout)")

        // Published again: the earlier copy is replaced with If-Match on its ETag.
        let trace = home + "/trace"
        let second = try runAvail(["publish", "--organizer", "alice@example.com", "--from", "2026-12-07", "--days", "7", "--to", target, "--debug", trace],
                                  environment: alice)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.hasSuffix(" to \(target) (replaced the earlier copy)\n"), "\(second.stdout)")
        let log = try String(contentsOfFile: trace, encoding: .utf8)
        #expect(log.contains("If-Match: \""), "the PUT carries the ETag read just before")
        #expect(!log.contains("If-None-Match"))

        // --show-curl: the GET is sent, the PUT only printed, with its If-Match.
        let shown = try runAvail(["publish", "--organizer", "alice@example.com", "--from", "2026-12-07", "--days", "7", "--to", target, "--show-curl"],
                                 environment: alice)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("-X 'PUT'") && shown.stdout.contains("-H 'If-Match: \""), "\(shown.stdout)")
        #expect(shown.stdout.contains("-X 'GET'"))
        #expect(shown.stdout.contains("METHOD:PUBLISH"))
        #expect(!shown.stdout.contains("Published "))
    }

    /// Someone else writes the resource between avail's GET and its PUT: the
    /// server answers 412 to the stale If-Match, and avail says so in one
    /// line, exit 6, leaving the other copy in place.
    @Test func aChangeMadeInBetweenIsNotOverwritten() throws {
        let radicale = try SharingRadicale()
        defer { radicale.stop() }
        try Self.seedAlice(radicale)
        let path = "alice/public/alice-fb.ics"
        let theirs = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nBEGIN:VFREEBUSY\r\nUID:other\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:20261201T000000Z\r\nDTEND:20261202T000000Z\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n"
        #expect(try radicale.put("alice", path, theirs.replacingOccurrences(of: "other", with: "first")) == "201")
        let theirStatus = Mutex<String?>(nil)
        let proxy = try InterposingProxy(upstreamPort: radicale.port) {
            let status = try? radicale.put("alice", path, theirs)
            theirStatus.withLock { $0 = status }
        }
        let through = "http://127.0.0.1:\(proxy.port)/"
        let run = try runAvail(["publish", "--organizer", "alice@example.com", "--from", "2026-12-07", "--to", through + path],
                               environment: ["AVAIL_URL": through, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "x"])
        #expect(run.status == 6, "\(run.stderr)")
        // The odd event's warning first (the seeded week has one), then the one line of the failure.
        #expect(run.stderr.hasSuffix("\navail: \(through)\(path) was changed by someone else since avail read it (412 Precondition Failed); nothing was overwritten\n"),
                "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 2)
        #expect(proxy.interposed == 1)
        #expect(theirStatus.withLock { $0 }?.hasPrefix("2") == true, "the other writer's PUT replaced the copy avail had read")
        let stored = try spawnAndWait(["curl", "-s", "-u", "alice:x", radicale.url + path]).output
        #expect(stored.contains("UID:other") && stored.contains("PRODID:-//other//EN"), "\(stored)")
    }

    @Test func anEventAtTheURLIsNeverReplaced() throws {
        let radicale = try SharingRadicale()
        defer { radicale.stop() }
        try Self.seedAlice(radicale)
        let target = radicale.url + "alice/calendar/weekly.ics"
        let run = try runAvail(["publish", "--organizer", "alice@example.com", "--to", target],
                               environment: ["AVAIL_URL": radicale.url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "x"])
        #expect(run.status == 6)
        #expect(run.stderr.hasSuffix("avail: \(target) holds a VEVENT, not a published free/busy; avail publish replaces only its own earlier copy, nothing was written\n"),
                "\(run.stderr)")
        let stored = try spawnAndWait(["curl", "-s", "-u", "alice:x", target]).output
        #expect(stored.contains("UID:weekly"))
    }
}
}

/// A loopback HTTP proxy for one upstream on 127.0.0.1 that runs `before`
/// once, ahead of forwarding the first PUT: the "someone else" of a race
/// between a read and a write. Radicale answers HTTP/1.0 and closes, so one
/// request per connection is all there is to forward.
final class InterposingProxy: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var count = 0
    var interposed: Int { lock.withLock { count } }

    init(upstreamPort: Int, before: @escaping @Sendable () -> Void) throws {
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listener = self.listener
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard bound, Glibc.listen(listener, 16) == 0 else { close(listener); throw SpawnFailed(arguments: ["proxy listen"], code: errno) }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                let request = Self.readRequest(client)
                if request.starts(with: Array("PUT ".utf8)) {
                    let first = lock.withLock { count += 1; return count == 1 }
                    if first { before() }
                }
                let answer = Self.exchange(request, port: upstreamPort)
                Self.send(answer, to: client)
                close(client)
            }
        }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// The head up to the blank line and then Content-Length bytes of body.
    static func readRequest(_ fd: Int32) -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let headEnd = data.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: data[..<headEnd.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                if data.count >= headEnd.upperBound + length { return data }
            }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return data }
            data += buffer[0..<n]
        }
    }

    static func exchange(_ request: [UInt8], port: Int) -> [UInt8] {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(s) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { return Array("HTTP/1.0 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".utf8) }
        send(request, to: s)
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(s, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return answer }
            answer += buffer[0..<n]
        }
    }

    static func send(_ bytes: [UInt8], to fd: Int32) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }
}
