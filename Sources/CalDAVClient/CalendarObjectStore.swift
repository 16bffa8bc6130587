import HTTPClient
import ICalendar
import TextUtilities
import WebDAV

/// One calendar object resource as read from the server: where it is, its
/// ETag (for If-Match on the next change) and its text.
public struct CalendarObjectResource: Equatable, Sendable {
    public var url: HTTPURL
    /// Nil when the server sent none; a change then cannot be made safely.
    public var etag: String?
    /// RFC 6638 §3.2.10 (Cyrus sends one, DAViCal does not).
    public var scheduleTag: String?
    public var text: String

    public init(url: HTTPURL, etag: String?, scheduleTag: String? = nil, text: String) {
        self.url = url
        self.etag = etag
        self.scheduleTag = scheduleTag
        self.text = text
    }
}

/// Reading and changing the events already stored: the organizer's meetings
/// after booking (RFC 4791 §7.8 calendar-query, RFC 6638 §3.2 implicit
/// scheduling on every change, RFC 9110 §13.1.1 If-Match against lost updates).
extension CalDAVSession {
    /// Every calendar in the principal's `CALDAV:calendar-home-set` that takes
    /// events (RFC 4791 §5.2.3: no supported-calendar-component-set means all
    /// kinds); the scheduling Inbox and Outbox are not calendars of events.
    public func eventCalendars(principal: HTTPURL) async throws(CalDAVError) -> [EventCalendar] {
        let (ms, response) = try await propfind(principal, properties: [.calendarHomeSet])
        guard let homeHref = ms.responses.first?.hrefs(in: .calendarHomeSet).first, let home = response.url.resolving(homeHref) else {
            throw .noCalendar(principal: principal.description, detail: "the principal has no calendar-home-set")
        }
        return try await eventCalendars(inHome: home)
    }

    /// The calendars in a calendar home that take events: collections of type
    /// `CALDAV:calendar` that are not the scheduling Inbox or Outbox, whose
    /// supported-calendar-component-set (RFC 4791 §5.2.3; absent means every
    /// kind) names VEVENT. In the server's order.
    func eventCalendars(inHome home: HTTPURL) async throws(CalDAVError) -> [EventCalendar] {
        let (hms, hresponse) = try await propfind(home, depth: 1, properties: [.resourceType, .supportedCalendarComponentSet, .displayName])
        var calendars: [EventCalendar] = []
        for r in hms.responses {
            guard let type = r.property(.resourceType),
                  type.child("calendar", in: Namespace.caldav) != nil,
                  type.child("schedule-inbox", in: Namespace.caldav) == nil,
                  type.child("schedule-outbox", in: Namespace.caldav) == nil,
                  let url = hresponse.url.resolving(r.href)
            else { continue }
            if let set = r.property(.supportedCalendarComponentSet) {
                let comps = set.children("comp", in: Namespace.caldav).compactMap { $0.attribute("name")?.uppercased() }
                guard comps.contains("VEVENT") else { continue }
            }
            let name = r.property(.displayName)?.allText.trimmingWhitespace
            calendars.append(EventCalendar(url: url, name: (name?.isEmpty ?? true) ? nil : name, source: "calendar-home-set"))
        }
        return calendars
    }

    /// The events of a calendar that overlap [start, end) (RFC 4791 §7.8,
    /// §9.9), each with its ETag and text.
    public func calendarObjects(in calendar: HTTPURL, from start: UTCInstant, to end: UTCInstant)
        async throws(CalDAVError) -> [CalendarObjectResource]
    {
        try await calendarQuery(calendar, CalendarQueryRequest(timeRange: (start.iCalendarString, end.iCalendarString)))
    }

    /// The items in the user's scheduling Inbox (RFC 6638 §2.2): the replies
    /// to their meetings, and invitations and cancellations from others.
    /// Read only: avail never deletes from the Inbox (the user's other
    /// clients process it). Read with one calendar-query where the server
    /// takes it, else one GET per item.
    public func scheduleInboxItems(principal: HTTPURL) async throws(CalDAVError) -> [CalendarObjectResource] {
        let (ms, response) = try await propfind(principal, properties: [.scheduleInboxURL])
        guard let href = ms.responses.first?.hrefs(in: .scheduleInboxURL).first, let inbox = response.url.resolving(href) else {
            throw .noScheduling(server: account.serverName, principal: principal.description)
        }
        do {
            return try await calendarQuery(inbox, CalendarQueryRequest(timeRange: nil))
        } catch .refused(_, _, _) {
            let (items, itemsResponse) = try await propfind(inbox, depth: 1, properties: [.resourceType, .getETag])
            var out: [CalendarObjectResource] = []
            for item in items.responses {
                guard let url = itemsResponse.url.resolving(item.href), url.path != itemsResponse.url.path,
                      item.property(.resourceType)?.child("collection", in: Namespace.dav) == nil else { continue }
                out.append(try await fetchObject(url))
            }
            return out
        }
    }

