import Testing
import CalDAVClient
@testable import HTTPClient

/// Redirects are followed by CalDAVSession, which decides about credentials:
/// they go only to the configured origin (127.0.0.1 and localhost are different hosts).
@Suite struct RedirectCredentialsTests {
    @Test func credentialsStayWithTheConfiguredOrigin() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let session = CalDAVSession(account: Account(serverURL: server.url("/"), credentials: Credentials(user: "alice", password: "pw")),
                                    http: client)
        let same = try await session.perform(method: "GET", url: server.url("/redirect-to//who"))
        #expect(same.bodyText == "auth")
        let other = try await session.perform(method: "GET", url: server.url("/redirect-to/http://localhost:\(server.port)/who"))
        #expect(other.status == 200)
        #expect(other.bodyText == "none")
    }

    @Test func redirectLoopsEnd() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let session = CalDAVSession(account: Account(serverURL: server.url("/"), credentials: nil), http: client)
        await #expect(throws: CalDAVError.tooManyRedirects(url: server.url("/").description)) {
            // /redirect-to/loop answers `Location: loop`, which resolves to itself.
            _ = try await session.perform(method: "GET", url: server.url("/redirect-to//redirect-to/loop"))
        }
    }
}
