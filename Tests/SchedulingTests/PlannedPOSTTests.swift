import Testing
import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
@testable import Scheduling

/// The planner's `y` on a row: the free/busy POST built as it would be sent,
/// without sending it.
@Suite struct PlannedPOSTTests {
    let f: ServiceFixture
    init() throws { f = try ServiceFixture() }

    @Test func thePOSTGoesToTheOutboxWithTheRequestAndNothingIsSent() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())]))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let account = Account(serverURL: f.url("http://cal.example/"), credentials: Credentials(user: "alice", password: "secret"))
        let posts = try await service.plannedPOSTs([f.bob], window: f.window, account: account, now: f.now)
        #expect(posts.count == 1)
        let post = try #require(posts.first)
        #expect(post.method == "POST")
        #expect(post.url.description == "http://cal.example/alice/outbox/")
        #expect(post.headers.map(\.name) == ["Content-Type"])
        let body = String(decoding: post.body ?? [], as: UTF8.self)
        #expect(body.contains("METHOD:REQUEST\r\n") && body.contains("ATTENDEE:mailto:bob@example.com\r\n"), "\(body)")
        #expect(body.contains("DTSTART:20261207T000000Z\r\n") && body.contains("DTEND:20261209T000000Z\r\n"), "\(body)")
        #expect(post.credentials?.user == "alice")
        #expect(server.freeBusyCalls.isEmpty, "building the POST sends nothing")
        // The script leaves the password out.
        #expect(!CurlScript(requests: [post], origin: "avail query").text.contains("secret"))
    }

    @Test func theDraftHeadersAndTheOriginFollowWhatIsSent() async throws {
        defer { f.remove() }
        var d = f.discovery(outbox: "http://other.example/outbox/")
        d.davCapabilities = ["1", "calendar-access", "calendar-schedule"]
        let server = RecordedServer(.init(discoveries: [.success(d)]))
        let service = FreeBusyService(server: server, cache: nil, policy: CachePolicy())
        let account = Account(serverURL: f.url("http://cal.example/"), credentials: Credentials(user: "alice", password: "secret"))
        let post = try #require(try await service.plannedPOSTs([f.bob, f.carol], window: f.window, account: account, now: f.now).first)
        #expect(post.headers.map(\.name) == ["Content-Type", "Originator", "Recipient"])
        #expect(post.headers.last?.value == "mailto:bob@example.com, mailto:carol@example.com")
        #expect(post.credentials == nil, "credentials go to the configured origin only")
    }

    @Test func aLargeRowIsSplitAsTheServiceSplitsIt() async throws {
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())]))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let account = Account(serverURL: f.url("http://cal.example/"), credentials: nil)
        let many = (1...120).map { CalendarUserAddress(uncheckedURI: "mailto:user\($0)@example.com") }
        let posts = try await service.plannedPOSTs(many, window: f.window, account: account, now: f.now)
        let expected = BatchPolicy.standard.batches(count: 120)
        #expect(posts.count == expected.count && posts.count > 1)
        for (post, positions) in zip(posts, expected) {
            let body = String(decoding: post.body ?? [], as: UTF8.self)
            #expect(body.components(separatedBy: "ATTENDEE").count - 1 == positions.count)
            #expect(body.contains("mailto:user\(positions.lowerBound + 1)@example.com\r\n"))
        }
        #expect(server.freeBusyCalls.isEmpty)
    }
}
