import Foundation
import Testing
import CalDAVClient
import FreeBusy
import ICalendar
import Meetings

/// A repeating meeting from the command line, against the real DAViCal and
/// Cyrus: `avail meetings` lists each occurrence, `move` and `cancel` refuse
/// it without `--series` (a change meant for one occurrence must not reach
/// every other) and change the whole series with it. The meeting is PUT by
/// the test itself, weekly three times, in a far-future week (2034–2036).
extension LocalServerSuites {
@Suite(.serialized) struct SeriesCommandTests {
    typealias Server = BookingIntegrationTests.Server
    let life = MeetingLifecycleTests()

    /// Stores, as alice, a meeting of an hour at `first` repeating weekly three
    /// times, with bob and carol invited (the server sends them the invitation);
    /// returns alice, to read her copy later.
    @discardableResult
    func storeWeeklySeries(uid: String, first: UTCInstant, summary: String, on server: Server) async throws -> MeetingLifecycleTests.Person {
        let alice = try await life.person("alice", on: server)
        let calendar = try #require(alice.calendars.first)
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//avail tests//EN\r\nBEGIN:VEVENT\r\nUID:\(uid)\r\n"
            + "DTSTAMP:\(MeetingLifecycleTests.now.iCalendarString)\r\nDTSTART:\(first.iCalendarString)\r\nDTEND:\(first.adding(seconds: 3600).iCalendarString)\r\n"
            + "RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:\(summary)\r\nSEQUENCE:0\r\nORGANIZER:mailto:alice@example.com\r\n"
            + "ATTENDEE;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:alice@example.com\r\n"
            + "ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;ROLE=REQ-PARTICIPANT:mailto:bob@example.com\r\n"
            + "ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;ROLE=REQ-PARTICIPANT:mailto:carol@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        _ = try await alice.session.storeNewEvent(text, uid: uid, in: calendar)
        return alice
    }

    /// A start whose three weekly occurrences, and the hour after each, are free for bob and carol.
    func freeWeeklySlot(_ server: Server) throws -> UTCInstant {
        let booking = BookingIntegrationTests()
        for _ in 0..<20 {
            let first = try MeetingLifecycleTests.instant(String(format: "%04d-%02d-%02dT%02d:00", Int.random(in: 2034...2036), Int.random(in: 1...12),
                                                                 Int.random(in: 1...28), Int.random(in: 8...14)))
            let starts = (0..<3).flatMap { w in [first.adding(seconds: Int64(w) * 7 * 86_400), first.adding(seconds: Int64(w) * 7 * 86_400 + 3600)] }
            let free = try starts.allSatisfy { s in
                let slot = String(s.iso8601String.prefix(16))
                return try booking.busy(server, at: slot, ["bob@example.com", "carol@example.com"]).values.allSatisfy(\.isEmpty)
            }
            if free { return first }
        }
        Issue.record("no free weekly hour for bob and carol in 20 tries")
        return try MeetingLifecycleTests.instant("2035-06-05T10:00")
    }

