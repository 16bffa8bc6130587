import Foundation
import Testing
import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import Meetings

/// The life of a booked meeting against the real DAViCal and Cyrus, through
/// the library calls the commands are built on: bob accepts (as himself),
/// alice reads her meeting and sees it, moves it, is stopped by a stale
/// ETag, and cancels it. The servers differ (Tests/Servers/README.md and
/// issue 15): the assertions say where.
extension LocalServerSuites {
@Suite(.serialized) struct MeetingLifecycleTests {
    typealias Server = BookingIntegrationTests.Server

    struct Person {
        var session: CalDAVSession
        var principal: HTTPURL
        var calendars: [EventCalendar]
    }

    func person(_ user: String, on server: Server) async throws -> Person {
        let session = CalDAVSession(account: Account(serverURL: try server.url(), credentials: Credentials(user: user, password: user + "pw")),
                                    http: HTTPClient())
        let principal = try await session.identity().principalURL
        return Person(session: session, principal: principal, calendars: try await session.eventCalendars(principal: principal))
    }

    /// The stored copy of the event with this UID in any of the person's calendars.
    func copy(of uid: String, for p: Person, from start: UTCInstant, to end: UTCInstant) async throws -> CalendarObjectResource? {
        for calendar in p.calendars {
            for resource in try await p.session.calendarObjects(in: calendar.url, from: start, to: end) {
                if let object = try? CalendarObject(parsing: resource.text), (try? Meeting(object))?.uid == uid { return resource }
            }
        }
        return nil
    }

