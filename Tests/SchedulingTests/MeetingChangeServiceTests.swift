import Testing
import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Meetings
@testable import Scheduling

/// The decisions after a booking against a recorded server: finding the
/// meeting, its own time counted as free when it moves, nothing written on a
/// conflict, a 412 answered with what changed, the unreached handed over.
@Suite struct MeetingChangeServiceTests {
    let f: ServiceFixture
    init() throws { f = try ServiceFixture() }

    static let calendar = "http://cal.example/alice/calendar/"

    /// Alice's stored copy: bob and carol invited, 8 December 10:00–11:00 UTC.
    func organizerCopy(uid: String = "m1@avail", title: String = "Planning", bob: String = "NEEDS-ACTION", start: Int = 10,
                       extra: String = "") -> String {
        """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//test//EN\r
        BEGIN:VEVENT\r
        UID:\(uid)\r
        DTSTAMP:20261207T120000Z\r
        DTSTART:202612\(String(format: "%02d", 8))T\(String(format: "%02d", start))0000Z\r
        DTEND:202612\(String(format: "%02d", 8))T\(String(format: "%02d", start + 1))0000Z\r
        SUMMARY:\(title)\r
        SEQUENCE:0\r
        ORGANIZER;CN=Alice:mailto:alice@example.com\r
        ATTENDEE;PARTSTAT=ACCEPTED:mailto:alice@example.com\r
        ATTENDEE;PARTSTAT=\(bob);SCHEDULE-STATUS=1.2:mailto:bob@example.com\r
        ATTENDEE;PARTSTAT=NEEDS-ACTION;SCHEDULE-STATUS=1.2:mailto:carol@example.com\r
        \(extra)END:VEVENT\r
        END:VCALENDAR\r

        """
    }

    func resource(_ name: String, _ text: String, etag: String = "\"v0\"") -> CalendarObjectResource {
        CalendarObjectResource(url: f.url(Self.calendar + name), etag: etag, text: text)
    }

