import Foundation
import Testing
import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import LocalTime
import Scheduling

extension LocalServerSuites {
/// Several accounts where one of them fails: `avail discover` over every
/// account, a dead account beside a live one in a query, and the planner's
/// booking check routed over the private Cyrus and DAViCal at once.
@Suite(.serialized) struct AccountFailuresIntegrationTests {
    /// Nothing listens on the discard port: connection refused at once.
    static let dead = "http://127.0.0.1:9/"

    struct Home {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avail-accounts-\(UUID().uuidString)").path
        var environment: [String: String] { ["HOME": path, "XDG_CONFIG_HOME": path + "/config", "XDG_CACHE_HOME": path + "/cache"] }

        /// `[account NAME]` sections in this order, each as alice; extra lines per name.
        func writeConfig(_ accounts: [(name: String, url: String)], extra: [String: String] = [:]) throws {
            try FileManager.default.createDirectory(atPath: path + "/config/avail", withIntermediateDirectories: true)
            var text = "timeout = 20\n"
            for (name, url) in accounts {
                text += "\n[account \(name)]\nurl = \(url)\nuser = alice\npassword = alicepw\n" + (extra[name].map { $0 + "\n" } ?? "")
            }
            let file = path + "/config/avail/config"
            try text.write(toFile: file, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    func live() throws -> [(name: String, url: String)] {
        [("cyrus", try LocalServers.cyrusURL().description), ("dav", try LocalServers.davicalURL().description)]
    }

    func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(json)")
    }

    /// The text blocks of a several-account discover, by account name (header line dropped).
    func blocks(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for block in text.components(separatedBy: "\n\n") {
            guard block.hasPrefix("[account "), let end = block.firstIndex(of: "]") else { continue }
            let name = String(block[block.index(block.startIndex, offsetBy: 9)..<end])
            let body = block[block.index(after: end)...].drop { $0 == "\n" }
            out[name] = String(body).hasSuffix("\n") ? String(body) : String(body) + "\n"
        }
        return out
    }

    @Test func discoverShowsEveryAccountAndSaysWhichFailed() throws {
        let home = Home()
        defer { home.remove() }
        let accounts = try live()
        try home.writeConfig([accounts[0], ("dead", Self.dead), accounts[1]])

        let text = try runAvail(["discover"], environment: home.environment)
        #expect(text.status == 5, "the dead account's exit status (network): \(text.stderr)")
        let lines = text.stderr.split(separator: "\n")
        #expect(lines.count == 1 && text.stderr.hasPrefix("avail: account dead (http://127.0.0.1:9): cannot connect"), "\(text.stderr)")
        #expect(text.stdout.hasPrefix("[account cyrus]\nserver:     http://127.0.0.1:58008\nprincipal:  "), "\(text.stdout)")
        #expect(text.stdout.contains("\n\n[account dead]\nserver:     http://127.0.0.1:9\nerror:      cannot connect"), "\(text.stdout)")
        #expect(text.stdout.contains("\n\n[account dav]\nserver:     http://127.0.0.1:58080\nprincipal:  "), "\(text.stdout)")
        let b = blocks(text.stdout)
        #expect(b.keys.sorted() == ["cyrus", "dav", "dead"])
        #expect(b["cyrus"]?.contains("outbox:     http://127.0.0.1:58008/") == true && b["dav"]?.contains("outbox:     http://127.0.0.1:58080/") == true)

        // One account chosen: exactly its block as before, without a header.
        for name in ["cyrus", "dav"] {
            let one = try runAvail(["discover", "--account", name], environment: home.environment)
            #expect(one.status == 0 && one.stderr.isEmpty, "\(one.stderr)")
            #expect(one.stdout == b[name], "\(name): --account prints what the block holds: \(one.stdout)")
        }

        let json = try runAvail(["discover", "--json"], environment: home.environment)
        #expect(json.status == 5)
        let top = try object(json.stdout)
        #expect(top.keys.sorted() == ["accounts"])
        let list = try #require(top["accounts"] as? [[String: Any]])
        #expect(list.map { $0["account"] as? String } == ["cyrus", "dead", "dav"], "config order")
        for found in [list[0], list[2]] {
            #expect(found["error"] is NSNull, "\(found)")
            #expect((found["outbox"] as? String)?.hasPrefix("http://127.0.0.1:") == true && found["profile"] != nil)
            #expect(found["exitStatus"] == nil)
        }
        #expect((list[1]["error"] as? String)?.hasPrefix("cannot connect to http://127.0.0.1:9/") == true, "\(list[1])")
        #expect(list[1]["exitStatus"] as? Int == 5 && list[1]["server"] as? String == "http://127.0.0.1:9")
        #expect(list[1]["outbox"] == nil)

        // --show-curl quiets stderr while the requests run: the failure is still said at the end.
        let curl = try runAvail(["discover", "--show-curl"], environment: home.environment)
        #expect(curl.status == 5 && curl.stderr.hasPrefix("avail: account dead (http://127.0.0.1:9): cannot connect"), "\(curl.stderr)")
        #expect(curl.stdout.contains("PROPFIND http://127.0.0.1:58008/") && curl.stdout.contains("PROPFIND http://127.0.0.1:58080/"), "\(curl.stdout)")

        // The one-account object, as before: the same fields as the account's entry, no "accounts".
        let single = try object(try runAvail(["discover", "--json", "--account", "dav"], environment: home.environment).stdout)
        #expect(single["accounts"] == nil && single["server"] as? String == "http://127.0.0.1:58080")
        #expect(Set(single.keys).union(["account", "error"]) == Set(list[2].keys))
        #expect(single["outbox"] as? String == list[2]["outbox"] as? String)
    }

    /// Two accounts fail differently: one line each on stderr, the exit status
    /// of the first in config order (a wrong password, 3, before the dead one's 5).
    @Test func discoverEndsWithTheFirstFailedAccountsExitStatus() throws {
        let home = Home()
        defer { home.remove() }
        let accounts = try live()
        try home.writeConfig([accounts[1], ("dead", Self.dead), accounts[0]])
        let file = home.path + "/config/avail/config"
        let config = try String(contentsOfFile: file, encoding: .utf8)
        // The first section's password (DAViCal's) made wrong.
        try config.replacingOccurrences(of: "[account dav]\nurl = \(accounts[1].url)\nuser = alice\npassword = alicepw",
                                        with: "[account dav]\nurl = \(accounts[1].url)\nuser = alice\npassword = wrong")
            .write(toFile: file, atomically: false, encoding: .utf8)
        let run = try runAvail(["discover"], environment: home.environment)
        #expect(run.status == 3, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines.contains { $0.hasPrefix("avail: account dead (http://127.0.0.1:9): ") }
                && lines.contains { $0.hasPrefix("avail: account dav (http://127.0.0.1:58080): ") }, "\(run.stderr)")
        #expect(blocks(run.stdout)["cyrus"]?.contains("outbox:") == true, "the live account still shows: \(run.stdout)")
        #expect(blocks(run.stdout)["dav"]?.hasPrefix("server:     http://127.0.0.1:58080\nerror:      ") == true, "\(run.stdout)")
    }