    static var now: UTCInstant { UTCInstant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

    static func instant(_ slot: String) throws -> UTCInstant {
        let digits = slot.filter(\.isNumber) + "00Z"
        return try UTCInstant.parseICalendarUTC(String(digits.prefix(8)) + "T" + String(digits.dropFirst(8)))
    }

    @Test(arguments: Server.allCases)
    func acceptReadMoveCancel(server: Server) async throws {
        let slot = try BookingIntegrationTests().freeSlot(server)
        let uid = "avail-meeting-\(UUID().uuidString)"
        let book = try runAvail(["book", "--at", slot + "Z", "--duration", "1h", "--title", "Lifecycle \(server)", "--uid", uid,
                                 "--format", "json", "bob@example.com", "carol@example.com"], environment: try server.env())
        try #require(book.status == 0, "book: \(book.stderr)")
        let start = try Self.instant(slot)
        let end = start.adding(seconds: 3600)
        let bob = try await person("bob", on: server)
        let alice = try await person("alice", on: server)
        let aliceAddresses = [try CalendarUserAddress("alice@example.com")]
        let bobAddress = try CalendarUserAddress("bob@example.com"), carolAddress = try CalendarUserAddress("carol@example.com")

        // Bob accepts by changing his own copy (RFC 6638 §3.2.2: the server sends the REPLY).
        let bobCopy = try #require(try await copy(of: uid, for: bob, from: start, to: end), "bob has no copy on \(server)")
        let bobEtag = try #require(bobCopy.etag, "no ETag in bob's calendar-query answer on \(server)")
        let accepted = try CalendarObject(parsing: bobCopy.text)
            .answering(as: bobAddress, .accepted, now: Self.now)
        _ = try await bob.session.replaceObject(accepted.iCalendarText, at: bobCopy.url, ifMatch: bobEtag)

        // Alice reads her meetings: bob accepted, carol not yet.
        let read = try #require(try await copy(of: uid, for: alice, from: start, to: end), "alice has no copy on \(server)")
        let inbox = try await alice.session.scheduleInboxItems(principal: alice.principal)
        let replies = inbox.flatMap { (try? CalendarObject(parsing: $0.text)).map(InboxReply.replies) ?? [] }
        let replyItems = inbox.compactMap { try? CalendarObject(parsing: $0.text) }
            .filter { $0.method == "REPLY" && (try? Meeting($0))?.uid == uid }
        #expect(!replyItems.isEmpty, "no METHOD:REPLY for \(uid) in alice's Inbox on \(server)")
        // Cyrus's REPLY names bob alone; DAViCal's names every attendee, so it
        // is not read as an answer (its organizer's copy is current instead).
        #expect(replies.contains { $0.uid == uid && $0.attendee.matchKey == bobAddress.matchKey && $0.participation == .accepted }
                == (server == .cyrus), "bob's REPLY in alice's Inbox on \(server)")
        let meeting = try Meeting(try CalendarObject(parsing: read.text)).merging(replies)
        #expect(meeting.isOrganized(byAnyOf: aliceAddresses))
        #expect(meeting.start == start && meeting.end == end)
        let states = Dictionary(uniqueKeysWithValues: meeting.invitees.map { ($0.address.matchKey, $0.participation) })
        #expect(states == [bobAddress.matchKey: .accepted, carolAddress.matchKey: .needsAction], "on \(server)")
        #expect(meeting.replySummary.description == "1 of 2 accepted", "on \(server)")
        let oldEtag = try #require(read.etag)

        // Move it a day later (If-Match on the ETag just read).
        let newStart = start.adding(seconds: 86_400), newEnd = end.adding(seconds: 86_400)
        let current = try await alice.session.fetchObject(read.url)
        let moved = try CalendarObject(parsing: current.text).moved(start: newStart, end: newEnd, now: Self.now)
        let stored = try await alice.session.replaceObject(moved.iCalendarText, at: read.url, ifMatch: try #require(current.etag))
        #expect(stored.etag != nil, "the ETag read back after the PUT on \(server)")
        let organizerCopy = try Meeting(try CalendarObject(parsing: stored.text))
        #expect(organizerCopy.start == newStart && organizerCopy.sequence == meeting.sequence + 1)
        #expect(organizerCopy.invitees.allSatisfy { $0.participation == .needsAction }, "on \(server)")
        #expect(organizerCopy.invitees.allSatisfy { $0.delivery == .delivered }, "\(organizerCopy.invitees) on \(server)")

        let bobMoved = try #require(try await copy(of: uid, for: bob, from: newStart, to: newEnd), "bob's copy did not move on \(server)")
        let bobView = try Meeting(try CalendarObject(parsing: bobMoved.text))
        #expect(bobView.start == newStart && bobView.end == newEnd)
        #expect(bobView.attendees.first { $0.address.matchKey == bobAddress.matchKey }?.participation == .needsAction, "on \(server)")

        // A write with the ETag of before the move: someone else's change is not overwritten.
        await #expect(throws: CalDAVError.changedSinceRead(url: read.url.description)) {
            _ = try await alice.session.replaceObject(moved.iCalendarText, at: read.url, ifMatch: oldEtag)
        }
        await #expect(throws: CalDAVError.changedSinceRead(url: read.url.description)) {
            try await alice.session.deleteObject(at: read.url, ifMatch: oldEtag)
        }

        // Cancel: DELETE with If-Match; the server tells bob.
        try await alice.session.deleteObject(at: read.url, ifMatch: try #require(stored.etag))
        let bobInbox = try await bob.session.scheduleInboxItems(principal: bob.principal)
        let cancels = bobInbox.compactMap { try? CalendarObject(parsing: $0.text) }
            .filter { $0.method == "CANCEL" && (try? Meeting($0))?.uid == uid }
        switch server {
        case .davical:
            #expect(!cancels.isEmpty, "no METHOD:CANCEL for \(uid) in bob's Inbox on DAViCal")
        case .cyrus:
            let left = try #require(try await copy(of: uid, for: bob, from: newStart, to: newEnd), "bob's copy is gone on Cyrus")
            #expect(try Meeting(try CalendarObject(parsing: left.text)).isCancelled, "bob's copy is not CANCELLED on Cyrus")
        }
    }

