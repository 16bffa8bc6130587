import FreeBusy
import HTTPClient
import ICalendar
import Synchronization
import WebDAV
import XMLTree
import TextUtilities

/// Talks CalDAV for one account over a shared `HTTPClient`: redirects, the
/// Basic→Digest fallback, discovery and the free/busy POST.
public final class CalDAVSession: Sendable {
    public let account: Account
    private let http: HTTPClient
    /// Learned from a 401 that offered only Digest; later requests use it directly.
    private let authScheme: Mutex<Credentials.Scheme>
    /// The latest look-up of the user's principal in this process, shared:
    /// the planner asks who the user is from several places at once (the
    /// query's discovery, the meetings, the user's own busy time), and the
    /// answer is the same for all of them.
    private let principalLookup = Mutex<PrincipalLookup?>(nil)

    /// `--debug`: every exchange, with credentials redacted.
    public let trace: TraceLog?

    /// `--show-curl`: every request is kept, and only those that read are sent.
    public let recorder: RequestRecorder?

    public init(account: Account, http: HTTPClient, trace: TraceLog? = nil, recorder: RequestRecorder? = nil) {
        self.account = account
        self.http = http
        self.trace = trace
        self.recorder = recorder
        authScheme = Mutex(account.credentials?.scheme ?? .basic)
    }

    // MARK: Requests

    /// Sends a request, following up to five redirects. Credentials go only to
    /// the origin the user configured: a redirect to another scheme, host or port
    /// continues without them.
    public func perform(method: String, url: HTTPURL, headers: [HTTPHeader] = [], body: [UInt8]? = nil)
        async throws(CalDAVError) -> HTTPResponse
    {
        var url = url
        var method = method
        var body = body
        var triedDigest = false
        var redirects = 0
        while true {
            var credentials: Credentials? = nil
            if url.hasSameOrigin(as: account.serverURL), var c = try account.resolvedCredentials() {
                c.scheme = authScheme.withLock { $0 }
                credentials = c
            }
            let request = HTTPRequest(method: method, url: url, headers: headers, body: body,
                                      credentials: credentials, options: account.options)
            if let recorder, !RequestRecorder.sends(request) {
                recorder.recordWithheld(request)
                trace?.note("not sent (--show-curl): \(method) \(url)")
                throw .network(.notSent(method: method, url: url.description))
            }
            trace?.request(request)
            let response: HTTPResponse
            // libxml2 loads (the first time) while the server answers: the
            // answer is parsed at once, instead of after a load of about 1 ms.
            switch await http.send(request, whileWaiting: XMLLibrary.preload) {
            case let .success(r): response = r
            case let .failure(e):
                trace?.note("failed: \(e)")
                throw .network(e)
            }
            trace?.response(response)
            // A broken install says so itself, not as a server whose answers
            // do not parse.
            if let problem = XMLLibrary.load() { throw .network(.libraryMissing(problem)) }
            if response.status == 401 {
                let challenges = response.headerValues("WWW-Authenticate").map { $0.lowercased() }
                let offersDigest = challenges.contains { $0.hasPrefix("digest") }
                let offersBasic = challenges.contains { $0.hasPrefix("basic") }
                if credentials?.scheme == .basic, offersDigest, !offersBasic, !triedDigest {
                    triedDigest = true
                    authScheme.withLock { $0 = .digest }
                    continue
                }
                throw .authenticationFailed(user: credentials?.user, url: url.description)
            }
            if [301, 302, 303, 307, 308].contains(response.status), let location = response.header("Location") {
                redirects += 1
                guard redirects <= 5 else { throw .tooManyRedirects(url: account.serverURL.description) }
                guard let next = url.resolving(location) else {
                    throw .badAnswer(url: url.description, detail: "redirect to an unusable location \(location.excerptLine)")
                }
                // A POST is only re-sent where the status promises the method is kept
                // (307/308); RFC 9110 §15.4 lets 301/302 turn it into a GET.
                if method == "POST", response.status != 307, response.status != 308 {
                    throw .refused(status: response.status, url: url.description,
                                   message: "\(response.status): \(url) moved to \(next); run discovery again (`avail discover`)")
                }
                if response.status == 303 { method = "GET"; body = nil }
                url = next
                continue
            }
            // The request that got this answer, after redirects and the switch
            // to Digest: the one a curl command should repeat.
            recorder?.recordSent(request)
            return response
        }
    }

