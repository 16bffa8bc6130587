import Foundation
import Testing

/// A server whose `DAV:` header announces calendar-auto-schedule and that
/// names an outbox, but whose outbox refuses the POST (the `announced-only`
/// scenario of Tests/Servers/http_test_server.py, on loopback): the binary says
/// so in one line, exit 4, and the next query says it without a request.
@Suite struct AnnouncedOnlyServerTests {
    /// The loopback test server, stopped when its stdin closes.
    final class TestHTTPServer {
        let process = Process()
        let input = Pipe()
        let port: Int

        init() throws {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Servers/http_test_server.py")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path]
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                line.append(byte)
            }
            port = try #require(Int(String(decoding: line, as: UTF8.self)), "the test HTTP server did not start (python3 \(script.path))")
        }

        deinit { try? input.fileHandleForWriting.close() }
    }

    @Test(arguments: [404, 405, 501])
    func anOutboxThatRefusesThePostIsSaidOnceThenAtOnce(status: Int) throws {
        let server = try TestHTTPServer()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-announced-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let trace = home + "-trace"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let base = "http://127.0.0.1:\(server.port)/announced-only/\(status)/"
        var env = ["AVAIL_URL": base, "HOME": home]
        let said = "avail: the server announces scheduling (calendar-auto-schedule) but does not answer free/busy requests"
            + " (POST to the outbox \(base)outbox/ answered \(status)); use published free/busy (fburl in the config) or `avail publish`\n"

        let first = try runAvail(["query", "--from", "2026-12-07", "bob@example.com"], environment: env)
        #expect(first.status == 4 && first.stderr == said, "\(first.stderr)")
        #expect(first.stdout.isEmpty)

        env["AVAIL_DEBUG"] = trace
        let second = try runAvail(["query", "--from", "2026-12-07", "bob@example.com"], environment: env)
        #expect(second.status == 4 && second.stderr == said, "\(second.stderr)")
        let requests = ((try? String(contentsOfFile: trace, encoding: .utf8)) ?? "").split(separator: "\n").filter { $0.hasPrefix("> ") }
        #expect(requests.isEmpty, "said without asking: \(requests)")

        // discover finds the outbox (it is named) and shows what the profile holds.
        env["AVAIL_DEBUG"] = nil
        let discover = try runAvail(["discover"], environment: env)
        #expect(discover.status == 0, "\(discover.stderr)")
        #expect(discover.stdout.contains("  scheduling: announced (calendar-auto-schedule) but absent: POST to the outbox \(base)outbox/ answered \(status), seen "),
                "\(discover.stdout)")
    }

    /// Without the announcement, a refused POST stays what it is: exit 6.
    @Test func aRefusedPostWithoutTheAnnouncementIsNotCalledAbsentScheduling() throws {
        let server = try TestHTTPServer()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-announced-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        // A 500 is the server failing, not scheduling absent.
        let run = try runAvail(["query", "--from", "2026-12-07", "bob@example.com"],
                               environment: ["AVAIL_URL": "http://127.0.0.1:\(server.port)/announced-only/500/", "HOME": home])
        #expect(run.status != 4 && !run.stderr.contains("announces scheduling"), "\(run.status) \(run.stderr)")
    }
}