    /// An address no server knows: DAViCal says 3.7 (not delivered), Cyrus
    /// 1.1 (it would mail it). Marked SCHEDULE-AGENT=CLIENT the server keeps
    /// it that way and leaves that attendee to avail's iTIP file.
    @Test(arguments: Server.allCases)
    func unreachedAttendeesBecomeClientScheduled(server: Server) async throws {
        let slot = try BookingIntegrationTests().freeSlot(server)
        let uid = "avail-unreached-\(UUID().uuidString)"
        let book = try runAvail(["book", "--force", "--at", slot + "Z", "--duration", "1h", "--title", "Unreached \(server)", "--uid", uid,
                                 "bob@example.com", "nobody@example.com"], environment: try server.env())
        try #require(book.status == 0, "book: \(book.stderr)")
        let start = try Self.instant(slot)
        let alice = try await person("alice", on: server)
        let read = try #require(try await copy(of: uid, for: alice, from: start, to: start.adding(seconds: 3600)))
        let nobody = try CalendarUserAddress("nobody@example.com")
        let before = try Meeting(try CalendarObject(parsing: read.text))
        let expected: Delivery = server == .davical ? .notDelivered(RequestStatus(code: "3.7")) : .sent
        #expect(before.invitees.map(\.delivery) == [.delivered, expected], "on \(server)")
        #expect(before.invitees.filter(\.delivery.failed).map(\.address.matchKey) == (server == .davical ? [nobody.matchKey] : []))

        let marked = try CalendarObject(parsing: read.text).markingClientScheduled([nobody])
        let stored = try await alice.session.replaceObject(marked.iCalendarText, at: read.url, ifMatch: try #require(read.etag))
        let after = try Meeting(try CalendarObject(parsing: stored.text))
        #expect(after.invitees.map(\.scheduleAgent) == [.server, .client], "on \(server)")
        #expect(after.invitees.last?.delivery == .notByServer, "on \(server)")
        let itip = try ITIPMessage(.request, of: try CalendarObject(parsing: stored.text), for: [nobody]).iCalendarText
        #expect(itip.contains("METHOD:REQUEST\r\n") && itip.contains("UID:\(uid)\r\n") && !itip.contains("SCHEDULE-AGENT"))
        try await alice.session.deleteObject(at: read.url, ifMatch: try #require(stored.etag))
    }

    /// `avail meetings` as a user runs it: bob's answer and carol's silence,
    /// in text and in JSON.
    @Test(arguments: Server.allCases)
    func meetingsCommandShowsWhoAccepted(server: Server) async throws {
        let slot = try BookingIntegrationTests().freeSlot(server)
        let uid = "avail-listed-\(UUID().uuidString)"
        let book = try runAvail(["book", "--at", slot + "Z", "--duration", "1h", "--title", "Listed \(server)", "--uid", uid,
                                 "bob@example.com", "carol@example.com"], environment: try server.env())
        try #require(book.status == 0, "book: \(book.stderr)")
        let start = try Self.instant(slot)
        let bob = try await person("bob", on: server)
        let bobCopy = try #require(try await copy(of: uid, for: bob, from: start, to: start.adding(seconds: 3600)))
        let accepted = try CalendarObject(parsing: bobCopy.text).answering(as: try CalendarUserAddress("bob@example.com"), .accepted, now: Self.now)
        _ = try await bob.session.replaceObject(accepted.iCalendarText, at: bobCopy.url, ifMatch: try #require(bobCopy.etag))

        let day = String(slot.prefix(10))
        let run = try runAvail(["meetings", "--from", day, "--days", "1", "--format", "json"], environment: try server.env())
        #expect(run.status == 0, "meetings: \(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let entry = try #require(json.first { $0["uid"] as? String == uid }, "\(uid) not listed on \(server): \(run.stdout)")
        #expect(entry["replies"] as? String == "1 of 2 accepted", "on \(server)")
        #expect(entry["start"] as? String == slot + ":00Z")
        let attendees = try #require(entry["attendees"] as? [[String: Any]])
        #expect(attendees.map { $0["address"] as? String } == ["mailto:bob@example.com", "mailto:carol@example.com"])
        #expect(attendees.map { $0["partstat"] as? String } == ["ACCEPTED", "NEEDS-ACTION"], "on \(server)")
        #expect(attendees.map { $0["delivery"] as? String } == ["delivered", "delivered"], "on \(server)")
        // Nothing bob organises is listed as alice's, and bob sees none of alice's as his.
        let asBob = try runAvail(["meetings", "--from", day, "--days", "1", "--format", "json"], environment: try server.env(user: "bob"))
        #expect(asBob.status == 0, "\(asBob.stderr)")
        #expect(!asBob.stdout.contains(uid))

        let text = try runAvail(["meetings", "--from", day, "--days", "1"], environment: try server.env())
        #expect(text.status == 0 && text.stderr.isEmpty, "\(text.stderr)")
        #expect(text.stdout.contains("Listed \(server)\n  1 of 2 accepted   uid \(uid)\n"), "\(text.stdout)")
        #expect(text.stdout.contains("  bob@example.com    accepted       delivered\n"), "\(text.stdout)")
        #expect(text.stdout.contains("  carol@example.com  no answer yet  delivered\n"), "\(text.stdout)")

        let alice = try await person("alice", on: server)
        let mine = try #require(try await copy(of: uid, for: alice, from: start, to: start.adding(seconds: 3600)))
        try await alice.session.deleteObject(at: mine.url, ifMatch: try #require(mine.etag))
    }

    /// A lost update prevented: alice reads her meeting, bob accepts (the
    /// server rewrites alice's copy), alice's move with the ETag she read is
    /// refused with 412, and reading again shows what changed.
    @Test(arguments: Server.allCases)
    func aChangeBetweenReadAndWriteIsNotOverwritten(server: Server) async throws {
        let slot = try BookingIntegrationTests().freeSlot(server)
        let uid = "avail-race-\(UUID().uuidString)"
        let book = try runAvail(["book", "--at", slot + "Z", "--duration", "1h", "--title", "Race \(server)", "--uid", uid,
                                 "bob@example.com", "carol@example.com"], environment: try server.env())
        try #require(book.status == 0, "book: \(book.stderr)")
        let start = try Self.instant(slot), end = start.adding(seconds: 3600)
        let alice = try await person("alice", on: server)
        let bob = try await person("bob", on: server)
        let read = try #require(try await copy(of: uid, for: alice, from: start, to: end))
        let readMeeting = try Meeting(try CalendarObject(parsing: read.text))

        let bobCopy = try #require(try await copy(of: uid, for: bob, from: start, to: end))
        let accepted = try CalendarObject(parsing: bobCopy.text).answering(as: try CalendarUserAddress("bob@example.com"), .accepted, now: Self.now)
        _ = try await bob.session.replaceObject(accepted.iCalendarText, at: bobCopy.url, ifMatch: try #require(bobCopy.etag))

        let moved = try CalendarObject(parsing: read.text).moved(start: start.adding(seconds: 86_400), end: end.adding(seconds: 86_400), now: Self.now)
        await #expect(throws: CalDAVError.changedSinceRead(url: read.url.description), "on \(server)") {
            _ = try await alice.session.replaceObject(moved.iCalendarText, at: read.url, ifMatch: try #require(read.etag))
        }
        let now = try await alice.session.fetchObject(read.url)
        let difference = MeetingDifference(from: readMeeting, to: try Meeting(try CalendarObject(parsing: now.text)))
        #expect(difference.description == "bob@example.com: no answer yet → accepted", "on \(server)")
        // Nothing was moved.
        #expect(try Meeting(try CalendarObject(parsing: now.text)).start == start)
        try await alice.session.deleteObject(at: now.url, ifMatch: try #require(now.etag))
    }
}
}