    @Test func discoverOverLiveAccountsExitsZero() throws {
        let home = Home()
        defer { home.remove() }
        try home.writeConfig(try live())
        let run = try runAvail(["discover"], environment: home.environment)
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(blocks(run.stdout).keys.sorted() == ["cyrus", "dav"])
        #expect(!run.stdout.contains("error:"))
    }

    /// A dead account first, a live one after it, on each private server: the
    /// live one's answers on stdout, one warning on stderr, exit 0.
    @Test(arguments: ["cyrus", "dav"]) func aDeadAccountBesideALiveOneIsOneWarning(_ server: String) throws {
        let home = Home()
        defer { home.remove() }
        let liveAccount = try #require(try live().first { $0.name == server })
        try home.writeConfig([("dead", Self.dead), liveAccount])
        let warning = "avail: warning: account dead (http://127.0.0.1:9): cannot connect to http://127.0.0.1:9/"
        let json = try runAvail(["query", "--refresh", "--format", "json", "--from", "2026-12-07", "--to", "2026-12-08", "bob@example.com"],
                                environment: home.environment)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stderr.split(separator: "\n").count == 1 && json.stderr.hasPrefix(warning), "\(json.stderr)")
        let top = try object(json.stdout)
        let row = try #require((top["recipients"] as? [[String: Any]])?.first)
        #expect(row["status"] as? String == "2.0" && row["account"] as? String == server, "\(json.stdout)")
        #expect(!((row["busy"] as? [Any]) ?? []).isEmpty, "bob's seeded Monday")
        #expect((top["note"] as? String)?.hasPrefix("dead: cannot connect") == true, "the JSON field stays: \(json.stdout)")

