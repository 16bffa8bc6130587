import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension LocalServerSuites {
/// The cache under a hostile second user (nobody; the tests run as root, the
/// user): a cache directory that user made or can write is refused with one
/// warning, and nothing planted there is served, followed or written into.
@Suite(.serialized) struct SharedCacheTests {
    /// A directory like /tmp: root's, world-writable, sticky.
    func sharedTemporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-shared-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(chmod(dir, 0o1777) == 0)
        return dir
    }

    /// Runs a shell command as nobody.
    func asNobody(_ script: String, environment: [String: String] = [:]) throws {
        let r = try spawn(["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", "/bin/sh", "-c", script],
                          environment: ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }, mergeStandardError: true, timeout: 60)
        #expect(r.status == 0, "as nobody: \(script): \(r.stdout)")
    }

    func listing(_ dir: String) -> [String] {
        (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []).sorted()
    }

    /// A TCP listener on loopback that never answers: the planted host. Returns
    /// the socket and its port; `connections(to:)` counts who connected.
    func plantedHost() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(fd >= 0 && bound)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    func connections(to listener: Int32) -> Int {
        var n = 0
        while case let c = accept(listener, nil, nil), c >= 0 { close(c); n += 1 }
        return n
    }

    func account() throws -> [String: String] {
        ["AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"]
    }

    @Test func aCacheAnotherUserCanWriteIsRefusedAndNothingPlantedIsUsed() throws {
        let tmp = try sharedTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let shared = tmp + "/shared"
        let avail = try LocalServers.availBinary().path
        // The other user fills a cache for alice's account (real answers for bob),
        // points its cached outbox at a host of theirs, and opens it all to everyone.
        let planted = try plantedHost()
        defer { close(planted.fd) }
        try asNobody("mkdir -m 755 \(shared) && HOME=\(tmp)/nobody XDG_CACHE_HOME=\(shared) \(avail) query --from 2026-12-07 bob@example.com >/dev/null",
                     environment: try account())
        let discovery = try #require(listing(shared).first { $0.hasSuffix("/discovery") })
        try asNobody("sed -i 's|^outbox: .*|outbox: http://127.0.0.1:\(planted.port)/planted/|' \(shared)/\(discovery) && chmod -R a+rwX \(shared)")
        #expect(try String(contentsOfFile: shared + "/" + discovery, encoding: .utf8).contains("outbox: http://127.0.0.1:\(planted.port)/planted/"))
        let before = listing(shared)

        let run = try runAvail(["query", "--timeout", "5", "--from", "2026-12-07", "--format", "json", "bob@example.com", "carol@example.com"],
                               environment: try account().merging(["XDG_CACHE_HOME": shared]) { $1 })
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "avail: warning: not using the cache: \(shared) belongs to nobody (uid 65534), not to you or root; set XDG_CACHE_HOME to a directory of yours\n")
        #expect(connections(to: planted.fd) == 0, "the attendee list went to the planted host")
        // Every answer came from the real server.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["recipients"] as? [[String: Any]])
        #expect(rows.map { $0["source"] as? String } == ["server", "server"], "\(run.stdout)")
        // Nothing read (set aside) or written there.
        #expect(listing(shared) == before)
    }

    @Test func aHomeCacheMadeByAnotherUserIsRefused() throws {
        let tmp = try sharedTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let home = tmp + "/home"
        #expect(mkdir(home, 0o755) == 0)
        // As /tmp/.cache was with HOME unset: ~/.cache is someone else's, open to all.
        #expect(chmod(home, 0o777) == 0)
        try asNobody("mkdir -m 777 \(home)/.cache && mkdir -m 777 \(home)/.cache/avail")
        #expect(chmod(home, 0o755) == 0)
        let run = try runAvail(["query", "--from", "2026-12-07", "bob@example.com"], environment: try account().merging(["HOME": home]) { $1 })
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("avail: warning: not using the cache: \(home)/.cache belongs to nobody (uid 65534)"), "\(run.stderr)")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1)
        #expect(listing(home + "/.cache") == ["avail"])
    }

    @Test func ownCacheDirectoryWritableByOthersIsRefusedWithTheFix() throws {
        let tmp = try sharedTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        #expect(mkdir(tmp + "/mine", 0o700) == 0 && mkdir(tmp + "/mine/avail", 0o700) == 0)
        #expect(chmod(tmp + "/mine/avail", 0o777) == 0)
        let run = try runAvail(["cache"], environment: ["XDG_CACHE_HOME": tmp + "/mine"])
        #expect(run.status == 0)
        #expect(run.stdout == "location: \(tmp)/mine/avail\nnot used: \(tmp)/mine/avail can be written by others (mode 777); run `chmod 700 \(tmp)/mine/avail`\n")
        let clear = try runAvail(["cache", "clear"], environment: ["XDG_CACHE_HOME": tmp + "/mine"])
        #expect(clear.status == 2 && clear.stderr.hasPrefix("avail: not using the cache: \(tmp)/mine/avail can be written by others"), "\(clear.stderr)")
    }

    /// FIFOs in place of the cache's discovery and recent-attendees files: set
    /// aside with a warning each, the query answered; no hang.
    @Test func aFIFOInTheCacheNeitherHangsNorIsRead() throws {
        let tmp = try sharedTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        #expect(mkdir(tmp + "/mine", 0o700) == 0)
        let env = try account().merging(["XDG_CACHE_HOME": tmp + "/mine"]) { $1 }
        let args = ["query", "--from", "2026-12-07", "bob@example.com"]
        let first = try runAvail(args, environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let files = listing(tmp + "/mine").filter { $0.hasSuffix("/discovery") || $0.hasSuffix("/recent-attendees") }
        #expect(files.count == 2, "\(listing(tmp + "/mine"))")
        for f in files {
            #expect(unlink(tmp + "/mine/" + f) == 0 && mkfifo(tmp + "/mine/" + f, 0o600) == 0)
        }
        let started = Date()
        let second = try runAvail(args + ["--refresh"], environment: env, timeout: 20)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(second.stderr.components(separatedBy: "it is a FIFO, not a regular file").count == 3, "\(second.stderr)")
        #expect(second.stdout.contains("bob@example.com  2.0"), "\(second.stdout)")
    }

    /// With HOME unset or empty: the home in the password database, never /tmp or /.
    @Test func withoutHOMETheCacheIsInThePasswordDatabasesHome() throws {
        let home = try #require(getpwuid(geteuid())?.pointee.pw_dir.map { String(cString: $0) })
        for env in [["PATH": "/usr/bin:/bin"], ["PATH": "/usr/bin:/bin", "HOME": ""]] {
            let r = try spawn([try LocalServers.availBinary().path, "cache"], environment: env)
            #expect(r.stdout.hasPrefix("location: \(home)/.cache/avail\n"), "\(env): \(r.stdout) \(r.stderr)")
        }
    }
}
}
