import Testing
import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Meetings
@testable import Scheduling

/// `moveOccurrenceIfFree`: one occurrence of a series moved on its own,
/// its old time counted as free, and a server that refuses changed
/// occurrences (DAViCal's 500) named as such, with nothing changed.
extension MeetingChangeServiceTests {
    func seriesService(busy: [BusyPeriod], replaceFailure: CalDAVError? = nil) throws -> (MeetingChangeService, RecordedServer) {
        let objects = [resource("s1@avail.ics", organizerCopy(uid: "s1@avail", title: "Daily", extra: "RRULE:FREQ=DAILY;COUNT=5\r\n"))]
        var script = RecordedServer.Script(discoveries: [.success(f.discovery())],
                                           freeBusy: ServiceFixture.everyoneBusy(busy, organizer: f.alice, status: [:]))
        script.calendars = [Self.calendar: objects]
        script.objects = Dictionary(uniqueKeysWithValues: objects.map { ($0.url.description, $0) })
        script.replaceFailure = replaceFailure
        let server = RecordedServer(script)
        return (try #require(MeetingChangeService(FreeBusyService(server: server, cache: f.cache, policy: CachePolicy()))), server)
    }

    @Test func oneOccurrenceMovesAsAnInstanceAndItsOldTimeIsFree() async throws {
        defer { f.remove() }
        // Everyone is busy with the occurrence itself (8 Dec 10:00–11:00) and, a day later, with the next one.
        let (service, server) = try seriesService(busy: [BusyPeriod(start: f.at(8, 10), end: f.at(8, 11))])
        let m = try await service.find("s1@avail", in: f.window, organizer: nil, zone: utc)
        let (attempt, old) = try await service.moveOccurrenceIfFree(m, at: f.at(8, 10), written: "8 Dec 10:00", start: f.at(8, 10).adding(seconds: 1800),
                                                                    length: nil, within: f.window, zone: utc, force: false, now: f.now)
        #expect(old == TimeSpan(start: f.at(8, 10), end: f.at(8, 11)))
        #expect(attempt.busy.isEmpty, "its own old time counted as busy: \(attempt.busy)")
        let stored = try CalendarObject(parsing: try #require(server.object(Self.calendar + "s1@avail.ics")).text)
        let instances = stored.calendar.components.filter { $0.property("RECURRENCE-ID") != nil }
        #expect(instances.map { $0.property("RECURRENCE-ID")?.value } == ["20261208T100000Z"])
        #expect(instances.first?.property("DTSTART")?.value == "20261208T103000Z" && instances.first?.property("DTEND")?.value == "20261208T113000Z")
        #expect(stored.event.property("RRULE")?.value == "FREQ=DAILY;COUNT=5" && stored.event.property("DTSTART")?.value == "20261208T100000Z")
        #expect(server.count(.replace(Self.calendar + "s1@avail.ics", ifMatch: "\"v0\"")) == 1, "If-Match on the ETag read")
    }

    @Test func busyAtTheNewTimeStoresNothing() async throws {
        defer { f.remove() }
        let (service, server) = try seriesService(busy: [BusyPeriod(start: f.at(8, 14), end: f.at(8, 15))])
        let m = try await service.find("s1@avail", in: f.window, organizer: nil, zone: utc)
        let (attempt, _) = try await service.moveOccurrenceIfFree(m, at: f.at(8, 10), written: "8 Dec 10:00", start: f.at(8, 14),
                                                                  length: nil, within: f.window, zone: utc, force: false, now: f.now)
        #expect(attempt.outcome == nil && attempt.busy.map(\.attendee) == [f.bob, f.carol])
        #expect(server.writes == 0)
    }

    @Test func aServerErrorOnTheInstanceIsARefusalOfChangedOccurrences() async throws {
        defer { f.remove() }
        let url = Self.calendar + "s1@avail.ics"
        let (service, server) = try seriesService(busy: [], replaceFailure: .refused(status: 500, url: url, message: "DAViCal Fatal Error"))
        let m = try await service.find("s1@avail", in: f.window, organizer: nil, zone: utc)
        do {
            _ = try await service.moveOccurrenceIfFree(m, at: f.at(8, 10), written: "8 Dec 10:00", start: f.at(8, 14),
                                                       length: nil, within: f.window, zone: utc, force: false, now: f.now)
            Issue.record("a 500 to the instance was taken for a success")
        } catch {
            guard case let .occurrenceRefused(refused, status) = error else { Issue.record("\(error)"); return }
            #expect(refused == url && status == 500)
            #expect(error.description.contains("the server refuses a changed occurrence (HTTP 500") && error.description.contains("nothing was changed"))
        }
        #expect(server.object(url)?.etag == "\"v0\"")
    }

    @Test func aPassingServerFailureIsNotTakenForARefusal() async throws {
        defer { f.remove() }
        let url = Self.calendar + "s1@avail.ics"
        let (service, _) = try seriesService(busy: [], replaceFailure: .refused(status: 503, url: url, message: "Service Unavailable"))
        let m = try await service.find("s1@avail", in: f.window, organizer: nil, zone: utc)
        do {
            _ = try await service.moveOccurrenceIfFree(m, at: f.at(8, 10), written: "8 Dec 10:00", start: f.at(8, 14),
                                                       length: nil, within: f.window, zone: utc, force: false, now: f.now)
            Issue.record("a 503 was taken for a success")
        } catch {
            guard case .server(.refused(503, _, _)) = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func anOccurrenceThatIsNotThereIsNamed() async throws {
        defer { f.remove() }
        let (service, server) = try seriesService(busy: [])
        let m = try await service.find("s1@avail", in: f.window, organizer: nil, zone: utc)
        await #expect(throws: MeetingChangeError.self) {
            _ = try await service.moveOccurrenceIfFree(m, at: f.at(8, 11), written: "8 Dec 11:00", start: f.at(8, 14),
                                                       length: nil, within: f.window, zone: utc, force: false, now: f.now)
        }
        #expect(server.writes == 0)
    }
}
