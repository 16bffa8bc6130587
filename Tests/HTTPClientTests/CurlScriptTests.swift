import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
import CalDAVClient
@testable import HTTPClient

/// `--show-curl`'s script: every value single-quoted for sh, bodies byte for
/// byte, no password. The script is run by the real /bin/sh with a stand-in
/// `curl` first on PATH that writes down the arguments and body it was given.
@Suite struct CurlScriptTests {
    static let hostile = "O'Brien \"$HOME\" `touch pwned` $(touch pwned2) \\ ; & | > < * ?"

    @Test func singleQuotingKeepsEveryCharacterLiteral() {
        #expect(ShellWord.quoted("plain") == "'plain'")
        #expect(ShellWord.quoted("it's") == "'it'\\''s'")
        #expect(ShellWord.quoted("") == "''")
        #expect(ShellWord.quoted("a\nb\r\n$x`y`") == "'a\nb\r\n$x`y`'")
    }

    @Test func commentsCannotBreakOutOfTheirLine() {
        #expect(ShellWord.commentSafe("a\nrm -rf ~\r") == "a?rm -rf ~?")
    }

    @Test func hereDocumentDelimiterIsNoLineOfTheBody() {
        #expect(CurlScript.delimiter(for: Array("x\r\nAVAIL_BODY\nAVAIL_BODY_1\n".utf8)) == "AVAIL_BODY_2")
        #expect(CurlScript.delimiter(for: Array("x\n".utf8)) == "AVAIL_BODY")
    }

    @Test func scriptHoldsNoPasswordAndNamesTheUserByVariable() throws {
        let request = HTTPRequest(method: "POST", url: try #require(HTTPURL(string: "https://cal.example.com/out/")),
                                  body: Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8),
                                  credentials: Credentials(user: "zed-user", password: "s3cret-pw"))
        let text = CurlScript(requests: [request], origin: "avail query").text
        #expect(!text.contains("s3cret-pw"))
        #expect(!text.contains("zed-user"))
        #expect(text.contains("-u \"$avail_auth\""))
        #expect(text.hasPrefix("#!/bin/sh\n"))
    }

    /// Hostile values in the URL, headers and bodies (with and without a final
    /// newline; with CRLF; with a line equal to the here-document delimiter)
    /// reach curl exactly, and nothing in them runs.
    @Test func hostileValuesReachCurlExactly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-curlscript-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fake = """
        #!/bin/sh
        n=$(cat "$OUT/n" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$OUT/n"
        for a in "$@"; do printf '%s\\n--\\n' "$a"; done > "$OUT/argv.$n"
        cat > "$OUT/body.$n"

        """
        // Written through a close-on-exec descriptor: a child that another test
        // spawns meanwhile must not inherit it, or running the file fails with
        // "Text file busy" for as long as that child lives.
        let fd = open(dir + "/curl", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        #expect(fd >= 0)
        let bytes = Array(fake.utf8)
        #expect(bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count)
        close(fd)

        let url = try #require(HTTPURL(string: "http://127.0.0.1:1/cal/'$(touch%20pwned3)'/?a=1&b=`x`"))
        let bodies: [[UInt8]] = [
            Array("BEGIN:VCALENDAR\r\nSUMMARY:\(Self.hostile)\r\nAVAIL_BODY\r\nAVAIL_BODY\nEND:VCALENDAR\r\n".utf8),
            Array("<x>\(Self.hostile)</x>".utf8), // no final newline
        ]
        let requests = bodies.map {
            HTTPRequest(method: "POST", url: url, headers: [HTTPHeader("X-Title", Self.hostile)], body: $0,
                        credentials: Credentials(user: "alice", password: "pw"))
        } + [HTTPRequest(method: "GET", url: url, credentials: nil)]
        let script = CurlScript(requests: requests, origin: "avail query '; touch pwned4").text
        try script.write(toFile: dir + "/script.sh", atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [dir + "/script.sh"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        process.environment = ["PATH": dir + ":/usr/bin:/bin", "OUT": dir, "AVAIL_USER": "al'ice $x", "AVAIL_PASSWORD": "p\"w`"]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        for (i, body) in bodies.enumerated() {
            let got = try #require(FileManager.default.contents(atPath: dir + "/body.\(i + 1)"))
            #expect(Array(got) == body, "body \(i + 1) changed on its way through sh")
            let argv = try String(contentsOfFile: dir + "/argv.\(i + 1)", encoding: .utf8).components(separatedBy: "\n--\n")
            #expect(argv.contains("X-Title: \(Self.hostile)"))
            #expect(argv.contains(url.description))
            #expect(argv.contains("al'ice $x:p\"w`"), "the credentials from the environment, unchanged")
            #expect(argv.contains("POST"))
        }
        let get = try String(contentsOfFile: dir + "/argv.3", encoding: .utf8).components(separatedBy: "\n--\n")
        #expect(!get.contains("-u"), "no credentials for a request avail sent without them")
        #expect(get.contains("GET"))
        let ran = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("pwned") }
        #expect(ran.isEmpty, "hostile text ran as a command: \(ran)")
    }

    /// While recording, a request that changes something (an iTIP POST among
    /// them) is kept and not sent; one that only reads (a free/busy POST among
    /// them, RFC 6638 §5) is sent (here: to a port nobody listens on,
    /// so it fails to connect, which proves it went out).
    @Test func recorderWithholdsAllButReadingRequests() async throws {
        let recorder = RequestRecorder()
        let client = HTTPClient()
        defer { client.shutdown() }
        let server = try #require(HTTPURL(string: "http://127.0.0.1:1/"))
        let session = CalDAVSession(account: Account(serverURL: server, credentials: Credentials(user: "alice", password: "pw")),
                                    http: client, recorder: recorder)
        let invitation = Array("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        for method in ["POST", "PUT", "DELETE", "MOVE", "PROPPATCH"] {
            do throws(CalDAVError) {
                _ = try await session.perform(method: method, url: server, body: invitation)
                Issue.record("\(method) was answered")
            } catch {
                #expect(error == .network(.notSent(method: method, url: server.description)))
            }
        }
        let freeBusyQuestion = Array("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VFREEBUSY\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n".utf8)
        for (method, body) in [("PROPFIND", nil), ("REPORT", nil), ("POST", freeBusyQuestion)] as [(String, [UInt8]?)] {
            do throws(CalDAVError) {
                _ = try await session.perform(method: method, url: server, body: body)
                Issue.record("\(method) to a closed port was answered")
            } catch {
                guard case .network(.cannotConnect) = error else { Issue.record("\(method) was not sent: \(error)"); continue }
            }
        }
        #expect(recorder.withheldCount == 5)
        #expect(recorder.requests.map(\.method) == ["POST", "PUT", "DELETE", "MOVE", "PROPPATCH"], "a request that got no answer is not kept")
    }
}
