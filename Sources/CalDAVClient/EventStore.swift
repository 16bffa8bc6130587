import FreeBusy
import HTTPClient
import WebDAV
import TextUtilities

/// Where a booked meeting goes and what storing it said: CalDAV implicit
/// scheduling (RFC 6638 §3) — the organizer stores the event in their own
/// calendar and the server invites the attendees.
public struct EventCalendar: Equatable, Sendable {
    public var url: HTTPURL
    public var name: String?
    /// How it was found, for `--debug`-less explanations.
    public var source: String

    public init(url: HTTPURL, name: String?, source: String) {
        self.url = url
        self.name = name
        self.source = source
    }
}

public struct StoredEvent: Equatable, Sendable {
    public var url: HTTPURL
    public var etag: String?
    /// RFC 6638 §3.2.10: a server that schedules says so with a Schedule-Tag
    /// (Cyrus does; DAViCal does not, yet schedules).
    public var scheduleTag: String?
    /// The `DAV:` classes the server announced on the PUT.
    public var davCapabilities: [String]

    /// RFC 6638 §2: `calendar-auto-schedule` means the server sends the
    /// invitations itself when an event with attendees is stored.
    public var serverSchedules: Bool { Self.autoSchedules(davCapabilities) }

    public static func autoSchedules(_ capabilities: [String]) -> Bool {
        capabilities.contains { $0.lowercased() == "calendar-auto-schedule" }
    }
}

extension CalDAVSession {
    /// The organizer's calendar for new events: `CALDAV:schedule-default-calendar-URL`
    /// (RFC 6638 §9.2; Cyrus has it only on the Inbox, DAViCal on the principal
    /// too), else the first calendar in `CALDAV:calendar-home-set` that takes VEVENTs.
    public func defaultEventCalendar(principal: HTTPURL) async throws(CalDAVError) -> EventCalendar {
        let (ms, response) = try await propfind(principal, properties: [.calendarHomeSet, .scheduleInboxURL, .scheduleDefaultCalendarURL])
        let entry = ms.responses.first
        if let href = entry?.hrefs(in: .scheduleDefaultCalendarURL).first, let url = response.url.resolving(href) {
            return EventCalendar(url: url, name: nil, source: "schedule-default-calendar-URL")
        }
        if let inboxHref = entry?.hrefs(in: .scheduleInboxURL).first, let inbox = response.url.resolving(inboxHref),
           let (ims, iresponse) = try? await propfind(inbox, properties: [.scheduleDefaultCalendarURL]),
           let href = ims.responses.first?.hrefs(in: .scheduleDefaultCalendarURL).first, let url = iresponse.url.resolving(href) {
            return EventCalendar(url: url, name: nil, source: "schedule-default-calendar-URL")
        }
        guard let homeHref = entry?.hrefs(in: .calendarHomeSet).first, let home = response.url.resolving(homeHref) else {
            throw .noCalendar(principal: principal.description, detail: "the principal has no calendar-home-set")
        }
        if let first = try await eventCalendars(inHome: home).first { return first }
        throw .noCalendar(principal: principal.description, detail: "no calendar in \(home) takes events (VEVENT)")
    }

    /// PUTs a new calendar object resource named after its UID. `If-None-Match: *`
    /// (RFC 4791 §5.3.2, RFC 9110 §13.1.2) makes the server refuse rather than
    /// overwrite an event that is already there.
    public func storeNewEvent(_ text: String, uid: String, in calendar: EventCalendar) async throws(CalDAVError) -> StoredEvent {
        var base = calendar.url
        if !base.path.hasSuffix("/") { base = base.withPath(base.path + "/") }
        guard let url = base.resolving(Self.resourceName(uid: uid)) else {
            throw .invalidConfiguration("cannot make a resource URL for UID \(uid.debugDescription) in \(calendar.url)")
        }
        let response = try await perform(method: "PUT", url: url,
                                         headers: [HTTPHeader("Content-Type", "text/calendar; charset=utf-8"),
                                                   HTTPHeader("If-None-Match", "*")],
                                         body: Array(text.utf8))
        switch response.status {
        case 200...299:
            return StoredEvent(url: response.url, etag: response.header("ETag"), scheduleTag: response.header("Schedule-Tag"),
                               davCapabilities: response.davCapabilities)
        case 412:
            throw .eventExists(url: url.description, uid: uid)
        default:
            let pre = PreconditionError.parse(response.body)
            // RFC 4791 §5.3.2.1: the UID is already used by another resource of this calendar.
            if let pre, pre.has("no-uid-conflict") {
                throw .eventExists(url: calendar.url.description, uid: uid)
            }
            throw .refused(status: response.status, url: url.description,
                           message: RefusalMessage.describe(response, action: "store events", user: account.credentials?.user))
        }
    }

    /// The stored event as the server now has it (with SCHEDULE-STATUS filled in).
    public func fetchEvent(_ url: HTTPURL) async throws(CalDAVError) -> String {
        let response = try await perform(method: "GET", url: url, headers: [HTTPHeader("Accept", "text/calendar")])
        guard response.status == 200 else {
            throw .refused(status: response.status, url: url.description,
                           message: RefusalMessage.describe(response, action: "GET", user: account.credentials?.user))
        }
        return response.bodyText
    }

    /// `UID.ics`, with anything outside unreserved URL characters percent-encoded.
    public static func resourceName(uid: String) -> String {
        uid.percentEncoded { $0.isURIUnreserved || $0 == UInt8(ascii: "@") } + ".ics"
    }
}
