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

/// Digest authentication, against a server that offers only Digest.
@Suite struct DigestAuthenticationTests {
    @Test func switchesToDigestWhenTheServerOffersOnlyDigest() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let session = CalDAVSession(account: Account(serverURL: server.url("/"), credentials: Credentials(user: "alice", password: "pw")),
                                    http: client)
        let first = try await session.perform(method: "GET", url: server.url("/digest"))
        #expect(first.status == 200 && first.bodyText == "digest alice")
        let again = try await session.perform(method: "PROPFIND", url: server.url("/digest"), body: Array("<x/>".utf8))
        #expect(again.status == 200)
    }

    @Test func aWrongDigestPasswordIsAnAuthenticationFailure() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let session = CalDAVSession(account: Account(serverURL: server.url("/"), credentials: Credentials(user: "alice", password: "nope")),
                                    http: client)
        await #expect(throws: CalDAVError.authenticationFailed(user: "alice", url: server.url("/digest").description)) {
            _ = try await session.perform(method: "GET", url: server.url("/digest"))
        }
    }

    @Test func configuredDigestGoesStraightToDigest() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let r = try await client.send(HTTPRequest(method: "GET", url: server.url("/digest"),
                                                  credentials: Credentials(user: "alice", password: "pw", scheme: .digest))).get()
        #expect(r.status == 200 && r.bodyText == "digest alice")
    }
}
