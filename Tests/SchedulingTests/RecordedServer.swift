@testable import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar
import Meetings
import Scheduling
import Synchronization

/// A SchedulingServer with recorded answers: what each call returns is set
/// up front, and every call is counted, so a test can say both what the
/// service decided and whether it went to the network for it.
final class RecordedServer: SchedulingServer {
    /// What the server would answer; the POST's answer may depend on the outbox and the request.
    struct Script: Sendable {
        var discoveries: [Result<DiscoveryResult, CalDAVError>] = []
        var freeBusy: @Sendable (FreeBusyRequest, HTTPURL) -> Result<FreeBusyResult, CalDAVError> = { r, _ in
            .failure(.network(.cannotConnect("http://cal.example/", detail: "no answer recorded for \(r.attendees)")))
        }
        var published: [String: RecipientResult] = [:]
        var storeResult: Result<StoredEvent, CalDAVError>? = nil
        var storedEventText: String = ""
        /// Calendars by URL, each with its events.
        var calendars: [String: [CalendarObjectResource]] = [:]
        /// What the RRULE prop-filter query answers per calendar URL (none when absent).
        var recurring: [String: Result<[CalendarObjectResource], CalDAVError>] = [:]
        var inbox: Result<[CalendarObjectResource], CalDAVError> = .success([])
        /// The directory's rooms, or its failure.
        var rooms: Result<[DirectoryEntry], CalDAVError> = .success([])
        /// Stored objects by URL, each with its current ETag: GET, PUT and
        /// DELETE with If-Match work on them as a server would (412 on a stale ETag).
        var objects: [String: CalendarObjectResource] = [:]
        /// Someone else's change, made to the object at this URL just before
        /// the next PUT or DELETE arrives (the race between read and write).
        var changeBeforeWrite: (url: String, text: String)? = nil
        /// What a PUT of an existing object answers instead of storing it (DAViCal's 500).
        var replaceFailure: CalDAVError? = nil
        /// The SCHEDULE-STATUS the "server" writes per attendee on each PUT
        /// (by matchKey; 1.2 for anyone not named), unless SCHEDULE-AGENT=CLIENT.
        var deliveryStatus: [String: String] = [:]
        var etagCounter = 0
        /// When set, the POST with a per-batch callback answers in batches of
        /// this many, each handed to the callback in turn (as parallel POSTs would).
        var batchSize: Int? = nil
        /// Called between batches, so a test can look at what the first ones delivered.
        var betweenBatches: @Sendable () -> Void = {}
        /// What OPTIONS answers in its `DAV:` header, on any URL.
        var davClasses: [String] = []
    }

    /// Every call, in order.
    enum Call: Equatable, Sendable {
        case discover
        case identity
        case freeBusy(outbox: String, attendees: [String], window: TimeWindow)
        case published(String)
        case search(String)
        case defaultCalendar
        case store(uid: String)
        case capabilities
        case fetchEvent
        case eventCalendars
        case calendarObjects(String)
        case recurringCalendarObjects(String)
        case inbox
        case findRooms
        case fetchObject(String)
        case replace(String, ifMatch: String)
        case delete(String, ifMatch: String)
    }

    private let script: Mutex<Script>
    private let log = Mutex<[Call]>([])
    /// The batch policy of each POST the service asked for, in order.
    let policies = Mutex<[BatchPolicy]>([])
    /// Whether the last POST carried the draft-era Originator/Recipient headers.
    let lastDraftHeaders = Mutex<Bool?>(nil)

    init(_ script: Script) { self.script = Mutex(script) }

    var calls: [Call] { log.withLock { $0 } }
    var freeBusyCalls: [Call] { calls.filter { if case .freeBusy = $0 { return true } else { return false } } }
    func count(_ call: Call) -> Int { calls.filter { $0 == call }.count }
    var stores: Int { calls.filter { if case .store = $0 { return true } else { return false } }.count }

    private func record(_ c: Call) { log.withLock { $0.append(c) } }

    /// `needsName` of each discovery asked for, in order.
    let namesNeeded = Mutex<[Bool]>([])