    public func propfind(_ url: HTTPURL, depth: Int = 0, properties: [QualifiedName]) async throws(CalDAVError) -> (Multistatus, HTTPResponse) {
        let body = PropfindRequest(properties: properties).xmlBody
        let response = try await perform(method: "PROPFIND", url: url,
                                         headers: [HTTPHeader("Depth", String(depth)),
                                                   HTTPHeader("Content-Type", "application/xml; charset=utf-8")],
                                         body: Array(body.utf8))
        guard response.status == 207 else {
            throw .refused(status: response.status, url: url.description,
                           message: RefusalMessage.describe(response, action: "PROPFIND", user: account.credentials?.user))
        }
        do {
            return (try Multistatus.parse(response.body), response)
        } catch {
            throw .badAnswer(url: response.url.description, detail: error.description)
        }
    }

    // MARK: Discovery

    /// RFC 6764 §6 (bootstrapping via `/.well-known/caldav`), RFC 5397
    /// (`DAV:current-user-principal`), then the principal's scheduling properties
    /// (RFC 6638 §2.1.1 outbox, §2.4.1 addresses).
    ///
    /// Without `needsName` (a free/busy query sends no name anyone reads), the
    /// principal is not asked when the first answer already holds the user's
    /// outbox and addresses (`PrincipalAnswer.principalsScheduling`): one
    /// round trip fewer, and `displayName` is nil unless that answer was the
    /// principal's own. Whatever shows or stores the user's name asks for it.
    public func discover(needsName: Bool) async throws(CalDAVError) -> DiscoveryResult {
        // A discovery is asked when the cached one failed (the outbox moved):
        // it may share a look-up still under way, never reuse a finished one.
        let p = try await principalProperties(needsName: needsName, reusingFinished: false)
        guard let outboxHref = p.entry.hrefs(in: .scheduleOutboxURL).first,
              let outbox = p.response.url.resolving(outboxHref)
        else {
            throw .noScheduling(server: account.serverName, principal: p.principal.description)
        }
        let me = try identity(p)
        return DiscoveryResult(principalURL: me.principalURL, displayName: me.displayName,
                               calendarUserAddresses: me.calendarUserAddresses, outboxURL: outbox, organizer: me.organizer,
                               davCapabilities: me.davCapabilities)
    }

    /// Discovery with the user's display name, as `avail discover` shows it.
    public func discover() async throws(CalDAVError) -> DiscoveryResult {
        try await discover(needsName: true)
    }

    /// Who the user is, without asking for scheduling: enough to store events
    /// (booking on a server without an outbox still stores the meeting).
    public func identity() async throws(CalDAVError) -> AccountIdentity {
        try await identity(needsName: true)
    }

    /// The same; without `needsName`, as `discover(needsName:)` (the principal may go unasked).
    public func identity(needsName: Bool) async throws(CalDAVError) -> AccountIdentity {
        try identity(try await principalProperties(needsName: needsName, reusingFinished: true))
    }

    private struct PrincipalLookup: Sendable {
        var task: Task<Result<PrincipalProperties, CalDAVError>, Never>
        var finished: Bool
    }

    private struct PrincipalProperties: Sendable {
        var principal: HTTPURL
        var entry: Multistatus.Response
        var response: HTTPResponse
        /// Whether `entry` is the principal's own answer, so its `DAV:displayname`
        /// is the user's name rather than a collection's.
        var namesTheUser: Bool
    }

    private func identity(_ p: PrincipalProperties) throws(CalDAVError) -> AccountIdentity {
        let addresses = p.entry.hrefs(in: .calendarUserAddressSet)
        let organizer: CalendarUserAddress
        if let o = account.organizer {
            organizer = o
        } else if let mailto = addresses.first(where: { $0.lowercased().hasPrefix("mailto:") }),
                  let address = try? CalendarUserAddress(mailto) {
            organizer = address
        } else {
            throw .noOrganizerAddress(principal: p.principal.description)
        }
        let name = p.namesTheUser ? p.entry.property(.displayName)?.allText.trimmingWhitespace : nil
        // RFC 6638 names no resource for these classes; DAViCal sends the same
        // `DAV:` header on its root as on the principal.
        let dav = p.response.davCapabilities
        return AccountIdentity(principalURL: p.principal, displayName: (name?.isEmpty ?? true) ? nil : name,
                               calendarUserAddresses: addresses, organizer: organizer, davCapabilities: dav)
    }

