import Testing
import CalDAVClient
import FreeBusy
import ICalendar
import Synchronization
@testable import HTTPClient

/// CalDAVSession.queryFreeBusy in batches and bisecting, against the loopback
/// test server's outbox scenarios (Tests/Servers/http_test_server.py: a poison
/// recipient, too many recipients, a slow outbox), with the requests counted
/// where they arrive.
@Suite struct FreeBusyBatchesTests {
    static let window = TimeWindow(start: UTCInstant(year: 2026, month: 12, day: 7)!, end: UTCInstant(year: 2026, month: 12, day: 12)!)!
    static let busyHour = [BusyPeriod(start: UTCInstant(year: 2026, month: 12, day: 7, hour: 9)!,
                                      end: UTCInstant(year: 2026, month: 12, day: 7, hour: 10)!, type: .busy)]

    struct Fixture {
        let server: LocalHTTPServer
        let client: HTTPClient
        let session: CalDAVSession

        init() throws {
            server = try LocalHTTPServer()
            client = HTTPClient()
            session = CalDAVSession(account: Account(serverURL: server.url("/"), credentials: nil), http: client)
        }

        /// (POSTs received, most at once) for a scenario.
        func posts(_ scenario: String) async throws -> (total: Int, most: Int) {
            let r = try await session.perform(method: "GET", url: server.url("/post-count/\(scenario)"))
            let fields = r.bodyText.split(separator: " ").compactMap { Int($0) }
            try #require(fields.count == 2, "post-count answered \(r.bodyText)")
            return (fields[0], fields[1])
        }
    }

    static func people(_ n: Int) throws -> [CalendarUserAddress] {
        try (1...n).map { try CalendarUserAddress("person\($0)@example.com") }
    }

    static func request(_ attendees: [CalendarUserAddress]) throws -> FreeBusyRequest {
        FreeBusyRequest(organizer: try CalendarUserAddress("alice@example.com"), attendees: attendees,
                        window: window, uid: "u", timestamp: window.start)
    }

    /// ⌈log2 n⌉
    static func levels(_ n: Int) -> Int { n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount }

    @Test(arguments: [("poison", 10, 7), ("poison", 37, 0), ("poison", 100, 63), ("poison-reset", 24, 23)])
    func aPoisonRecipientFailsAloneAndEveryoneElseIsAnswered(scenario: String, count: Int, bad: Int) async throws {
        let f = try Fixture()
        defer { f.client.shutdown() }
        let attendees = try Self.people(count)
        let poison = attendees[bad].uri.dropFirst("mailto:".count)
        let result = try await f.session.queryFreeBusy(try Self.request(attendees), outbox: f.server.url("/\(scenario)/\(poison)"))
        #expect(result.recipients.map(\.recipient) == attendees)
        for (i, row) in result.recipients.enumerated() where i != bad {
            #expect(row.status.code == "2.0" && row.busy == Self.busyHour, "\(row)")
        }
        let failed = result.recipients[bad]
        #expect(failed.busy == nil && failed.status.code == "?")
        #expect(failed.problem?.hasPrefix("the server failed on a request including this address: ") == true, "\(failed)")
        // Each batch once, and two halves per level for the one that held the poison.
        let batches = BatchPolicy.standard.batches(count: count)
        let holding = try #require(batches.first { $0.contains(bad) })
        let posts = try await f.posts(scenario)
        // libcurl sends a request once more on a fresh connection when a reused
        // one dies before any answer: a reset can be counted twice per level.
        let resent = scenario == "poison-reset" ? 1 + Self.levels(holding.count) : 0
        #expect(posts.total <= batches.count + 2 * Self.levels(holding.count) + resent, "\(posts.total) POSTs for \(count)")
        #expect(posts.total > batches.count)
    }

