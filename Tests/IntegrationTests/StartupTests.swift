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
}
}