    @Test(arguments: Server.allCases)
    func aWeeklyMeetingIsListedMovedAndCancelledAsASeries(server: Server) async throws {
        let first = try freeWeeklySlot(server)
        let uid = "avail-series-\(UUID().uuidString)"
        let alice = try await storeWeeklySeries(uid: uid, first: first, summary: "Weekly \(server)", on: server)
        let env = try server.env()
        let day = String(first.iso8601String.prefix(10))
        let starts = (0..<3).map { first.adding(seconds: Int64($0) * 7 * 86_400) }

        // Listed at each occurrence, saying it repeats.
        let listed = try runAvail(["meetings", "--from", day, "--days", "21", "--format", "json"], environment: env)
        #expect(listed.status == 0, "\(listed.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]).filter { $0["uid"] as? String == uid }
        #expect(entries.map { $0["start"] as? String } == starts.map(\.iso8601String), "on \(server): \(entries)")
        #expect(entries.map { $0["recurrence_id"] as? String } == starts.map(\.iso8601String))
        #expect(entries.allSatisfy { $0["repeats"] as? String == "weekly" })
        let textList = try runAvail(["meetings", "--from", day, "--days", "21"], environment: env)
        // Each of this series' occurrences (by its UID: other tests' meetings may share the window and the title).
        let lines = textList.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let titles = lines.indices.filter { $0 > 0 && lines[$0].hasSuffix("uid \(uid)") }.map { lines[$0 - 1] }
        #expect(titles.count == 3 && titles.allSatisfy { $0.hasSuffix("Weekly \(server)  (repeats weekly)") }, "\(textList.stdout)")

        // Without --series: refused, nothing changed.
        let later = first.adding(seconds: 3600)
        let refused = try runAvail(["move", uid, "--at", later.iso8601String], environment: env)
        #expect(refused.status == 2 && refused.stderr.contains("repeats (weekly): add --series to move every occurrence"), "\(refused.stderr)")
        let refusedCancel = try runAvail(["cancel", uid], environment: env)
        #expect(refusedCancel.status == 2 && refusedCancel.stderr.contains("add --series to cancel every occurrence"), "\(refusedCancel.stderr)")

        // With --series: every occurrence an hour later, bob's copy too.
        let moved = try runAvail(["move", uid, "--series", "--at", later.iso8601String, "--from", day, "--format", "json"], environment: env)
        #expect(moved.status == 0, "series move on \(server): \(moved.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(moved.stdout.utf8)) as? [String: Any], "\(moved.stdout)")
        #expect(json["series"] as? Bool == true && json["checked_occurrences"] as? Int == 3, "\(json)")
        #expect(json["previous_start"] as? String == first.iso8601String && json["new_start"] as? String == later.iso8601String)
        #expect(((json["conflicts"] as? [[String: Any]]) ?? []).allSatisfy { ($0["busy"] as? [Any])?.isEmpty == true },
                "its own old times counted as busy: \(json)")
        let bob = try await life.person("bob", on: server)
        let bobCopy = try #require(try await life.copy(of: uid, for: bob, from: later, to: later.adding(seconds: 3600)), "bob has no copy on \(server)")
        let bobObject = try CalendarObject(parsing: bobCopy.text)
        #expect(try Meeting(bobObject).start == later, "bob's series did not move on \(server)")
        #expect(bobObject.event.property("RRULE")?.value == "FREQ=WEEKLY;COUNT=3")
        let relisted = try runAvail(["meetings", "--from", day, "--days", "21", "--format", "json"], environment: env)
        let after = try #require(try JSONSerialization.jsonObject(with: Data(relisted.stdout.utf8)) as? [[String: Any]]).filter { $0["uid"] as? String == uid }
        #expect(after.map { $0["start"] as? String } == starts.map { $0.adding(seconds: 3600).iso8601String }, "\(after)")

        // One occurrence cancelled: listed as cancelled, the others not; bob's copy says so too.
        let secondMoved = starts[1].adding(seconds: 3600)
        let one = try runAvail(["cancel", uid, "--occurrence", secondMoved.iso8601String, "--from", day], environment: env)
        #expect(one.status == 0, "cancel --occurrence on \(server): \(one.stderr)")
        #expect(one.stdout.hasPrefix("Cancelled one occurrence of \"Weekly \(server)\": "), "\(one.stdout)")
        let withOne = try runAvail(["meetings", "--from", day, "--days", "21", "--format", "json"], environment: env)
        let left = try #require(try JSONSerialization.jsonObject(with: Data(withOne.stdout.utf8)) as? [[String: Any]]).filter { $0["uid"] as? String == uid }
        #expect(left.map { $0["start"] as? String } == [starts[0], starts[2]].map { $0.adding(seconds: 3600).iso8601String }, "\(left)")
        let bobSeries = try #require(try await life.copy(of: uid, for: bob, from: later, to: later.adding(seconds: 21 * 86_400)))
        let bobMaster = try CalendarObject(parsing: bobSeries.text).event
        switch server {
        case .cyrus:
            #expect(bobMaster.properties(named: "EXDATE").map(\.value) == [secondMoved.iCalendarString], "bob's copy on Cyrus:\n\(bobSeries.text)")
        case .davical:
            // DAViCal keeps the EXDATE in alice's copy only (Tests/Servers/README.md).
            #expect(bobMaster.properties(named: "EXDATE").isEmpty, "DAViCal now passes EXDATE on: update Tests/Servers/README.md and the README")
        }
        let wrong = try runAvail(["cancel", uid, "--occurrence", secondMoved.adding(seconds: 60).iso8601String, "--from", day], environment: env)
        #expect(wrong.status == 6 && wrong.stderr.contains("has no occurrence starting at"), "\(wrong.stderr)")

        // Cancel the series: gone from alice's calendar.
        let cancel = try runAvail(["cancel", uid, "--series", "--from", day], environment: env)
        #expect(cancel.status == 0, "\(cancel.stderr)")
        #expect(cancel.stdout.hasPrefix("Cancelled every occurrence of \"Weekly \(server)\" (repeats weekly"), "\(cancel.stdout)")
        #expect(try await life.copy(of: uid, for: alice, from: later, to: later.adding(seconds: 21 * 86_400)) == nil)
    }
}
}