    /// The principal and its properties: from the look-up under way in this
    /// process (or a finished one, if `reusingFinished`) when it has what is
    /// needed, else asked anew. A failed look-up is never reused.
    private func principalProperties(needsName: Bool, reusingFinished: Bool) async throws(CalDAVError) -> PrincipalProperties {
        // Looked at and taken in one step, so that questions asked at the same
        // moment share one look-up instead of each starting its own.
        let (first, shared) = principalLookup.withLock { slot in
            if let current = slot, !current.finished || reusingFinished { return (current.task, true) }
            let task = startLookUp(needsName: needsName)
            slot = PrincipalLookup(task: task, finished: false)
            return (task, false)
        }
        var task = first
        var result = await task.value
        if shared, !Self.answers(result, needsName: needsName) {
            task = startLookUp(needsName: needsName)
            principalLookup.withLock { $0 = PrincipalLookup(task: task, finished: false) }
            result = await task.value
        }
        principalLookup.withLock { slot in
            guard slot?.task == task else { return }
            if case .success = result { slot?.finished = true } else { slot = nil }
        }
        return try result.get()
    }

    private func startLookUp(needsName: Bool) -> Task<Result<PrincipalProperties, CalDAVError>, Never> {
        Task { () async -> Result<PrincipalProperties, CalDAVError> in
            do throws(CalDAVError) { return .success(try await self.lookUpPrincipal(needsName: needsName)) } catch { return .failure(error) }
        }
    }

    /// Whether a shared look-up's result will do: a success, with the user's name if it is needed.
    private static func answers(_ result: Result<PrincipalProperties, CalDAVError>, needsName: Bool) -> Bool {
        guard case let .success(p) = result else { return false }
        return !needsName || p.namesTheUser
    }

    /// The principal (found from the configured URL) and its scheduling properties.
    private func lookUpPrincipal(needsName: Bool) async throws(CalDAVError) -> PrincipalProperties {
        let start = account.serverURL
        var candidates: [HTTPURL] = []
        if start.path == "/" || start.path.isEmpty {
            candidates.append(start.withPath("/.well-known/caldav"))
        }
        candidates.append(start)
        let asked: [QualifiedName] = [.currentUserPrincipal, .scheduleOutboxURL, .calendarUserAddressSet,
                                      .displayName, .resourceType]
        var principal: HTTPURL? = nil
        // The first answer, when its properties are provably the user's own
        // (`PrincipalAnswer`): asking the principal again would only repeat them.
        var principalAnswer: PrincipalProperties? = nil
        var lastProblem = "no answer"
        var sawCalDAV = false
        for candidate in candidates {
            do {
                let (ms, response) = try await propfind(candidate, properties: asked)
                sawCalDAV = true
                guard let first = ms.responses.first else { lastProblem = "empty multistatus"; continue }
                if let href = first.hrefs(in: .currentUserPrincipal).first, let p = response.url.resolving(href) {
                    principal = p
                    switch PrincipalAnswer.judge(first, answeredAt: response.url, principal: p) {
                    case .principalItself:
                        principalAnswer = PrincipalProperties(principal: p, entry: first, response: response, namesTheUser: true)
                    case .principalsScheduling where !needsName:
                        principalAnswer = PrincipalProperties(principal: p, entry: first, response: response, namesTheUser: false)
                    case .principalsScheduling, .unproven:
                        break
                    }
                    break
                }
                if first.property(.scheduleOutboxURL) != nil || first.property(.calendarUserAddressSet) != nil {
                    principal = response.url // the user gave the principal itself
                    principalAnswer = PrincipalProperties(principal: response.url, entry: first, response: response, namesTheUser: true)
                    break
                }
                lastProblem = "no DAV:current-user-principal at \(response.url)"
            } catch let e {
                switch e {
                // A setting of the user's (a password_command that failed) is not the server's answer.
                case .authenticationFailed, .network, .tooManyRedirects, .invalidConfiguration: throw e
                case let .refused(status, url, _): lastProblem = "PROPFIND \(url) answered \(status), not 207 Multi-Status"
                case let .badAnswer(url, detail): lastProblem = "\(url): \(detail)"
                default: lastProblem = e.description
                }
            }
        }
        guard let principal else {
            if !sawCalDAV { throw .notCalDAV(url: start.description, detail: lastProblem) }
            throw .discoveryFailed(url: start.description, detail: lastProblem)
        }
        if let principalAnswer { return principalAnswer }
        let (ms, response) = try await propfind(principal, properties: [.scheduleOutboxURL, .calendarUserAddressSet, .displayName])
        guard let entry = ms.responses.first else {
            throw .discoveryFailed(url: principal.description, detail: "empty multistatus for the principal")
        }
        return PrincipalProperties(principal: principal, entry: entry, response: response, namesTheUser: true)
    }