    @Test func aRecipientThatMakesTheServerHangTimesOutAlone() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let account = Account(serverURL: server.url("/"), credentials: nil,
                              options: TransferOptions(connectTimeoutSeconds: 1, totalTimeoutSeconds: 1))
        let session = CalDAVSession(account: account, http: client)
        let attendees = try Self.people(4)
        let result = try await session.queryFreeBusy(try Self.request(attendees), outbox: server.url("/poison-hang/person2@example.com"))
        #expect(result.recipients.map { $0.busy != nil } == [true, false, true, true])
        #expect(result.recipients[1].problem?.contains("no answer from") == true, "\(result.recipients[1])")
    }

    @Test func anOutboxThatHangsOnEverythingIsGivenUpAfterTheHalves() async throws {
        let server = try LocalHTTPServer()
        let client = HTTPClient()
        defer { client.shutdown() }
        let account = Account(serverURL: server.url("/"), credentials: nil,
                              options: TransferOptions(connectTimeoutSeconds: 1, totalTimeoutSeconds: 1))
        let session = CalDAVSession(account: account, http: client)
        let attendees = try Self.people(8)
        let everyone = attendees.map { String($0.uri.dropFirst("mailto:".count)) }.joined(separator: ",")
        let outbox = server.url("/poison-hang/\(everyone)")
        do {
            _ = try await session.queryFreeBusy(try Self.request(attendees), outbox: outbox)
            Issue.record("a hanging outbox answered")
        } catch {
            #expect((error as? CalDAVError)?.isTimeout == true, "\(error)")
        }
        // The whole and its two halves; not the quarters.
        let counted = try await session.perform(method: "GET", url: server.url("/post-count/poison-hang"))
        #expect(counted.bodyText.split(separator: " ").first == "3", "\(counted.bodyText)")
    }

    @Test func twoPoisonsInOneRequest() async throws {
        let f = try Fixture()
        defer { f.client.shutdown() }
        let attendees = try Self.people(30)
        let result = try await f.session.queryFreeBusy(try Self.request(attendees),
                                                       outbox: f.server.url("/poison/person5@example.com,person21@example.com"))
        #expect(result.recipients.filter { $0.busy == nil }.map(\.recipient.uri) == ["mailto:person5@example.com", "mailto:person21@example.com"])
        #expect(result.recipients.filter { $0.busy == Self.busyHour }.count == 28)
        #expect(try await f.posts("poison").total <= 1 + 2 * 2 * Self.levels(30))
    }

    @Test func aPoisonInOneOfSeveralBatchesWithTwoAtOnce() async throws {
        let f = try Fixture()
        defer { f.client.shutdown() }
        let attendees = try Self.people(30)
        let result = try await f.session.queryFreeBusy(try Self.request(attendees), outbox: f.server.url("/poison/person4@example.com"),
                                                       policy: BatchPolicy(splitAbove: 10, batchSize: 10, parallel: 2))
        #expect(result.recipients.filter { $0.busy == nil }.map(\.recipient.uri) == ["mailto:person4@example.com"])
        let posts = try await f.posts("poison")
        #expect(posts.total <= 3 + 2 * Self.levels(10))
        #expect(posts.most <= 2)
    }

    @Test func tooManyRecipientsIsHalvedUntilAccepted() async throws {
        let f = try Fixture()
        defer { f.client.shutdown() }
        let attendees = try Self.people(100)
        // One POST of 100, as a server that takes 30 at most sees it: 100 → 50 + 50 → 4 × 25.
        let result = try await f.session.queryFreeBusy(try Self.request(attendees), outbox: f.server.url("/too-many/30"), policy: .single)
        #expect(result.recipients.map(\.recipient) == attendees)
        #expect(result.recipients.allSatisfy { $0.status.code == "2.0" && $0.busy == Self.busyHour })
        #expect(try await f.posts("too-many").total == 1 + 2 + 4)
    }

    @Test func aServerThatFailsEverythingIsOneErrorNotOneRowEach() async throws {
        let f = try Fixture()
        defer { f.client.shutdown() }
        let url = f.server.url("/status/500")
        await #expect(throws: CalDAVError.self) {
            _ = try await f.session.queryFreeBusy(try Self.request(try Self.people(20)), outbox: url)
        }
        // The whole, both halves and the four quarters failed: no more.
        #expect(try await f.posts("status").total == 1 + 2 + 4)
    }

    @Test(arguments: ["/canned/403/error-need-privileges.xml", "/canned/404/-", "/status/503", "/status/501"])
    func refusalsThatAreNotAboutRecipientsAreNotBisected(path: String) async throws {
        let f = try Fixture()
        defer { f.client.shutdown() }
        let url = f.server.url(path)
        await #expect(throws: CalDAVError.self) {
            _ = try await f.session.queryFreeBusy(try Self.request(try Self.people(12)), outbox: url)
        }
        #expect(try await f.posts(String(path.split(separator: "/")[0])).total == 1)
    }

    @Test func batchesGoOutAtOnceAndEachIsDeliveredAsItAnswers() async throws {
        let f = try Fixture()
        defer { f.client.shutdown() }
        let attendees = try Self.people(200)
        let delivered = Mutex<[FreeBusyBatchAnswer]>([])
        let result = try await f.session.queryFreeBusy(try Self.request(attendees), outbox: f.server.url("/slow-outbox/300"),
                                                       policy: .standard) { answer in
            delivered.withLock { $0.append(answer) }
        }
        #expect(result.recipients.map(\.recipient) == attendees)
        #expect(result.recipients.allSatisfy { $0.busy == Self.busyHour })
        let answers = delivered.withLock { $0 }
        #expect(answers.map(\.positions.count) == [50, 50, 50, 50])
        #expect(Set(answers.map(\.positions)) == Set(BatchPolicy.standard.batches(count: 200)))
        for a in answers { #expect(a.recipients.map(\.recipient) == Array(attendees[a.positions])) }
        let posts = try await f.posts("slow-outbox")
        #expect(posts.total == 4)
        #expect(posts.most >= 2 && posts.most <= 4, "at most \(posts.most) at once")
    }

    @Test func fewAttendeesAreOnePost() async throws {
        let f = try Fixture()
        defer { f.client.shutdown() }
        let result = try await f.session.queryFreeBusy(try Self.request(try Self.people(40)), outbox: f.server.url("/slow-outbox/0"))
        #expect(result.recipients.count == 40)
        #expect(try await f.posts("slow-outbox").total == 1)
    }
}
