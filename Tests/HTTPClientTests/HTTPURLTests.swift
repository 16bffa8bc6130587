import Testing
@testable import HTTPClient

@Suite struct HTTPURLTests {
    @Test func parses() throws {
        let u = try #require(HTTPURL(string: "https://alice:s3cret@Cal.Example.com:8443/dav/?x=1#frag"))
        #expect(u.scheme == "https" && u.host == "cal.example.com" && u.port == 8443)
        #expect(u.pathAndQuery == "/dav/?x=1" && u.path == "/dav/")
        #expect(u.userinfo == "alice:s3cret")
        #expect(u.description == "https://cal.example.com:8443/dav/?x=1")
        #expect(!u.description.contains("s3cret"))
        #expect(HTTPURL(string: "http://h")?.pathAndQuery == "/")
        #expect(HTTPURL(string: "http://[::1]:8080/x")?.host == "[::1]")
    }

    @Test(arguments: ["ftp://h/", "h/x", "http://", "http://h:99999/", "http://h:x/", "http://a b/", "file:///etc/passwd"])
    func refuses(text: String) {
        #expect(HTTPURL(string: text) == nil)
    }

    @Test func resolvesServerHrefs() throws {
        let base = try #require(HTTPURL(string: "http://h:8080/caldav.php/alice/"))
        #expect(base.resolving("/caldav.php/alice/.out/")?.description == "http://h:8080/caldav.php/alice/.out/")
        #expect(base.resolving(".out/")?.description == "http://h:8080/caldav.php/alice/.out/")
        #expect(base.resolving("../bob/")?.description == "http://h:8080/caldav.php/bob/")
        #expect(base.resolving("https://other/x")?.description == "https://other/x")
        #expect(base.resolving("//other:1/y")?.description == "http://other:1/y")
        #expect(base.resolving("http://h:8080/a/./b/../c")?.description == "http://h:8080/a/./b/../c")
    }

    @Test func sameOrigin() throws {
        let a = try #require(HTTPURL(string: "http://h/x"))
        #expect(a.hasSameOrigin(as: try #require(HTTPURL(string: "http://H:80/y"))))
        #expect(!a.hasSameOrigin(as: try #require(HTTPURL(string: "https://h/y"))))
        #expect(!a.hasSameOrigin(as: try #require(HTTPURL(string: "http://h:81/y"))))
        #expect(!a.hasSameOrigin(as: try #require(HTTPURL(string: "http://evil/y"))))
    }

    @Test func censorsCredentialsInMessages() {
        #expect(censorCredentials(in: "cannot reach https://alice:pw@h/x and http://u@g/") == "cannot reach https://***@h/x and http://***@g/")
        #expect(censorCredentials(in: "mailto:a@b http://h/ ok") == "mailto:a@b http://h/ ok")
        #expect(Credentials(user: "alice", password: "pw").description == "alice:***")
        #expect(!"\(Credentials(user: "alice", password: "pw"))".contains("pw"))
    }
}

@Suite struct HTTPClientTests {
    @Test func connectionRefusedIsANetworkError() async throws {
        let client = HTTPClient()
        let url = try #require(HTTPURL(string: "http://127.0.0.1:9/"))
        let result = await client.send(HTTPRequest(method: "GET", url: url, options: TransferOptions(connectTimeoutSeconds: 2, totalTimeoutSeconds: 3)))
        guard case let .failure(error) = result else { Issue.record("got an answer from port 9"); return }
        guard case .cannotConnect = error else { Issue.record("unexpected \(error)"); return }
        client.shutdown()
    }

    @Test func aShutDownClientRefusesAtOnce() async throws {
        let client = HTTPClient()
        client.shutdown()
        let result = await client.send(HTTPRequest(method: "GET", url: try #require(HTTPURL(string: "http://127.0.0.1:9/"))))
        guard case .failure(.shutDown) = result else { Issue.record("expected .shutDown, got \(result)"); return }
    }

    @Test func refusesHeaderInjection() async throws {
        let client = HTTPClient()
        let url = try #require(HTTPURL(string: "http://127.0.0.1:9/"))
        let result = await client.send(HTTPRequest(method: "GET", url: url, headers: [HTTPHeader("X", "a\r\nEvil: 1")]))
        guard case .failure(.invalidRequest) = result else { Issue.record("expected .invalidRequest, got \(result)"); return }
    }
}
