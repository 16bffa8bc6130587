import FreeBusy
import HTTPClient
import ICalendar
import WebDAV
import TextUtilities

/// The user's working hours on the server: `CALDAV:calendar-availability`
/// on their schedule Inbox (RFC 7953 §7.2.4), read with PROPFIND, written and
/// cleared with PROPPATCH, and checked for effect with a free/busy request.
extension CalDAVSession {
    /// The principal's schedule Inbox (RFC 6638 §2.2.1), where the property lives.
    public func scheduleInbox(principal: HTTPURL) async throws(CalDAVError) -> HTTPURL {
        let (ms, response) = try await propfind(principal, properties: [.scheduleInboxURL])
        guard let href = ms.responses.first?.hrefs(in: .scheduleInboxURL).first, let inbox = response.url.resolving(href) else {
            throw .noScheduling(server: account.serverName, principal: principal.description)
        }
        return inbox
    }

    /// The VCALENDAR text of the property, or nil when it is not set (a 404
    /// propstat, or an empty value). Other people may not read it (Cyrus: 403).
    public func calendarAvailability(inbox: HTTPURL) async throws(CalDAVError) -> String? {
        let (ms, _) = try await propfind(inbox, properties: [.calendarAvailability])
        guard let entry = ms.responses.first else {
            throw .badAnswer(url: inbox.description, detail: "empty multistatus for the schedule inbox")
        }
        if let p = entry.property(.calendarAvailability) {
            let text = p.allText
            return text.trimmingWhitespace.isEmpty ? nil : text
        }
        for ps in entry.propstats where (ps.status == 403 || ps.status == 401)
            && ps.properties.contains(where: { $0.isNamed(QualifiedName.calendarAvailability.name, in: Namespace.caldav) }) {
            throw .refused(status: ps.status ?? 403, url: inbox.description,
                           message: "\(ps.status ?? 403): \(account.credentials?.user ?? "this user") may not read CALDAV:calendar-availability on \(inbox)")
        }
        return nil
    }

    /// Stores working hours (a VCALENDAR with one VAVAILABILITY) on the inbox.
    /// A 2xx says only that the server kept it: `verifyAvailability` says
    /// whether it acts on it.
    public func setCalendarAvailability(_ iCalendarText: String, inbox: HTTPURL) async throws(CalDAVError) {
        try await proppatch(inbox, PropertyUpdate(set: [(.calendarAvailability, iCalendarText)]),
                            action: "store CALDAV:calendar-availability")
    }

    /// Removes the property; a server that applied it answers as before.
    public func removeCalendarAvailability(inbox: HTTPURL) async throws(CalDAVError) {
        try await proppatch(inbox, PropertyUpdate(remove: [.calendarAvailability]), action: "remove CALDAV:calendar-availability")
    }

    /// Asks for the user's own free/busy over `window` and judges whether the
    /// unavailable time the hours should give (`expected`) is there.
    public func verifyAvailability(expected: [BusyPeriod], window: TimeWindow, organizer: CalendarUserAddress,
                                   outbox: HTTPURL, timestamp: UTCInstant, draftHeaders: Bool = false)
        async throws(CalDAVError) -> AvailabilityVerdict
    {
        let request = FreeBusyRequest(organizer: organizer, attendees: [organizer], window: window,
                                      uid: "avail-hours-check-\(UInt64.random(in: 0...UInt64.max))", timestamp: timestamp)
        let result = try await queryFreeBusy(request, outbox: outbox, draftHeaders: draftHeaders)
        guard let mine = result.recipients.first else { return .unknown("the server's answer named no recipient") }
        guard mine.status.isSuccess, let busy = mine.busy else {
            return .unknown("the server answered \(mine.status) for \(organizer.uri)\(mine.problem.map { " (\($0))" } ?? "")")
        }
        return AvailabilityVerdict.judge(expected: expected, answered: busy)
    }

    /// PROPPATCH, read as RFC 4918 §9.2.1 says: the whole update is applied or
    /// none of it, and a 207 lists per property whether it was (a property
    /// with a non-2xx propstat failed; 424 marks those that failed because
    /// another did).
    private func proppatch(_ url: HTTPURL, _ update: PropertyUpdate, action: String) async throws(CalDAVError) {
        let response = try await perform(method: "PROPPATCH", url: url,
                                         headers: [HTTPHeader("Content-Type", "application/xml; charset=utf-8")],
                                         body: Array(update.xmlBody.utf8))
        if response.status == 200 || response.status == 204 { return }
        guard response.status == 207 else {
            throw .refused(status: response.status, url: url.description,
                           message: RefusalMessage.describe(response, action: action, user: account.credentials?.user))
        }
        let ms: Multistatus
        do { ms = try Multistatus.parse(response.body) } catch {
            throw .badAnswer(url: url.description, detail: error.description)
        }
        if let failure = Self.proppatchFailure(ms, url: url, action: action) { throw failure }
    }

    /// The refusal a PROPPATCH's 207 carries, or nil when every propstat is
    /// 2xx. The first failure that is not 424 Failed Dependency is the cause.
    static func proppatchFailure(_ ms: Multistatus, url: HTTPURL, action: String) -> CalDAVError? {
        let failed = ms.responses.flatMap(\.propstats).filter { ($0.status ?? 200) / 100 != 2 }
        guard let worst = failed.first(where: { $0.status != 424 }) ?? failed.first else { return nil }
        let status = worst.status ?? 500
        let names = worst.properties.map { e in e.namespace == Namespace.caldav ? "CALDAV:\(e.name)" : e.name }.joined(separator: ", ")
        return .refused(status: status, url: url.description,
                        message: "\(status): the server did not \(action) on \(url)\(names.isEmpty ? "" : " (\(names))")")
    }
}
