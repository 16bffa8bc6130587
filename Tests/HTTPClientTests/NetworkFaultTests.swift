import Foundation
import Testing
import CalDAVClient
import FreeBusy
import ICalendar
@testable import HTTPClient

/// Faults on loopback, from a server of our own (Tests/Servers/http_test_server.py).
@Suite struct NetworkFaultTests {
    func send(_ url: HTTPURL, options: TransferOptions = TransferOptions(connectTimeoutSeconds: 2, totalTimeoutSeconds: 2)) async -> Result<HTTPResponse, HTTPError> {
        let client = HTTPClient()
        defer { client.shutdown() }
        return await client.send(HTTPRequest(method: "GET", url: url, options: options))
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try LocalHTTPServer()
        guard case let .failure(.timedOut(url, seconds)) = await send(server.url("/hang")) else { Issue.record("no timeout"); return }
        #expect(url.hasSuffix("/hang") && seconds == 2)
        #expect(HTTPError.timedOut(url, seconds: 2).description == "no answer from \(url) within 2 s (timeout, --timeout)")
    }

    /// libcurl says "timed out" for both limits; the message names the one that fired.
    @Test func aConnectTimeoutNamesTheConnectLimit() async throws {
        let listener = try UnacceptingListener()
        let url = try #require(HTTPURL(string: "http://127.0.0.1:\(listener.port)/"))
        let started = ContinuousClock.now
        let result = await send(url, options: TransferOptions(connectTimeoutSeconds: 1, totalTimeoutSeconds: 60))
        // Well before the total limit: the connect limit fired. (Not "about 1 s":
        // on a loaded 2-core machine the parallel tests have taken 10 s to get here.)
        #expect(ContinuousClock.now - started < .seconds(40))
        guard case let .failure(error) = result else { Issue.record("connected: \(result)"); return }
        #expect(error == .connectTimedOut(url.description, seconds: 1), "\(error)")
        #expect(error.description == "no connection to \(url) within 1 s (connect_timeout, --connect-timeout)")
        #expect(CalDAVError.network(error).exitCode == 5)
        // A stall after the connection is the total limit, even with a connect limit set.
        let server = try LocalHTTPServer()
        let hang = await send(server.url("/hang"), options: TransferOptions(connectTimeoutSeconds: 1, totalTimeoutSeconds: 2))
        guard case .failure(.timedOut(_, seconds: 2)) = hang else { Issue.record("\(hang)"); return }
    }

    /// Over libcurl's 100 KB per header line: said as such, not "Out of memory".
    @Test func aGiantHeaderIsNamed() async throws {
        let server = try LocalHTTPServer()
        let result = await send(server.url("/big-header"), options: TransferOptions(connectTimeoutSeconds: 2, totalTimeoutSeconds: 10))
        guard case let .failure(error) = result else { Issue.record("accepted: \(result)"); return }
        #expect(error == .headerTooLarge(server.url("/big-header").description), "\(error)")
        #expect(error.description == "the server at \(server.url("/big-header")) sent a response header too large to read (over 100 KB)")
        #expect(CalDAVError.network(error).exitCode == 5)
    }

    /// A CA file that is not a certificate is a setting to fix (exit 2), with no
    /// nudge towards --insecure.
    @Test func anUnusableCAFileIsAConfigurationError() async throws {
        let server = try LocalHTTPServer(tls: "self-signed")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("avail-ca-\(UUID().uuidString).pem").path
        try "not a certificate\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        for ca in [file, "/nonexistent/ca.pem"] {
            let result = await send(server.url("/x"), options: TransferOptions(connectTimeoutSeconds: 2, totalTimeoutSeconds: 5, caFile: ca))
            guard case let .failure(error) = result, case let .caFileUnusable(path, _) = error else { Issue.record("\(ca): \(result)"); continue }
            #expect(path == ca)
            #expect(error.description.hasPrefix("ca_file \(ca) cannot be used: "), "\(error)")
            #expect(!error.description.contains("insecure"))
            #expect(CalDAVError.network(error).exitCode == 2)
        }
    }

    @Test func headersThenAStallTimesOut() async throws {
        let server = try LocalHTTPServer()
        guard case .failure(.timedOut) = await send(server.url("/stall-body")) else { Issue.record("no timeout"); return }
    }

    @Test func aResetMidBodyIsATransportError() async throws {
        let server = try LocalHTTPServer()
        let result = await send(server.url("/reset-body"))
        guard case let .failure(error) = result else { Issue.record("a reset body was accepted: \(result)"); return }
        #expect(CalDAVError.network(error).exitCode == 5)
        #expect(!error.description.contains("\n"))
    }

    @Test func aDNSFailureNamesTheHost() async throws {
        let result = await send(try #require(HTTPURL(string: "http://no-such-host.invalid/")))
        guard case .failure(.cannotResolveHost("no-such-host.invalid")) = result else { Issue.record("\(result)"); return }
    }

    @Test func statusesAndRetryAfter() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let session = CalDAVSession(account: Account(serverURL: server.url("/"), credentials: nil), http: client)
        for code in [403, 404, 405, 500, 503] {
            let r = try await session.perform(method: "GET", url: server.url("/status/\(code)"))
            #expect(r.status == code)
        }
        // As the answer to the free/busy POST: one line, with the Retry-After.
        let request = FreeBusyRequest(organizer: try CalendarUserAddress("alice@example.com"), attendees: [try CalendarUserAddress("bob@example.com")],
                                      window: TimeWindow(start: UTCInstant(year: 2026, month: 12, day: 7)!, end: UTCInstant(year: 2026, month: 12, day: 8)!)!,
                                      uid: "u", timestamp: UTCInstant(year: 2026, month: 12, day: 1)!)
        await #expect(throws: CalDAVError.refused(status: 503, url: server.url("/status/503").description,
                                                  message: "503 Service Unavailable from \(server.url("/status/503")) (the server asks to retry after 120 s)")) {
            _ = try await session.queryFreeBusy(request, outbox: server.url("/status/503"))
        }
    }

    @Test(arguments: ["self-signed", "expired"])
    func certificatesThatMustBeRefused(kind: String) async throws {
        let server = try LocalHTTPServer(tls: kind)
        // The expired one comes from a CA we trust, so that its date is what fails.
        let result = await send(server.url("/x"), options: TransferOptions(connectTimeoutSeconds: 2, totalTimeoutSeconds: 5, caFile: server.caFile))
        guard case let .failure(.tls(_, detail)) = result else { Issue.record("a \(kind) certificate was accepted: \(result)"); return }
        #expect(detail.contains(kind == "expired" ? "expired" : "self-signed"), "\(detail)")
        #expect(HTTPError.tls("u", detail: detail).description.contains("--insecure"))
        // --insecure: the same server is then used.
        let insecure = await send(server.url("/x"), options: TransferOptions(connectTimeoutSeconds: 2, totalTimeoutSeconds: 5, insecure: true))
        #expect((try? insecure.get())?.bodyText == "hello /x")
    }
}
