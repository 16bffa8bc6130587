import Foundation
import Testing

extension LocalServerSuites {
/// libcurl is opened on the first request (CCurl's shim): a run that needs no
/// network works without it, and one that does says in one line what is missing.
@Suite(.serialized) struct StartupTests {
    @Test func aBrokenLibcurlIsOneClearLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-nocurl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "not a library".write(toFile: dir + "/libcurl.so.4", atomically: true, encoding: .utf8)
        let env = ["LD_LIBRARY_PATH": dir, "AVAIL_URL": "http://127.0.0.1:9/", "AVAIL_USER": "alice", "AVAIL_PASSWORD": "x"]
        let run = try runAvail(["query", "bob@example.com"], environment: env)
        #expect(run.status == 5, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("avail: cannot load libcurl.so.4 (install libcurl4): "), "\(run.stderr)")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1)
        // Nothing that stays off the network needs it.
        let version = try runAvail(["--version"], environment: env)
        #expect(version.status == 0 && !version.stdout.isEmpty)
        let offline = try runAvail(["query", "--offline", "bob@example.com"], environment: env)
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(offline.stdout.contains("not in the cache"), "\(offline.stdout)")
    }

    /// libxml2 is opened on the first answer (CLibXML2's shim), the same way.
    @Test func aBrokenLibxml2IsOneClearLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-noxml-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "not a library".write(toFile: dir + "/libxml2.so.2", atomically: true, encoding: .utf8)
        let home = try scratchHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = ["LD_LIBRARY_PATH": dir, "AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice",
                   "AVAIL_PASSWORD": "alicepw", "HOME": home]
        let run = try runAvail(["query", "bob@example.com"], environment: env)
        #expect(run.status == 5, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("avail: cannot load libxml2.so.2 (install libxml2): "), "\(run.stderr)")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1)
        let offline = try runAvail(["query", "--offline", "bob@example.com"], environment: env)
        #expect(offline.status == 0, "\(offline.stderr)")
    }
}
}

extension LocalServerSuites {
/// libcurl is loaded before the run starts its threads when the run will ask a
/// server (ServerLookahead), and libxml2 while the first request waits for its
/// answer: neither may be loaded for a run that asks none (a warm query,
/// --offline, --help), which would cost those runs the whole load. Seen in the
/// dynamic loader's own record of the files it opened (LD_DEBUG=files); the
/// time it saves is in `make bench`.
@Suite(.serialized) struct LibcurlLookaheadTests {
    /// Which of libcurl and libxml2 the run of avail with these arguments loaded.
    func loads(_ arguments: [String], home: String) throws -> (curl: Bool, xml: Bool) {
        let record = home + "/ld-\(UUID().uuidString)"
        let env = ["AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw",
                   "HOME": home, "TZ": "UTC", "LD_DEBUG": "files", "LD_DEBUG_OUTPUT": record]
        let run = try runAvail(arguments, environment: env)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: home).filter { $0.hasPrefix(record.split(separator: "/").last.map(String.init) ?? "") }
        try #require(!files.isEmpty, "the loader wrote no record for \(arguments)")
        var text = ""
        for f in files { text += try String(contentsOfFile: home + "/" + f, encoding: .utf8) }
        return (text.contains("file=libcurl.so.4"), text.contains("file=libxml2.so.2"))
    }

    func loadsLibcurl(_ arguments: [String], home: String) throws -> Bool {
        let loaded = try loads(arguments, home: home)
        // Every run that asks a server parses an XML answer, and no other run does.
        #expect(loaded.xml == loaded.curl, "\(arguments): libcurl \(loaded.curl), libxml2 \(loaded.xml)")
        return loaded.curl
    }

    @Test func onlyARunThatAsksAServerLoadsLibcurl() throws {
        let home = try scratchHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let week = ["--from", "2026-12-07", "--days", "7"]
        #expect(try loadsLibcurl(["query"] + week + ["bob@example.com"], home: home), "cold: bob is asked")
        #expect(try !loadsLibcurl(["query"] + week + ["bob@example.com"], home: home), "warm: the cache answers")
        #expect(try loadsLibcurl(["query", "--refresh"] + week + ["bob@example.com"], home: home))
        #expect(try loadsLibcurl(["query"] + week + ["bob@example.com", "carol@example.com"], home: home), "carol is not cached")
        #expect(try !loadsLibcurl(["query", "--offline", "--from", "2027-03-01", "bob@example.com"], home: home))
        #expect(try !loadsLibcurl(["query", "--help"], home: home))
        #expect(try !loadsLibcurl(["--version"], home: home))
        #expect(try !loadsLibcurl(["cache"], home: home))
        #expect(try loadsLibcurl(["meetings"] + week, home: home))
    }
}
}
