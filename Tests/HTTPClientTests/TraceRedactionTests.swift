import Foundation
import Testing
@testable import CalDAVClient
import TextUtilities
@testable import HTTPClient
#if canImport(Glibc)
import Glibc
#endif

/// The --debug trace against a server that echoes the credentials back: no
/// form of them reaches the file, a short password's letters elsewhere are
/// left alone, and the file is the user's own, mode 0600.
@Suite struct TraceRedactionTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("avail-trace-\(UUID().uuidString)").path
    }

    func traceOfAnEcho(user: String, password: String, path: String) async throws -> String {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let log = try TraceLog(path: path, credentials: Credentials(user: user, password: password))
        let session = CalDAVSession(account: Account(serverURL: server.url("/"), credentials: Credentials(user: user, password: password)),
                                    http: client, trace: log)
        let response = try await session.perform(method: "GET", url: server.url("/echo-auth/.well-known/caldav"))
        #expect(response.status == 200)
        // The echo really carried the credentials: otherwise this test proves nothing.
        #expect(response.headerValues("X-Echo").first?.hasPrefix("Basic ") == true)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func aShortPasswordEchoedBackIsRedactedAsATokenOnly() async throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let text = try await traceOfAnEcho(user: "alice", password: "e", path: path)
        let basic = "YWxpY2U6ZQ" // base64 of "alice:e", without its padding
        #expect(!text.contains(basic), "\(text)")
        #expect(!text.contains("alice:e"), "\(text)")
        #expect(text.contains("< X-Echo: Basic [redacted]"), "\(text)")
        #expect(text.contains("< X-Echo-Token: [redacted]"), "\(text)")
        #expect(text.contains("password [redacted]"), "\(text)")
        // The letter e elsewhere is not touched: replacing it would spell the password out.
        #expect(text.contains("/echo-auth/.well-known/caldav"), "\(text)")
        #expect(!text.contains("w[redacted]ll"), "\(text)")
        #expect(text.contains("> Authorization: [redacted: Basic for alice]"))
    }

    @Test func aLongerPasswordInEveryFormIsRedacted() async throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let text = try await traceOfAnEcho(user: "alice", password: "correct horse", path: path)
        #expect(!text.contains("correct horse") && !text.contains("YWxpY2U6Y29ycmVjdCBob3JzZ"), "\(text)")
        #expect(text.contains("which is [redacted]"), "\(text)")
    }

    @Test func tokensAreReplacedWholeNeverInsideOtherWords() {
        let secret = TraceLog.Secret(bytes: Array("pass".utf8), base64: false)
        let text = Array("password pass x=pass&y /pass/ passé".utf8)
        #expect(String(decoding: TraceLog.replacingTokens(secret, in: text), as: UTF8.self)
            == "password [redacted] x=[redacted]&y /[redacted]/ passé")
        #expect(TraceLog.base64(Array("alice:e".utf8)) == Array("YWxpY2U6ZQ==".utf8))
        #expect(TraceLog.base64(Array("Aladdin:open sesame".utf8)) == Array("QWxhZGRpbjpvcGVuIHNlc2FtZQ==".utf8)) // RFC 7617 §2
    }

    @Test func anExistingTraceFileIsMadePrivate() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        #expect(creat(path, 0o644) >= 0)
        #expect(chmod(path, 0o644) == 0)
        _ = try TraceLog(path: path, credentials: nil)
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600)
    }

    @Test func aLinkAFIFOOrAnotherUsersFileIsRefused() throws {
        let dir = temporaryPath()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(symlink(dir + "/elsewhere", dir + "/link") == 0)
        #expect(throws: OutsideFile.Refusal.symbolicLink) { try TraceLog(path: dir + "/link", credentials: nil) }
        #expect(!FileManager.default.fileExists(atPath: dir + "/elsewhere"))
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)
        #expect(throws: OutsideFile.Refusal.notRegular(kind: "a FIFO or socket")) { try TraceLog(path: dir + "/fifo", credentials: nil) }
        #expect(creat(dir + "/theirs", 0o600) >= 0)
        #expect(chown(dir + "/theirs", 65_534, 65_534) == 0)
        #expect(throws: OutsideFile.Refusal.foreignOwner(uid: 65_534)) { try TraceLog(path: dir + "/theirs", credentials: nil) }
    }
}