        // Each run with an empty cache: once the live account has answered for bob, it is asked first and the dead one not at all.
        func fresh(_ name: String) -> [String: String] { home.environment.merging(["XDG_CACHE_HOME": home.path + "/" + name]) { $1 } }
        let text = try runAvail(["query", "--refresh", "--from", "2026-12-07", "--to", "2026-12-08", "bob@example.com"], environment: fresh("text"))
        #expect(text.status == 0 && text.stderr.split(separator: "\n").count == 1 && text.stderr.hasPrefix(warning), "\(text.stderr)")
        #expect(text.stdout.contains("bob@example.com  2.0 Success  [account \(server)]"), "\(text.stdout)")

        // slots says it the same way, and still plans with the live answers.
        let slots = try runAvail(["slots", "--refresh", "--from", "2026-12-08", "--to", "2026-12-08", "--hours", "08:00-12:00", "bob@example.com"],
                                 environment: fresh("slots"))
        #expect(slots.status == 0 && slots.stderr.hasPrefix(warning) && slots.stderr.split(separator: "\n").count == 1, "\(slots.stderr)")
        #expect(slots.stdout.contains("Tue 8 Dec 08:30–12:00"), "\(slots.stdout)")

        // Known to be answered by the live account, bob is asked there first: the dead one is not asked, nothing to warn about.
        let again = try runAvail(["query", "--refresh", "--from", "2026-12-07", "--to", "2026-12-08", "bob@example.com"], environment: fresh("text"))
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
    }

    /// Someone only the dead account may be asked about (its `domains`): their
    /// row has no answer, and --refresh makes that the network failure's exit.
    @Test func someoneLeftWithoutAnAnswerEndsAsAFailedRefresh() throws {
        let home = Home()
        defer { home.remove() }
        try home.writeConfig([("dead", Self.dead), try live()[1]], extra: ["dead": "domains = elsewhere.example"])
        let run = try runAvail(["query", "--refresh", "--format", "json", "--from", "2026-12-07", "--to", "2026-12-08",
                                "bob@example.com", "x@elsewhere.example"], environment: home.environment)
        #expect(run.status == 5, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("avail: warning: account dead (http://127.0.0.1:9): "), "\(run.stderr)")
        let rows = try #require(try object(run.stdout)["recipients"] as? [[String: Any]])
        #expect(rows.map { $0["status"] as? String } == ["2.0", "?"], "bob still answered: \(run.stdout)")
        #expect(run.stderr.hasSuffix("; showing what the other accounts answered\n") && run.stderr.split(separator: "\n").count == 2, "\(run.stderr)")
    }

    /// `avail book` without --account checks the same way, and stores through
    /// the first account. Under --show-curl nothing is written (the PUT is
    /// withheld), so the seeded week stays as it is whatever happens.
    @Test func bookWithoutAnAccountChecksEveryoneWhereTheyAreKnown() throws {
        let home = Home()
        defer { home.remove() }
        try home.writeConfig(try live())
        let args = ["book", "--show-curl", "--at", "2026-12-08T10:00", "--tz", "UTC", "--title", "Routed check", "bob@example.com", "room1@example.com"]
        let routed = try runAvail(args, environment: home.environment)
        #expect(routed.status == 7, "the room, busy on DAViCal, stops the booking: \(routed.stderr)")
        #expect(routed.stdout.contains("POST http://127.0.0.1:58008/") && routed.stdout.contains("POST http://127.0.0.1:58080/"), "\(routed.stdout)")
        #expect(!routed.stdout.contains("# 6. PUT") && !routed.stdout.contains(" PUT http"), "nothing to store: \(routed.stdout)")

        // The first account alone cannot say (Cyrus answers 5.1 for the room): the booking would go on.
        let alone = try runAvail(["book", "--account", "cyrus"] + args.dropFirst(), environment: home.environment)
        #expect(alone.status == 0 && alone.stdout.contains(" PUT http://127.0.0.1:58008/"), "\(alone.stderr) \(alone.stdout)")
    }