    /// The `DAV:` compliance classes the server announces for a URL (OPTIONS, RFC 4918 §10.1).
    public func capabilities(of url: HTTPURL) async throws(CalDAVError) -> [String] {
        let response = try await perform(method: "OPTIONS", url: url)
        return response.davCapabilities
    }

    // MARK: Free/busy

    /// draft-desruisseaux-caldav-sched (before RFC 6638) had the client name the
    /// originator and recipients in HTTP headers too; servers of that era want them.
    public static func draftSchedulingHeaders(_ request: FreeBusyRequest) -> [HTTPHeader] {
        [HTTPHeader("Originator", request.organizer.uri),
         HTTPHeader("Recipient", request.attendees.map(\.uri).joined(separator: ", "))]
    }

    /// Whether to send them: asked for, or a server that announces the draft's
    /// `calendar-schedule` but not RFC 6638's `calendar-auto-schedule`.
    public static func wantsDraftHeaders(setting: Bool?, capabilities: [String]) -> Bool {
        if let setting { return setting }
        let caps = Set(capabilities.map { $0.lowercased() })
        return caps.contains("calendar-schedule") && !caps.contains("calendar-auto-schedule")
    }

    /// POSTs one VFREEBUSY REQUEST to the outbox (RFC 6638 §5) and reads the
    /// `CALDAV:schedule-response`. Only ever to the discovered outbox: a
    /// `text/calendar` POST to a calendar collection may be stored as a new
    /// event instead (RFC 5995 add-member), silently. `queryFreeBusy` splits
    /// many attendees into several of these.
    public func postFreeBusy(_ request: FreeBusyRequest, outbox: HTTPURL,
                             draftHeaders: Bool = false) async throws(CalDAVError) -> FreeBusyResult {
        let response = try await perform(method: "POST", url: outbox, headers: Self.freeBusyPOSTHeaders(request, draftHeaders: draftHeaders),
                                         body: Array(request.iCalendarText.utf8))
        if response.status == 204 {
            let unknown = request.attendees.map {
                RecipientResult(recipient: $0, status: .noAnswer("No per-recipient answer"),
                                busy: nil, problem: "the server answered 204 No Content")
            }
            return FreeBusyResult(organizer: request.organizer, window: request.window, recipients: unknown,
                                  note: "the server accepted the request (204 No Content) but sent no free/busy data")
        }
        guard (200...299).contains(response.status) else {
            throw .refused(status: response.status, url: outbox.description,
                           message: RefusalMessage.describe(response, action: "POST free/busy requests",
                                                            user: account.credentials?.user))
        }
        let parsed: ScheduleResponse
        do {
            parsed = try ScheduleResponse.parse(response.body)
        } catch {
            let type = response.mediaType ?? "no content type"
            let detail = response.body.isEmpty ? "the body is empty" : "\(error) (\(type))"
            throw .badAnswer(url: outbox.description, detail: "not a CALDAV:schedule-response: \(detail)")
        }
        return FreeBusyResult(organizer: request.organizer, window: request.window,
                              recipients: parsed.recipientResults(for: request.attendees, window: request.window),
                              note: parsed.responseDescription)
    }
}
