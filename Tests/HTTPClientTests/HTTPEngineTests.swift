import Foundation
import Testing
@testable import HTTPClient

/// The curl multi engine against a real HTTP server on loopback.
@Suite struct HTTPEngineTests {
    @Test func getsAndPosts() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let get = try await client.send(HTTPRequest(method: "GET", url: server.url("/x"))).get()
        #expect(get.status == 200 && get.bodyText == "hello /x")
        #expect(get.mediaType == "text/plain")
        let body = Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 5000)
        let post = try await client.send(HTTPRequest(method: "POST", url: server.url("/echo"),
                                                     headers: [HTTPHeader("Content-Type", "text/calendar; charset=utf-8")], body: body)).get()
        #expect(post.body == body)
        #expect(post.header("content-type") == "text/calendar; charset=utf-8")
    }

    @Test func cutsOffAnswersOverTheCap() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let result = await client.send(HTTPRequest(method: "GET", url: server.url("/big")))
        guard case let .failure(.responseTooLarge(_, limit)) = result else { Issue.record("expected responseTooLarge, got \(result)"); return }
        #expect(limit == 16 * 1024 * 1024)
        #expect(HTTPError.responseTooLarge("u", limit: limit).description.contains("16 MiB"))
    }

    @Test func timesOut() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let started = Date()
        let result = await client.send(HTTPRequest(method: "GET", url: server.url("/hang"),
                                                   options: TransferOptions(totalTimeoutSeconds: 1)))
        guard case .failure(.timedOut) = result else { Issue.record("expected timedOut, got \(result)"); return }
        #expect(Date().timeIntervalSince(started) < 30) // the server would hold on for 60 s
    }

    @Test func runsRequestsConcurrently() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        // The server answers each only once all eight are in flight at once.
        let bodies = await withTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask { (try? await client.send(HTTPRequest(method: "GET", url: server.url("/barrier/8"))).get().bodyText) ?? "failed" }
            }
            var all: [String] = []
            for await b in group { all.append(b) }
            return all
        }
        #expect(bodies == Array(repeating: "met", count: 8))
    }

    @Test func sendsBasicCredentialsWithTheFirstRequest() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let r = try await client.send(HTTPRequest(method: "GET", url: server.url("/auth"),
                                                  credentials: Credentials(user: "alice", password: "pw"))).get()
        #expect(r.status == 200 && r.bodyText == "basic alice")
    }

    @Test func doesNotFollowRedirectsByItself() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let r = try await client.send(HTTPRequest(method: "GET", url: server.url("/redirect-to/http://localhost:\(server.port)/who"),
                                                  credentials: Credentials(user: "alice", password: "pw"))).get()
        #expect(r.status == 301)
        #expect(r.header("Location") == "http://localhost:\(server.port)/who")
    }

    @Test func sendsUserAgent() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let r = try await client.send(HTTPRequest(method: "GET", url: server.url("/ua"),
                                                  options: TransferOptions(userAgent: "avail/9.9"))).get()
        #expect(r.bodyText == "avail/9.9")
    }
}