    func discover(needsName: Bool) async throws(CalDAVError) -> DiscoveryResult {
        record(.discover)
        namesNeeded.withLock { $0.append(needsName) }
        let next: Result<DiscoveryResult, CalDAVError>? = script.withLock { s in
            s.discoveries.count > 1 ? s.discoveries.removeFirst() : s.discoveries.first
        }
        guard let next else { throw .discoveryFailed(url: "http://cal.example/", detail: "no discovery recorded") }
        return try next.get()
    }

    func discover() async throws(CalDAVError) -> DiscoveryResult {
        try await discover(needsName: true)
    }

    func identity() async throws(CalDAVError) -> AccountIdentity {
        try await identity(needsName: true)
    }

    func identity(needsName: Bool) async throws(CalDAVError) -> AccountIdentity {
        record(.identity)
        return try await discover(needsName: needsName).identity
    }

    func queryFreeBusy(_ request: FreeBusyRequest, outbox: HTTPURL, draftHeaders: Bool) async throws(CalDAVError) -> FreeBusyResult {
        record(.freeBusy(outbox: outbox.description, attendees: request.attendees.map(\.uri), window: request.window))
        let answer = script.withLock { $0.freeBusy }
        return try answer(request, outbox).get()
    }

    func queryFreeBusy(_ request: FreeBusyRequest, outbox: HTTPURL, draftHeaders: Bool, policy: BatchPolicy,
                       onAnswer: (@Sendable (FreeBusyBatchAnswer) -> Void)?) async throws(CalDAVError) -> FreeBusyResult {
        policies.withLock { $0.append(policy) }
        lastDraftHeaders.withLock { $0 = draftHeaders }
        let (size, between) = script.withLock { ($0.batchSize, $0.betweenBatches) }
        guard let onAnswer else { return try await queryFreeBusy(request, outbox: outbox, draftHeaders: draftHeaders) }
        let result = try await queryFreeBusy(request, outbox: outbox, draftHeaders: draftHeaders)
        let step = max(1, size ?? result.recipients.count)
        for start in stride(from: 0, to: result.recipients.count, by: step) {
            if start > 0 { between() }
            let end = min(start + step, result.recipients.count)
            onAnswer(FreeBusyBatchAnswer(positions: start..<end, recipients: Array(result.recipients[start..<end])))
        }
        return result
    }

    func publishedFreeBusy(_ attendee: CalendarUserAddress, url: HTTPURL, window: TimeWindow) async -> RecipientResult {
        record(.published(url.description))
        return script.withLock { $0.published[attendee.matchKey] }
            ?? RecipientResult(recipient: attendee, status: .noAnswer("Not published"), busy: nil, problem: "404")
    }

    func searchPrincipals(_ text: String, principal: HTTPURL) async throws(CalDAVError) -> [PersonMatch] {
        record(.search(text))
        return []
    }

    func findRooms(principal: HTTPURL, matching text: String?) async throws(CalDAVError) -> [DirectoryEntry] {
        record(.findRooms)
        return try script.withLock { $0.rooms }.get()
    }

    func defaultEventCalendar(principal: HTTPURL) async throws(CalDAVError) -> EventCalendar {
        record(.defaultCalendar)
        guard let url = HTTPURL(string: "http://cal.example/alice/calendar/") else { throw .invalidConfiguration("url") }
        return EventCalendar(url: url, name: "Calendar", source: "recorded")
    }

    func storeNewEvent(_ text: String, uid: String, in calendar: EventCalendar) async throws(CalDAVError) -> StoredEvent {
        record(.store(uid: uid))
        if let r = script.withLock({ $0.storeResult }) { return try r.get() }
        guard let url = HTTPURL(string: calendar.url.description + "event.ics") else { throw .invalidConfiguration("url") }
        script.withLock { $0.storedEventText = text }
        return StoredEvent(url: url, etag: nil, scheduleTag: nil, davCapabilities: ["calendar-auto-schedule"])
    }

    func capabilities(of url: HTTPURL) async throws(CalDAVError) -> [String] {
        record(.capabilities)
        return script.withLock { $0.davClasses }
    }

    func fetchEvent(_ url: HTTPURL) async throws(CalDAVError) -> String {
        record(.fetchEvent)
        return script.withLock { $0.storedEventText }
    }

    func eventCalendars(principal: HTTPURL) async throws(CalDAVError) -> [EventCalendar] {
        record(.eventCalendars)
        return script.withLock { $0.calendars.keys.sorted() }.compactMap { HTTPURL(string: $0) }
            .map { EventCalendar(url: $0, name: nil, source: "recorded") }
    }

