import Foundation
import Testing
import CalDAVClient
import HTTPClient
import WebDAV

/// `avail book` against the real DAViCal and Cyrus: the meeting is stored in
/// alice's calendar, the servers invite bob and carol (implicit scheduling,
/// RFC 6638 §3), and their free/busy then shows the time as busy.
///
/// DAViCal keeps its database between runs, so each test books at a random
/// quarter hour of 2028–2031 that a query first shows to be free for both.
extension LocalServerSuites {
@Suite(.serialized) struct BookingIntegrationTests {
    enum Server: String, CaseIterable, CustomStringConvertible {
        case davical, cyrus
        var description: String { rawValue }
        func url() throws -> HTTPURL { self == .davical ? try LocalServers.davicalURL() : try LocalServers.cyrusURL() }
        func env(user: String = "alice") throws -> [String: String] {
            ["AVAIL_URL": try url().description, "AVAIL_USER": user, "AVAIL_PASSWORD": user + "pw"]
        }
    }

    /// Busy periods per attendee over [start, start+1h), from a fresh `avail query`.
    func busy(_ server: Server, at start: String, hours: Int = 1, _ attendees: [String]) throws -> [String: [[String: String]]] {
        let run = try runAvail(["query", "--from", start + "Z", "--to", Self.plusHour(start, hours: hours) + "Z", "--format", "json"] + attendees,
                               environment: try server.env())
        #expect(run.status == 0, "query: \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        var out: [String: [[String: String]]] = [:]
        for r in (json["recipients"] as? [[String: Any]]) ?? [] {
            out[(r["recipient"] as? String ?? "").replacingOccurrences(of: "mailto:", with: "")] = r["busy"] as? [[String: String]] ?? []
        }
        return out
    }

    static func plusHour(_ s: String, hours: Int = 1) -> String {
        // "2029-05-17T10:15" + 1h; the tests only book 09:00–16:45 starts.
        let hour = Int(s.dropFirst(11).prefix(2))!
        return String(s.prefix(11)) + String(format: "%02d", hour + hours) + String(s.dropFirst(13))
    }

    /// A start (UTC, minute precision) when bob and carol are both free for an hour.
    /// A start at which bob and carol are both free for `hours` (a test that
    /// moves its meeting later needs more than the meeting's hour).
    func freeSlot(_ server: Server, hours: Int = 1) throws -> String {
        for _ in 0..<20 {
            let s = String(format: "%04d-%02d-%02dT%02d:%02d", Int.random(in: 2028...2031), Int.random(in: 1...12), Int.random(in: 1...28),
                           Int.random(in: 9...15), [0, 15, 30, 45].randomElement()!)
            let b = try busy(server, at: s, hours: hours, ["bob@example.com", "carol@example.com"])
            if b["bob@example.com"]?.isEmpty == true && b["carol@example.com"]?.isEmpty == true { return s }
        }
        Issue.record("no free hour found for bob and carol in 20 tries")
        return "2030-01-01T10:00"
    }