    func service(_ objects: [CalendarObjectResource], busy: [BusyPeriod] = [], status: [String: String] = [:],
                 delivery: [String: String] = [:], change: (String, String)? = nil) throws -> (MeetingChangeService, RecordedServer) {
        var script = RecordedServer.Script(discoveries: [.success(f.discovery())],
                                           freeBusy: ServiceFixture.everyoneBusy(busy, organizer: f.alice, status: status))
        script.calendars = [Self.calendar: objects]
        script.objects = Dictionary(uniqueKeysWithValues: objects.map { ($0.url.description, $0) })
        script.deliveryStatus = delivery
        script.changeBeforeWrite = change.map { (url: $0.0, text: $0.1) }
        let server = RecordedServer(script)
        return (try #require(MeetingChangeService(FreeBusyService(server: server, cache: f.cache, policy: CachePolicy()))), server)
    }

    var utc: DisplayZone { DisplayZone.named("UTC")! }

    @Test func movingByHalfAnHourIsNotAConflictWithItself() async throws {
        defer { f.remove() }
        // Everyone's free/busy shows the meeting itself, 10:00–11:00.
        let (service, server) = try service([resource("m1@avail.ics", organizerCopy(bob: "ACCEPTED"))],
                                            busy: [BusyPeriod(start: f.at(8, 10), end: f.at(8, 11))])
        let m = try await service.find("m1@avail", in: f.window, organizer: nil, zone: utc)
        let attempt = try await service.moveIfFree(m, start: f.at(8, 10).adding(seconds: 1800), end: f.at(8, 11).adding(seconds: 1800),
                                                   force: false, now: f.now)
        #expect(attempt.busy.isEmpty, "\(attempt.busy)")
        let outcome = try #require(attempt.outcome)
        let after = try #require(outcome.after)
        #expect(after.start == f.at(8, 10).adding(seconds: 1800) && after.sequence == 1)
        #expect(after.invitees.allSatisfy { $0.participation == .needsAction && $0.rsvp })
        #expect(server.count(.replace(Self.calendar + "m1@avail.ics", ifMatch: "\"v0\"")) == 1, "If-Match on the ETag read")
        #expect(outcome.unreached.isEmpty)
    }

    @Test func busyTimeBesideTheOwnTimeStillCounts() async throws {
        defer { f.remove() }
        // Busy 10:00–12:00: the meeting itself and one more hour; a move to 10:30 finds 11:00–11:30 busy.
        let (service, server) = try service([resource("m1@avail.ics", organizerCopy())],
                                            busy: [BusyPeriod(start: f.at(8, 10), end: f.at(8, 12))])
        let m = try await service.find("m1@avail", in: f.window, organizer: nil, zone: utc)
        let attempt = try await service.moveIfFree(m, start: f.at(8, 10).adding(seconds: 1800), end: f.at(8, 11).adding(seconds: 1800),
                                                   force: false, now: f.now)
        #expect(attempt.outcome == nil)
        #expect(attempt.busy.map(\.attendee) == [f.bob, f.carol])
        #expect(attempt.busy.first?.busy == [BusyPeriod(start: f.at(8, 11), end: f.at(8, 11).adding(seconds: 1800))])
        #expect(server.writes == 0, "nothing may be written on a conflict")
        #expect(server.object(Self.calendar + "m1@avail.ics")?.etag == "\"v0\"")
    }

    @Test func forceMovesOntoAConflictAndNamesWhoIsBusy() async throws {
        defer { f.remove() }
        let (service, server) = try service([resource("m1@avail.ics", organizerCopy())],
                                            busy: [BusyPeriod(start: f.at(8, 14), end: f.at(8, 15))])
        let m = try await service.find("m1@avail", in: f.window, organizer: nil, zone: utc)
        let attempt = try await service.moveIfFree(m, start: f.at(8, 14), end: f.at(8, 15), force: true, now: f.now)
        #expect(attempt.busy.count == 2 && attempt.outcome?.after?.start == f.at(8, 14))
        #expect(server.writes == 1)
    }

    @Test func aChangeBetweenReadAndWriteIsReportedNotOverwritten() async throws {
        defer { f.remove() }
        let url = Self.calendar + "m1@avail.ics"
        let (service, server) = try service([resource("m1@avail.ics", organizerCopy())],
                                            change: (url, organizerCopy(bob: "ACCEPTED")))
        let m = try await service.find("m1@avail", in: f.window, organizer: nil, zone: utc)
        do {
            _ = try await service.moveIfFree(m, start: f.at(8, 14), end: f.at(8, 15), force: false, now: f.now)
            Issue.record("the move overwrote a change made since the read")
        } catch {
            guard case let .changedSinceRead(_, difference) = error else { Issue.record("\(error)"); return }
            #expect(difference.description == "bob@example.com: no answer yet → accepted")
        }
        // Bob's answer is what the server holds; the stale move was not written.
        let held = try Meeting(try CalendarObject(parsing: try #require(server.object(url)).text))
        #expect(held.start == f.at(8, 10) && held.invitees.first?.participation == .accepted)
    }

    @Test func cancelWithAStaleETagDeletesNothing() async throws {
        defer { f.remove() }
        let url = Self.calendar + "m1@avail.ics"
        let (service, server) = try service([resource("m1@avail.ics", organizerCopy())],
                                            change: (url, organizerCopy(title: "Planning (room changed)")))
        let m = try await service.find("m1@avail", in: f.window, organizer: nil, zone: utc)
        await #expect(throws: MeetingChangeError.self) { _ = try await service.cancel(m, keep: false, now: f.now) }
        #expect(server.object(url) != nil)
    }

    @Test func aTitleNamesOneMeetingOrTheCandidatesAreListed() async throws {
        defer { f.remove() }
        let (service, _) = try service([resource("a.ics", organizerCopy(uid: "a@x", title: "Sync")),
                                        resource("b.ics", organizerCopy(uid: "b@x", title: "Sync", start: 14)),
                                        resource("c.ics", organizerCopy(uid: "c@x", title: "Review"))])
        let found = try await service.find("review", in: f.window, organizer: nil, zone: utc)
        #expect(found.meeting.uid == "c@x" && found.etag == "\"v0\"")
        do {
            _ = try await service.find("Sync", in: f.window, organizer: nil, zone: utc)
            Issue.record("an ambiguous title was taken")
        } catch {
            guard case let .ambiguous(_, candidates) = error else { Issue.record("\(error)"); return }
            #expect(candidates.map(\.uid) == ["a@x", "b@x"])
        }
        do {
            _ = try await service.find("Retro", in: f.window, organizer: nil, zone: utc)
            Issue.record("a title nobody has was found")
        } catch {
            guard case .notFound = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("searched 2026-12-07"))
        }
    }

    /// A title costs no GET per calendar for a `<title>.ics` that is not
    /// there: the window is searched first, and only the meeting found is read.
    @Test func aTitleIsSearchedInTheWindowWithoutGuessingResourceNames() async throws {
        defer { f.remove() }
        let (service, server) = try service([resource("c.ics", organizerCopy(uid: "c@x", title: "Review"))])
        let found = try await service.find("Review", in: f.window, organizer: nil, zone: utc)
        #expect(found.meeting.uid == "c@x")
        let gets = server.calls.compactMap { if case let .fetchObject(url) = $0 { return url } else { return nil } }
        #expect(gets == [Self.calendar + "c.ics"], "\(server.calls)")
        #expect(server.count(.calendarObjects(Self.calendar)) == 1)
    }

    /// A UID is fetched by name first (no REPORT when it is there); a plain
    /// word that is a UID outside the window is still found, after the search.
    @Test func aUIDIsFetchedByNameFirstAndAWordLastOfAll() async throws {
        defer { f.remove() }
        let (byUID, server) = try service([resource("m1@avail.ics", organizerCopy())])
        _ = try await byUID.find("m1@avail", in: f.window, organizer: nil, zone: utc)
        #expect(server.calls.filter { if case .calendarObjects = $0 { return true } else { return false } }.isEmpty, "\(server.calls)")
        #expect(server.count(.fetchObject(Self.calendar + "m1@avail.ics")) == 1)

        let early = TimeWindow(start: f.at(1, 0), end: f.at(2, 0))!
        let (other, recorded) = try service([resource("standup.ics", organizerCopy(uid: "standup"))])
        let found = try await other.find("standup", in: early, organizer: nil, zone: utc)
        #expect(found.meeting.uid == "standup")
        let searched = try #require(recorded.calls.firstIndex(of: RecordedServer.Call.calendarObjects(Self.calendar)))
        let fetched = try #require(recorded.calls.firstIndex(of: RecordedServer.Call.fetchObject(Self.calendar + "standup.ics")))
        #expect(searched < fetched, "\(recorded.calls)")
        #expect(MeetingChangeService.looksLikeUID("2c1f0e4a-9b7d-4c1e-8f00-123456789abc") && MeetingChangeService.looksLikeUID("x@avail"))
        #expect(!MeetingChangeService.looksLikeUID("Planning") && !MeetingChangeService.looksLikeUID("Team sync 2026"))
    }

    @Test func someoneElsesMeetingIsNotChanged() async throws {
        defer { f.remove() }
        let text = organizerCopy().replacingOccurrences(of: "ORGANIZER;CN=Alice:mailto:alice@example.com", with: "ORGANIZER:mailto:dave@example.com")
        let (service, _) = try service([resource("m1@avail.ics", text)])
        await #expect(throws: MeetingChangeError.self) { _ = try await service.find("m1@avail", in: f.window, organizer: nil, zone: self.utc) }
    }

    @Test func anUnreachedInviteeGetsTheFileAndIsLeftToTheClient() async throws {
        defer { f.remove() }
        let nobody = CalendarUserAddress(uncheckedURI: "mailto:nobody@example.com")
        let (service, server) = try service([resource("m1@avail.ics", organizerCopy())], delivery: [nobody.matchKey: "3.7"])
        let m = try await service.find("m1@avail", in: f.window, organizer: nil, zone: utc)
        let outcome = try await service.invite([.init(address: nobody, name: "No Body")], to: m, now: f.now)
        #expect(outcome.unreached.map(\.address) == [nobody], "only the new one, whose delivery failed")
        let handOver = try await service.handOver(outcome, method: .request)
        let message = try #require(handOver?.message), handed = try #require(handOver?.outcome)
        #expect(message.method == .request && message.recipients == [nobody])
        #expect(message.iCalendarText.contains("METHOD:REQUEST\r\n") && !message.iCalendarText.contains("SCHEDULE-AGENT"))
        let stored = try #require(server.object(Self.calendar + "m1@avail.ics"))
        #expect(stored.etag == handed.stored?.etag)
        let agents = try Meeting(try CalendarObject(parsing: stored.text)).invitees.map { "\($0.address.displayString) \($0.scheduleAgent)" }
        #expect(agents == ["bob@example.com server", "carol@example.com server", "nobody@example.com client"])
        #expect(server.writes == 2, "the invitation, then the marking, each with If-Match")
    }

    @Test func everyoneReachedMeansNoFile() async throws {
        defer { f.remove() }
        let (service, _) = try service([resource("m1@avail.ics", organizerCopy())])
        let m = try await service.find("m1@avail", in: f.window, organizer: nil, zone: utc)
        let outcome = try await service.cancel(m, keep: true, now: f.now)
        #expect(outcome.after?.isCancelled == true)
        let handOver = try await service.handOver(outcome, method: .cancel)
        #expect(handOver == nil)
    }

    @Test func aDeletedMeetingsUnreachedGetACancelFromTheCopyAsItWas() async throws {
        defer { f.remove() }
        let text = organizerCopy().replacingOccurrences(of: "SCHEDULE-STATUS=1.2:mailto:carol", with: "SCHEDULE-STATUS=3.7:mailto:carol")
        let (service, server) = try service([resource("m1@avail.ics", text)])
        let m = try await service.find("m1@avail", in: f.window, organizer: nil, zone: utc)
        let outcome = try await service.cancel(m, keep: false, now: f.now)
        #expect(server.object(Self.calendar + "m1@avail.ics") == nil)
        #expect(outcome.unreached.map(\.address) == [f.carol])
        let handOver = try await service.handOver(outcome, method: .cancel)
        let message = try #require(handOver?.message)
        #expect(message.iCalendarText.contains("METHOD:CANCEL\r\n") && message.iCalendarText.contains("STATUS:CANCELLED\r\n"))
        #expect(message.iCalendarText.contains("mailto:carol@example.com") && !message.iCalendarText.contains("mailto:bob@example.com"))
    }
}

extension MeetingChangeServiceTests {
    /// The cached answers over the old time are dropped; the new time is asked again and cached.
    @Test func aMoveRefreshesTheCacheItTouched() async throws {
        defer { f.remove() }
        let (service, server) = try service([resource("m1@avail.ics", organizerCopy())])
        let old = TimeWindow(start: f.at(8, 10), end: f.at(8, 11))!
        try f.cacheAnswer(f.bob, window: old, age: 1, busy: [BusyPeriod(start: f.at(8, 10), end: f.at(8, 11))])
        #expect(f.cache.lookup(f.bob, window: old) != nil)
        let m = try await service.find("m1@avail", in: f.window, organizer: nil, zone: utc)
        _ = try await service.moveIfFree(m, start: f.at(8, 14), end: f.at(8, 15), force: false, now: f.now)
        #expect(f.cache.lookup(f.bob, window: old) == nil, "the answer for the old time is stale now")
        #expect(f.cache.lookup(f.bob, window: TimeWindow(start: f.at(8, 14), end: f.at(8, 15))!) != nil, "the new time is asked again")
        #expect(server.freeBusyCalls.count == 2, "the check, then the re-ask after the move")
    }
}