    func calendarObjects(in calendar: HTTPURL, from start: UTCInstant, to end: UTCInstant) async throws(CalDAVError) -> [CalendarObjectResource] {
        record(.calendarObjects(calendar.description))
        return script.withLock { $0.calendars[calendar.description] } ?? []
    }

    func recurringCalendarObjects(in calendar: HTTPURL) async throws(CalDAVError) -> [CalendarObjectResource] {
        record(.recurringCalendarObjects(calendar.description))
        return try (script.withLock { $0.recurring[calendar.description] } ?? .success([])).get()
    }

    func scheduleInboxItems(principal: HTTPURL) async throws(CalDAVError) -> [CalendarObjectResource] {
        record(.inbox)
        return try script.withLock { $0.inbox }.get()
    }

    var writes: Int { calls.filter { if case .replace = $0 { return true } else if case .delete = $0 { return true } else { return false } }.count }
    func object(_ url: String) -> CalendarObjectResource? { script.withLock { $0.objects[url] } }

    func fetchObject(_ url: HTTPURL) async throws(CalDAVError) -> CalendarObjectResource {
        record(.fetchObject(url.description))
        guard let o = script.withLock({ $0.objects[url.description] }) else {
            throw .refused(status: 404, url: url.description, message: "404 Not Found")
        }
        return o
    }

    func replaceObject(_ text: String, at url: HTTPURL, ifMatch etag: String) async throws(CalDAVError) -> CalendarObjectResource {
        record(.replace(url.description, ifMatch: etag))
        let result: Result<CalendarObjectResource, CalDAVError> = script.withLock { s in
            Self.interfere(&s)
            if let failure = s.replaceFailure { return .failure(failure) }
            guard let current = s.objects[url.description] else { return .failure(.refused(status: 404, url: url.description, message: "404")) }
            guard current.etag == etag else { return .failure(.changedSinceRead(url: url.description)) }
            s.etagCounter += 1
            let stored = CalendarObjectResource(url: url, etag: "\"v\(s.etagCounter)\"", text: Self.delivered(text, s.deliveryStatus))
            s.objects[url.description] = stored
            return .success(stored)
        }
        return try result.get()
    }

    func deleteObject(at url: HTTPURL, ifMatch etag: String) async throws(CalDAVError) {
        record(.delete(url.description, ifMatch: etag))
        let result: Result<Void, CalDAVError> = script.withLock { s in
            Self.interfere(&s)
            guard let current = s.objects[url.description] else { return .failure(.refused(status: 404, url: url.description, message: "404")) }
            guard current.etag == etag else { return .failure(.changedSinceRead(url: url.description)) }
            s.objects[url.description] = nil
            return .success(())
        }
        try result.get()
    }

    private static func interfere(_ s: inout Script) {
        guard let change = s.changeBeforeWrite, let url = HTTPURL(string: change.url) else { return }
        s.changeBeforeWrite = nil
        s.etagCounter += 1
        s.objects[change.url] = CalendarObjectResource(url: url, etag: "\"v\(s.etagCounter)\"", text: change.text)
    }

    /// The text as a scheduling server stores it: SCHEDULE-STATUS on every
    /// attendee it schedules (RFC 6638 §7.3), none on the organizer's own line.
    static func delivered(_ text: String, _ status: [String: String]) -> String {
        guard var object = try? CalendarObject(parsing: text), let meeting = try? Meeting(object) else { return text }
        for c in object.calendar.components.indices where object.calendar.components[c].name == "VEVENT" {
            for i in object.calendar.components[c].properties.indices where object.calendar.components[c].properties[i].name == "ATTENDEE" {
                var line = object.calendar.components[c].properties[i]
                let who = CalendarUserAddress(uncheckedURI: line.value)
                guard who.matchKey != meeting.organizer?.matchKey, line.parameter("SCHEDULE-AGENT")?.uppercased() != "CLIENT" else { continue }
                line.parameters.removeAll { $0.name == "SCHEDULE-STATUS" }
                line.parameters.append(.init(name: "SCHEDULE-STATUS", values: [status[who.matchKey] ?? "1.2"]))
                object.calendar.components[c].properties[i] = line
            }
        }
        return object.iCalendarText
    }
}