    @Test(arguments: Server.allCases)
    func bookedMeetingIsBusyForEveryAttendeeAndInTheirInbox(server: Server) async throws {
        let slot = try freeSlot(server)
        let uid = "avail-it-\(UUID().uuidString)"
        let run = try runAvail(["book", "--at", slot + "Z", "--duration", "1h", "--title", "Integration, test; \(server)",
                                "--location", "Room 1", "--uid", uid, "--format", "json", "bob@example.com", "carol@example.com"],
                               environment: try server.env())
        #expect(run.status == 0, "book: \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["uid"] as? String == uid)
        #expect((json["url"] as? String)?.hasSuffix("/\(uid).ics") == true)
        #expect(json["server_schedules"] as? Bool == true)
        let attendees = try #require(json["attendees"] as? [[String: Any]])
        #expect(attendees.map { $0["schedule_status"] as? String } == ["1.2", "1.2"], "\(attendees)")
        #expect(attendees.map { $0["busy_now"] as? Bool } == [true, true])

        // Asked afresh (a new HOME, so no cache), both are busy for exactly that hour.
        let after = try busy(server, at: slot, ["bob@example.com", "carol@example.com"])
        for who in ["bob@example.com", "carol@example.com"] {
            let periods = after[who] ?? []
            #expect(periods.map { "\($0["start"] ?? "")/\($0["end"] ?? "")" } == ["\(slot):00Z/\(Self.plusHour(slot)):00Z"], "\(who) on \(server)")
        }

        // The invitation is in bob's schedule inbox.
        let account = Account(serverURL: try server.url(), credentials: Credentials(user: "bob", password: "bobpw"))
        let session = CalDAVSession(account: account, http: HTTPClient())
        let d = try await session.discover()
        let (ms, response) = try await session.propfind(d.principalURL, properties: [.scheduleInboxURL])
        let inbox = try #require(ms.responses.first?.hrefs(in: .scheduleInboxURL).first.flatMap { response.url.resolving($0) })
        let (items, itemsResponse) = try await session.propfind(inbox, depth: 1, properties: [.resourceType])
        var found = false
        for item in items.responses where item.href.hasSuffix(".ics") {
            guard let url = itemsResponse.url.resolving(item.href) else { continue }
            let text = try await session.fetchEvent(url)
            if text.contains("UID:\(uid)") {
                found = true
                #expect(text.contains("METHOD:REQUEST"), "an iTIP REQUEST: \(text)")
            }
        }
        #expect(found, "no invitation with UID \(uid) in bob's inbox on \(server)")

        // The same UID again: a clear error, exit 6, nothing changed.
        let again = try runAvail(["book", "--force", "--at", slot + "Z", "--title", "again", "--uid", uid, "bob@example.com"],
                                 environment: try server.env())
        #expect(again.status == 6, "\(again.stderr)")
        #expect(again.stderr.contains("an event with UID \(uid) already exists"), "\(again.stderr)")
        #expect(again.stdout.isEmpty)

        // A new meeting at the same time: bob is busy, so nothing is booked without --force.
        let clash = try runAvail(["book", "--at", slot + "Z", "--title", "clash", "bob@example.com"], environment: try server.env())
        #expect(clash.status == 7, "\(clash.stderr)")
        #expect(clash.stderr.contains("bob@example.com is busy then"))
        #expect(clash.stderr.contains("nothing booked"))
        #expect(clash.stdout.isEmpty)
    }

    /// An hour from the first 02:30 on the night Berlin's clocks go back, stored
    /// for real: each server must show carol busy for exactly that hour (a
    /// TZID time there is read as the second 02:30 by DAViCal, so avail writes
    /// both times in UTC). A random year keeps runs apart; --force books over
    /// an earlier run's meeting at the same night.
    @Test(arguments: Server.allCases)
    func aMeetingInTheRepeatedHourIsBusyForItsWholeHour(server: Server) throws {
        // Before 2038: Cyrus 3.6 answers free/busy for a meeting past 2038-01-19
        // (32-bit time) as busy for the whole window asked.
        let year = Int.random(in: 2032...2037)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let october31 = try #require(utc.date(from: DateComponents(year: year, month: 10, day: 31)))
        let day = 31 - (utc.component(.weekday, from: october31) - 1) // the last Sunday (weekday 1)
        let date = String(format: "%04d-10-%02d", year, day)
        var env = try server.env()
        env["TZ"] = "Europe/Berlin"
        let run = try runAvail(["book", "--force", "--at", date + "T02:30", "--duration", "1h", "--title", "Night shift", "--format", "json",
                                "carol@example.com"], environment: env)
        #expect(run.status == 0, "book: \(run.stderr)")
        #expect(run.stderr.contains("02:30 happens twice on \(date) in Europe/Berlin"), "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["start"] as? String == date + "T00:30:00Z")
        #expect(json["end"] as? String == date + "T01:30:00Z")
        let night = try runAvail(["query", "--from", String(format: "%04d-10-%02dT22:00Z", year, day - 1), "--to", date + "T04:00Z",
                                  "--format", "json", "carol@example.com"], environment: try server.env())
        #expect(night.status == 0, "query: \(night.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(night.stdout.utf8)) as? [String: Any])
        let busy = ((answer["recipients"] as? [[String: Any]])?.first?["busy"] as? [[String: String]]) ?? []
        #expect(busy.map { "\($0["start"] ?? "")/\($0["end"] ?? "")" } == ["\(date)T00:30:00Z/\(date)T01:30:00Z"], "on \(server)")
    }

    @Test func dryRunPrintsTheEventAndBooksNothing() throws {
        let slot = try freeSlot(.davical)
        let run = try runAvail(["book", "--dry-run", "--at", slot + "Z", "--title", "Dry", "--tz", "Europe/Berlin", "bob@example.com"],
                               environment: try Server.davical.env())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"))
        #expect(run.stdout.contains("SUMMARY:Dry\r\n"))
        #expect(run.stdout.contains("ORGANIZER;CN=Alice Example:mailto:alice@example.com\r\n"))
        #expect(run.stdout.contains("DTSTART;TZID=Europe/Berlin:"))
        let b = try busy(.davical, at: slot, ["bob@example.com"])
        #expect(b["bob@example.com"]?.isEmpty == true)
    }
}
}