    /// One event as stored, with the ETag to change it by (RFC 9110 §8.8.3).
    public func fetchObject(_ url: HTTPURL) async throws(CalDAVError) -> CalendarObjectResource {
        let response = try await perform(method: "GET", url: url, headers: [HTTPHeader("Accept", "text/calendar")])
        guard response.status == 200 else {
            throw .refused(status: response.status, url: url.description,
                           message: RefusalMessage.describe(response, action: "GET", user: account.credentials?.user))
        }
        return CalendarObjectResource(url: response.url, etag: response.header("ETag"), scheduleTag: response.header("Schedule-Tag"),
                                      text: response.bodyText)
    }

    /// Replaces a stored event only if it is still the version read
    /// (`If-Match`, RFC 9110 §13.1.1; RFC 4791 §5.3.4), then reads it back:
    /// DAViCal answers the PUT with no ETag and Cyrus with a Schedule-Tag
    /// only, and the copy read back holds the server's SCHEDULE-STATUS per
    /// attendee (RFC 6638 §7.3). A 412 is `.changedSinceRead`.
    public func replaceObject(_ text: String, at url: HTTPURL, ifMatch etag: String) async throws(CalDAVError) -> CalendarObjectResource {
        let condition = try await writeCondition(url, etag)
        let response = try await perform(method: "PUT", url: url,
                                         headers: [HTTPHeader("Content-Type", "text/calendar; charset=utf-8")] + condition,
                                         body: Array(text.utf8))
        switch response.status {
        case 200...299:
            return try await fetchObject(url)
        case 412:
            throw .changedSinceRead(url: url.description)
        default:
            throw .refused(status: response.status, url: url.description,
                           message: RefusalMessage.describe(response, action: "change events", user: account.credentials?.user))
        }
    }

    /// Deletes a stored event if it is still the version read. Deleting the
    /// organizer's copy makes the server cancel the meeting for every
    /// attendee (RFC 6638 §3.2.1.3). A 412 is `.changedSinceRead`.
    public func deleteObject(at url: HTTPURL, ifMatch etag: String) async throws(CalDAVError) {
        let response = try await perform(method: "DELETE", url: url, headers: try await writeCondition(url, etag))
        switch response.status {
        case 200...299: return
        case 412: throw .changedSinceRead(url: url.description)
        default:
            throw .refused(status: response.status, url: url.description,
                           message: RefusalMessage.describe(response, action: "delete events", user: account.credentials?.user))
        }
    }

    /// The precondition header of a change to the version read (`etag`).
    /// A strong ETag: `If-Match`. A weak one cannot be used in If-Match (RFC
    /// 9110 §13.1.1 compares strongly: it would never match), so the resource
    /// is read again now and changed only if its ETag still weakly matches
    /// (§8.8.3.2), else `.changedSinceRead` as a 412 would be. That leaves a
    /// window between this read and the write in which another change is not
    /// caught; `If-Unmodified-Since` with the Last-Modified just read narrows
    /// it to what the server's clock resolves (RFC 9110 §13.1.4), where the
    /// server gives one. Neither DAViCal nor Cyrus sends weak ETags; the
    /// fallback is for servers that do.
    func writeCondition(_ url: HTTPURL, _ etag: String) async throws(CalDAVError) -> [HTTPHeader] {
        let read = EntityTag(etag)
        switch read.writeGuard {
        case let .ifMatch(tag): return [HTTPHeader("If-Match", tag)]
        case .rereadFirst:
            let response = try await perform(method: "GET", url: url, headers: [HTTPHeader("Accept", "text/calendar")])
            guard response.status == 200, let now = response.header("ETag"), EntityTag(now).weaklyMatches(read) else {
                throw .changedSinceRead(url: url.description)
            }
            return response.header("Last-Modified").map { [HTTPHeader("If-Unmodified-Since", $0)] } ?? []
        }
    }

    func calendarQuery(_ collection: HTTPURL, _ query: CalendarQueryRequest) async throws(CalDAVError) -> [CalendarObjectResource] {
        let response = try await perform(method: "REPORT", url: collection,
                                         headers: [HTTPHeader("Depth", "1"),
                                                   HTTPHeader("Content-Type", "application/xml; charset=utf-8")],
                                         body: Array(query.xmlBody.utf8))
        guard response.status == 207 else {
            throw .refused(status: response.status, url: collection.description,
                           message: RefusalMessage.describe(response, action: "REPORT calendar-query", user: account.credentials?.user))
        }
        let ms: Multistatus
        do { ms = try Multistatus.parse(response.body) } catch {
            throw .badAnswer(url: response.url.description, detail: error.description)
        }
        var out: [CalendarObjectResource] = []
        for r in ms.responses {
            guard let data = r.property(.calendarData)?.allText, !data.isEmpty, let url = response.url.resolving(r.href) else { continue }
            let etag = r.property(.getETag)?.allText.trimmingWhitespace
            out.append(CalendarObjectResource(url: url, etag: (etag?.isEmpty ?? true) ? nil : etag, text: data))
        }
        return out
    }
}