    /// `move` over several accounts checks the new time where each invitee is
    /// known, as `book` does: a meeting on Cyrus (the first account) with the
    /// room only DAViCal knows (busy Tue 2026-12-08 09:00–11:00) is not moved
    /// there; the first account alone answers 5.1 for the room and would move it.
    @Test func moveChecksTheNewTimeWhereEachInviteeIsKnown() throws {
        let home = Home()
        defer { home.remove() }
        try home.writeConfig(try live())
        let uid = "\(UUID().uuidString)@avail-routed-move"
        let book = try runAvail(["book", "--account", "cyrus", "--force", "--at", "2035-05-07T14:00", "--tz", "UTC", "--duration", "30m",
                                 "--title", "Routed move", "--uid", uid, "bob@example.com", "room1@example.com"], environment: home.environment)
        try #require(book.status == 0, "\(book.stderr)")
        defer { _ = try? runAvail(["cancel", "--account", "cyrus", uid], environment: home.environment) }
        let moved = try runAvail(["move", uid, "--at", "2026-12-08T10:00", "--tz", "UTC", "--show-curl"], environment: home.environment)
        #expect(moved.status == 7, "the room, busy on DAViCal, stops the move: \(moved.stderr)")
        #expect(moved.stdout.contains("POST http://127.0.0.1:58080/") && moved.stdout.contains("POST http://127.0.0.1:58008/"), "\(moved.stdout)")
        #expect(!moved.stdout.contains(" PUT http"), "nothing stored: \(moved.stdout)")
        let alone = try runAvail(["move", "--account", "cyrus", uid, "--at", "2026-12-08T10:00", "--tz", "UTC", "--show-curl"],
                                 environment: home.environment)
        #expect(alone.status == 0 && alone.stdout.contains(" PUT http://127.0.0.1:58008/"), "the move would go on: \(alone.stderr) \(alone.stdout)")
    }

    /// The planner's booking check with both servers: the room only DAViCal
    /// knows (busy Tuesday 09:00–11:00) is found busy though Cyrus, the first
    /// account, answers 5.1 for it; bob is checked on Cyrus. Nothing is stored.
    @Test func theBookingCheckAsksEachAttendeeWhereTheyAreKnown() async throws {
        func service(_ url: HTTPURL) throws -> FreeBusyService {
            FreeBusyService(server: CalDAVSession(account: try LocalServers.account(server: url), http: HTTPClient()), cache: nil,
                            policy: CachePolicy())
        }
        let cyrus = try service(try LocalServers.cyrusURL())
        let dav = try service(try LocalServers.davicalURL())
        let routed = RoutedFreeBusyService(accounts: [.init(name: "cyrus", domains: [], service: cyrus),
                                                      .init(name: "dav", domains: [], service: dav)])
        let bob = try CalendarUserAddress("mailto:bob@example.com")
        let room = try CalendarUserAddress("mailto:room1@example.com")
        var request = BookingRequest(start: try #require(UTCInstant(year: 2026, month: 12, day: 8, hour: 10)),
                                     end: try #require(UTCInstant(year: 2026, month: 12, day: 8, hour: 11)), title: "Check",
                                     location: nil, description: nil, required: [bob], optional: [], uid: nil,
                                     zone: try #require(DisplayZone.named("UTC")))
        request.book(rooms: [room])

        let routedCheck = try #require(BookingService(cyrus, checkingOver: routed))
        let conflicts = try await routedCheck.conflicts(request, now: .now)
        #expect(conflicts.map(\.attendee) == [room], "\(conflicts)")
        #expect(conflicts.first?.busy.map { [$0.start, $0.end] } == [[request.start, request.end]], "clipped to the meeting")

        // The first account alone cannot say: the room is unknown, which would not stop a booking.
        let alone = try #require(BookingService(cyrus))
        let unknown = try await alone.conflicts(request, now: .now)
        #expect(unknown.map(\.attendee) == [room] && unknown.first?.busy.isEmpty == true && unknown.first?.unknown != nil, "\(unknown)")
    }
}
}
