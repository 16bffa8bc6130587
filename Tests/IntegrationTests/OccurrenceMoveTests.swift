import Foundation
import Testing
import CalDAVClient
import FreeBusy
import ICalendar
import Meetings

/// `avail move --occurrence` against the real servers: one occurrence of a
/// weekly meeting moved on its own becomes an overridden instance
/// (RECURRENCE-ID, RFC 5545 §3.8.4.4) in the same resource. Cyrus stores it
/// and passes it on to the attendees' copies; DAViCal 1.1 answers 500 to
/// any series with an overridden instance and attendees, so avail says the
/// server refuses changed occurrences (exit 6) and nothing is changed
/// (Tests/Servers/README.md).
extension LocalServerSuites {
@Suite(.serialized) struct OccurrenceMoveTests {
    typealias Server = BookingIntegrationTests.Server
    let life = MeetingLifecycleTests()

    @Test(arguments: Server.allCases)
    func oneOccurrenceMovesOnItsOwn(server: Server) async throws {
        let first = try SeriesCommandTests().freeWeeklySlot(server)
        let uid = "avail-occurrence-\(UUID().uuidString)"
        let alice = try await SeriesCommandTests().storeWeeklySeries(uid: uid, first: first, summary: "Occurrence \(server)", on: server)
        let env = try server.env()
        let day = String(first.iso8601String.prefix(10))
        defer { _ = try? runAvail(["cancel", uid, "--series", "--from", day], environment: env) }
        let starts = (0..<3).map { first.adding(seconds: Int64($0) * 7 * 86_400) }
        let target = starts[1].adding(seconds: 3600)

        let moved = try runAvail(["move", uid, "--occurrence", starts[1].iso8601String, "--at", target.iso8601String, "--from", day, "--format", "json"],
                                 environment: env)
        let stored = try #require(try await life.copy(of: uid, for: alice, from: first, to: first.adding(seconds: 21 * 86_400)))
        switch server {
        case .cyrus:
            #expect(moved.status == 0, "move --occurrence on Cyrus: \(moved.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(moved.stdout.utf8)) as? [String: Any], "\(moved.stdout)")
            #expect(json["occurrence"] as? Bool == true && json["previous_start"] as? String == starts[1].iso8601String
                    && json["new_start"] as? String == target.iso8601String, "\(json)")
            #expect(((json["conflicts"] as? [[String: Any]]) ?? []).allSatisfy { ($0["busy"] as? [Any])?.isEmpty == true },
                    "its own old time counted as busy: \(json)")
            let listed = try runAvail(["meetings", "--from", day, "--days", "21", "--format", "json"], environment: env)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]).filter { $0["uid"] as? String == uid }
            #expect(entries.map { $0["start"] as? String } == [starts[0], target, starts[2]].map(\.iso8601String), "\(entries)")
            let bob = try await life.person("bob", on: server)
            let bobCopy = try #require(try await life.copy(of: uid, for: bob, from: first, to: first.adding(seconds: 21 * 86_400)), "bob has no copy")
            let instances = try CalendarObject(parsing: bobCopy.text).calendar.components.filter { $0.property("RECURRENCE-ID") != nil }
            #expect(instances.map { $0.property("RECURRENCE-ID")?.value } == [starts[1].iCalendarString], "bob's copy:\n\(bobCopy.text)")
            #expect(instances.first?.property("DTSTART")?.value == target.iCalendarString)
            #expect(try CalendarObject(parsing: bobCopy.text).event.property("RRULE")?.value == "FREQ=WEEKLY;COUNT=3", "the series stays")
        case .davical:
            #expect(moved.status == 6, "DAViCal now stores changed occurrences? \(moved.stdout)\(moved.stderr)")
            #expect(moved.stderr.contains("the server refuses a changed occurrence (HTTP 500"), "\(moved.stderr)")
            #expect(moved.stderr.split(separator: "\n").count == 1, "one line: \(moved.stderr)")
            #expect(!stored.text.contains("RECURRENCE-ID"), "nothing changed:\n\(stored.text)")
            #expect(try Meeting(CalendarObject(parsing: stored.text)).start == first)
        }
        let wrong = try runAvail(["move", uid, "--occurrence", starts[1].adding(seconds: 60).iso8601String, "--at", target.iso8601String, "--from", day],
                                 environment: env)
        #expect(wrong.status == 6 && wrong.stderr.contains("has no occurrence starting at"), "\(wrong.stderr)")
        let both = try runAvail(["move", uid, "--series", "--occurrence", starts[1].iso8601String, "--at", target.iso8601String], environment: env)
        #expect(both.status == 2 && both.stderr.contains("--series and --occurrence: give one"), "\(both.stderr)")
    }
}
}
