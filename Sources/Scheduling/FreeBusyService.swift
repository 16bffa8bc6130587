import CalDAVClient
import FreeBusy
import FreeBusyCache
import HTTPClient
import ICalendar
import LocalTime
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Free/busy for a set of attendees: from the cache where it is fresh enough,
/// from the server for the rest (stale-while-revalidate is the caller's choice
/// of policy), writing every new answer back.
public final class FreeBusyService: Sendable {
    /// The server, or nil offline.
    public let server: (any SchedulingServer)?
    public let cache: FreeBusyCache?
    public let policy: CachePolicy
    public let published: PublishedFreeBusy
    /// Draft-era Originator/Recipient headers: yes, no, or nil to follow the server.
    public let originatorHeaders: Bool?
    /// The first write to the cache that failed, said once by `finish`.
    let cacheWriteFailure = Mutex<String?>(nil)

    public init(server: (any SchedulingServer)?, cache: FreeBusyCache?, policy: CachePolicy,
                published: PublishedFreeBusy = PublishedFreeBusy(), originatorHeaders: Bool? = nil) {
        self.server = policy.offline ? nil : server
        self.cache = cache
        self.policy = policy
        self.published = published
        self.originatorHeaders = originatorHeaders
    }

    /// The same service, asking the server whatever the cache holds (the planner's
    /// `r`): an answer within the TTL is not a reason to skip the request. Still
    /// writes what comes back, and still falls back to stale answers, marked
    /// with the error, when the server cannot be reached. Offline stays offline.
    public func refreshing() -> FreeBusyService {
        guard !policy.offline, !policy.refresh else { return self }
        var p = policy
        p.refresh = true
        return FreeBusyService(server: server, cache: cache, policy: p, published: published, originatorHeaders: originatorHeaders)
    }

    /// The same account and cache, always asking the server (answers still
    /// cached as usual): what booking and changing a meeting check with. Nil
    /// without a server (`--offline`).
    public func askingTheServer() -> FreeBusyService? {
        guard let server else { return nil }
        var p = policy
        p.refresh = true
        p.offline = false
        return FreeBusyService(server: server, cache: cache, policy: p, published: published, originatorHeaders: originatorHeaders)
    }

    /// Whether the outbox's answer leaves room for published free/busy (see
    /// `RequestStatus.leavesRoomForPublished`).
    public static func wantsPublished(_ r: RecipientResult) -> Bool {
        r.busy == nil && r.status.leavesRoomForPublished
    }

    /// Fetches published free/busy for these rows, where a URL is configured.
    private func publishedRows(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) async -> [Int: FreeBusyAnswer] {
        guard let server, !published.isEmpty else { return [:] }
        var out: [Int: FreeBusyAnswer] = [:]
        for (i, a) in attendees.enumerated() {
            guard let url = published.url(for: a, window: window) else { continue }
            let r = await server.publishedFreeBusy(a, url: url, window: window)
            out[i] = FreeBusyAnswer(result: r, source: .published, fetched: now, stale: false, error: nil)
        }
        return out
    }

    /// The cache's name for an account: its server and user.
    public static func accountName(_ account: Account) -> String {
        account.serverName + " " + (account.credentials?.user ?? "-")
    }

    /// The cached discovery unless `fresh`; otherwise PROPFINDs, then cached.
    /// `needsName` for what shows or stores the user's name (a booked
    /// meeting's ORGANIZER;CN): a cached discovery without one (a query's,
    /// which may not have asked the principal) is then asked again.
    public func discovery(fresh: Bool, needsName: Bool = false, now: UTCInstant) async throws(CalDAVError) -> DiscoveryResult {
        if !fresh, let c = cache?.loadDiscovery(), let d = Self.discoveryResult(c), !needsName || d.displayName != nil { return d }
        guard let server else { throw .discoveryFailed(url: "(offline)", detail: "no cached discovery and --offline") }
        // Scheduling seen announced but absent: said at once, until it is time to look again.
        if !policy.refresh, let absent = cache?.loadProfile()?.scheduling, absent.stillHolds(now: now) { throw absent.error }
        let d = try await server.discover(needsName: needsName)
        if let cache {
            keep { () throws(CacheDirectory.WriteError) in
                try cache.storeDiscovery(CachedDiscovery(fetched: now, principal: d.principalURL.description, outbox: d.outboxURL.description,
                                                         organizer: d.organizer.uri, displayName: d.displayName,
                                                         addresses: d.calendarUserAddresses))
            }
        }
        return d
    }

    static func discoveryResult(_ c: CachedDiscovery) -> DiscoveryResult? {
        guard let principal = HTTPURL(string: c.principal), let outbox = HTTPURL(string: c.outbox),
              let organizer = try? CalendarUserAddress(c.organizer) else { return nil }
        return DiscoveryResult(principalURL: principal, displayName: c.displayName, calendarUserAddresses: c.addresses,
                               outboxURL: outbox, organizer: organizer, davCapabilities: [])
    }

    /// Whether the cache alone answers everyone in the window under this policy
    /// (a query would then ask no server). Reads the cache as `query` does, and
    /// nothing else.
    public func answersFromCache(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) -> Bool {
        fromCache(attendees, window: window, now: now).rows.allSatisfy { $0 != nil }
    }

    /// What the cache holds for each attendee: a whole answer (fresh, or any
    /// under --offline) as its row; else, fresh answers covering part of the
    /// window, so that only the rest is asked for.
    private func fromCache(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant)
        -> (rows: [FreeBusyAnswer?], covers: [PartialCover?])
    {
        let useCache = !policy.refresh
        let full: [CacheEntry?] = attendees.map { useCache ? cache?.lookup($0, window: window) : nil }
        var rows: [FreeBusyAnswer?] = Array(repeating: nil, count: attendees.count)
        var covers: [PartialCover?] = Array(repeating: nil, count: attendees.count)
        for i in attendees.indices {
            if let e = full[i], policy.isFresh(e, now: now) || policy.offline {
                rows[i] = Self.row(e, stale: !policy.isFresh(e, now: now), error: nil)
                continue
            }
            guard useCache, let cover = cache?.partialCover(attendees[i], window: window,
                                                              notBefore: policy.offline ? nil : policy.freshSince(now)) else { continue }
            covers[i] = cover
            if policy.offline { rows[i] = Self.partialRow(attendees[i], cover, now: now, policy: policy, error: nil) }
        }
        return (rows, covers)
    }

    /// `calendarUserTypes` marks the attendees that are not people (rooms), keyed by `matchKey`.
    /// `onPartial` gets the server's rows batch by batch as each POST answers,
    /// before the whole outcome is returned (which still holds every row).
    public func query(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant,
                      calendarUserTypes: [String: CalendarUserType] = [:],
                      onPartial: (@Sendable ([FreeBusyAnswer]) -> Void)? = nil) async throws(CalDAVError) -> FreeBusyOutcome {
        var (rows, covers) = fromCache(attendees, window: window, now: now)
        let needed = attendees.indices.filter { rows[$0] == nil }
        // The discovery file is read once per query: for the organizer here, for the outbox in `fetch`.
        let known = cache?.loadDiscovery()
        var organizer = known.flatMap { try? CalendarUserAddress($0.organizer) }
        var note: String? = nil
        var networkError: CalDAVError? = nil
        if !needed.isEmpty && policy.offline {
            for i in needed {
                rows[i] = FreeBusyAnswer(result: RecipientResult(recipient: attendees[i], status: .noAnswer("Not in the cache"),
                                                                busy: nil, problem: "not in the cache (--offline)"),
                                        source: .cache, fetched: nil, stale: false, error: nil)
            }
        } else if !needed.isEmpty {
            // One request for everyone still needed, over the smallest span holding every gap.
            let gaps = needed.flatMap { covers[$0]?.gaps ?? [window] }
            let asked = TimeWindow(start: gaps.map(\.start).min() ?? window.start, end: gaps.map(\.end).max() ?? window.end) ?? window
            let partial = onPartial.map { deliver in
                { @Sendable [covers] (batch: FreeBusyBatchAnswer) in
                    let rows = zip(batch.positions, batch.recipients).compactMap { k, r -> FreeBusyAnswer? in
                        guard k < needed.count else { return nil }
                        let i = needed[k]
                        var r = r
                        r.recipient = attendees[i]
                        r.busy = Self.merged(r.busy, cover: covers[i], asked: asked, window: window)
                        return FreeBusyAnswer(result: r, source: .server, fetched: now, stale: false, error: nil)
                    }
                    if !rows.isEmpty { deliver(rows) }
                }
            }
            do {
                let profile = cache?.loadProfile()
                let fetched = try await fetch(needed.map { attendees[$0] }, window: asked, cached: known.flatMap(Self.discoveryResult), now: now,
                                              calendarUserTypes: calendarUserTypes, profile: profile, onAnswer: partial)
                let result = fetched.result
                if let cache {
                    let learned = (profile ?? ServerProfile(updated: now)).learning(from: fetched.observation, now: now)
                    if learned != profile { keep { () throws(CacheDirectory.WriteError) in try cache.storeProfile(learned) } }
                }
                organizer = result.organizer
                note = result.note
                for (k, i) in needed.enumerated() {
                    var r = result.recipients[k]
                    // A 204 says nothing about anyone: nothing worth keeping.
                    if r.status.outcome != .noAnswer, let cache {
                        let entry = CacheEntry(account: cache.account, recipient: r.recipient, window: asked,
                                               fetched: now, status: r.status, busy: r.busy, problem: r.problem)
                        keep { () throws(CacheDirectory.WriteError) in try cache.store(entry) }
                    }
                    r.busy = Self.merged(r.busy, cover: covers[i], asked: asked, window: window)
                    rows[i] = FreeBusyAnswer(result: r, source: .server, fetched: now, stale: false, error: nil)
                }
                let fallbacks = needed.filter { rows[$0].map { Self.wantsPublished($0.result) } ?? false }
                for (k, row) in await publishedRows(fallbacks.map { attendees[$0] }, window: window, now: now) where row.result.busy != nil {
                    rows[fallbacks[k]] = row
                }
            } catch {
                // A server without scheduling: published free/busy is all there is.
                if error.meansNoScheduling, !published.isEmpty {
                    let found = await publishedRows(needed.map { attendees[$0] }, window: window, now: now)
                    if !found.isEmpty {
                        for (k, i) in needed.enumerated() {
                            rows[i] = found[k] ?? FreeBusyAnswer(result: RecipientResult(recipient: attendees[i], status: .noAnswer("No answer"),
                                                                                        busy: nil, problem: error.description),
                                                                source: .published, fetched: nil, stale: false, error: nil)
                        }
                        note = "\(error.description); using published free/busy"
                        return Self.ordered(attendees, rows, organizer: organizer, window: window, note: note, networkError: nil)
                    }
                }
                // Stale answers beat none; with none at all, the error is the answer.
                // --refresh skipped the cache before asking; now that asking failed it
                // is read like under --max-age 0, and RefreshFailure sets the exit code.
                let stale: [Int: FreeBusyAnswer] = Dictionary(uniqueKeysWithValues: needed.compactMap { i -> (Int, FreeBusyAnswer)? in
                    if let e = cache?.lookup(attendees[i], window: window) {
                        return (i, Self.row(e, stale: true, error: error.description))
                    }
                    if let cover = cache?.partialCover(attendees[i], window: window) {
                        return (i, Self.partialRow(attendees[i], cover, now: now, policy: policy, error: error.description))
                    }
                    return nil
                })
                guard !stale.isEmpty else { throw error }
                networkError = error
                for i in needed {
                    rows[i] = stale[i] ?? FreeBusyAnswer(result: RecipientResult(recipient: attendees[i], status: .noAnswer("No answer"),
                                                                                 busy: nil, problem: error.description),
                                                        source: .server, fetched: nil, stale: false, error: error.description)
                }
            }
        }
        return Self.ordered(attendees, rows, organizer: organizer, window: window, note: note, networkError: networkError)
    }

    /// Whatever the cache has for these attendees, fresh or stale, at once and
    /// without the network (the planner paints it before the answers come).
    public func cached(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) -> [FreeBusyAnswer] {
        guard let cache, !policy.refresh else { return [] }
        return attendees.compactMap { a in
            var row: FreeBusyAnswer
            if let e = cache.lookup(a, window: window) {
                row = Self.row(e, stale: !policy.isFresh(e, now: now), error: nil)
            } else if let cover = cache.partialCover(a, window: window) {
                row = Self.partialRow(a, cover, now: now, policy: policy, error: nil)
            } else {
                return nil
            }
            row.result.recipient = a
            return row
        }
    }

    /// Rows keep the address as the user wrote it, whatever case the cache or server used.
    static func ordered(_ attendees: [CalendarUserAddress], _ rows: [FreeBusyAnswer?], organizer: CalendarUserAddress?, window: TimeWindow,
                        note: String?, networkError: CalDAVError?) -> FreeBusyOutcome {
        let ordered = zip(attendees, rows).compactMap { a, r -> FreeBusyAnswer? in
            guard var r else { return nil }
            r.result.recipient = a
            return r
        }
        return FreeBusyOutcome(organizer: organizer, window: window, rows: ordered, note: note, networkError: networkError)
    }

    /// Cached time outside the span asked about, the new answer inside it.
    static func merged(_ fetched: [BusyPeriod]?, cover: PartialCover?, asked: TimeWindow, window: TimeWindow) -> [BusyPeriod]? {
        guard let cover, let fetched else { return fetched }
        let outside = cover.busy.flatMap { p in p.span.subtracting([asked]).map { BusyPeriod(span: $0, type: p.type) } }
        return (outside + fetched).normalized(within: window)
    }

    /// A row from answers that cover only part of the window: the rest is a gap.
    static func partialRow(_ a: CalendarUserAddress, _ cover: PartialCover, now: UTCInstant, policy: CachePolicy, error: String?) -> FreeBusyAnswer {
        let stale = now.secondsSinceEpoch - cover.oldestFetched.secondsSinceEpoch > policy.ttl
        return FreeBusyAnswer(result: RecipientResult(recipient: a, status: RequestStatus(code: "2.0", text: "Success"), busy: cover.busy,
                                                     problem: cover.gaps.isEmpty ? nil : "the cache covers only part of the window"),
                             source: .cache, fetched: cover.oldestFetched, stale: stale || error != nil, error: error, gaps: cover.gaps)
    }

    /// A POST's answer and what it showed about the server.
    private struct Fetched {
        var result: FreeBusyResult
        var observation: FreeBusyObservation
    }

    /// The POST, with one re-discovery when a cached outbox has moved or gone.
    /// The server's profile chooses how a large request is split and, when the
    /// discovery came from the cache (without the server's DAV classes), whether
    /// the draft-era headers go with it.
    private func fetch(_ attendees: [CalendarUserAddress], window: TimeWindow, cached: DiscoveryResult?,
                       now: UTCInstant, calendarUserTypes: [String: CalendarUserType], profile: ServerProfile?,
                       onAnswer: (@Sendable (FreeBusyBatchAnswer) -> Void)?) async throws(CalDAVError) -> Fetched {
        guard let server else { throw .discoveryFailed(url: "(offline)", detail: "--offline") }
        // Scheduling seen announced but absent: said at once, until it is time to look again.
        if !policy.refresh, let absent = profile?.scheduling, absent.stillHolds(now: now) {
            throw absent.error
        }
        var d: DiscoveryResult
        if let cached { d = cached } else {
            do { d = try await discovery(fresh: true, now: now) } catch { throw await absentScheduling(error, profile: profile, now: now) }
        }
        func draft(_ d: DiscoveryResult) -> Bool { wantsDraftHeaders(d, profile: profile) }
        func request(_ d: DiscoveryResult) -> FreeBusyRequest {
            // The form a server that matches addresses case-sensitively knows (learned: AddressCase).
            let sent = attendees.map { AddressCase.sent($0, matching: profile?.addresses) }
            return Self.freeBusyRequest(d, attendees: sent, window: window, now: now, calendarUserTypes: calendarUserTypes)
        }
        let policy = profile?.batchPolicy ?? .standard
        func post(_ d: DiscoveryResult) async throws(CalDAVError) -> Fetched {
            let batches = Mutex(0)
            let clock = ContinuousClock()
            let start = clock.now
            let asked = request(d)
            var result = try await server.queryFreeBusy(asked, outbox: d.outboxURL, draftHeaders: draft(d), policy: policy) { answer in
                batches.withLock { $0 += 1 }
                onAnswer?(answer)
            }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let codes = result.recipients.map(\.status.code)
            let retriedCodes = await retryLowerCased(&result, sent: asked, outbox: d.outboxURL, draftHeaders: draft(d),
                                                     policy: policy, profile: profile, onAnswer: onAnswer)
            return Fetched(result: result, observation: FreeBusyObservation(
                statusCodes: codes, batches: batches.withLock { $0 }, seconds: seconds,
                capabilities: d.davCapabilities.isEmpty ? nil : d.davCapabilities,
                addresses: AddressCase.verdict(sent: asked.attendees, codes: codes, retriedCodes: retriedCodes)))
        }
        do {
            return try await post(d)
        } catch {
            guard cached != nil, case let .refused(status, _, _) = error, [301, 302, 403, 404, 405, 410].contains(status) else {
                throw await absentScheduling(error, profile: profile, now: now, outbox: d)
            }
            cache?.forgetDiscovery()
            do { d = try await discovery(fresh: true, now: now) } catch { throw await absentScheduling(error, profile: profile, now: now) }
            do { return try await post(d) } catch { throw await absentScheduling(error, profile: profile, now: now, outbox: d) }
        }
    }

    /// One more POST, only when the first left recipients with capitals in
    /// their address unknown: those again, lower-cased (`AddressCase`). Rows it
    /// answers replace the failed ones (and reach `onAnswer` again); the codes
    /// it got are returned for the profile to learn from. Its failure changes nothing.
    private func retryLowerCased(_ result: inout FreeBusyResult, sent: FreeBusyRequest, outbox: HTTPURL, draftHeaders: Bool,
                                 policy: BatchPolicy, profile: ServerProfile?,
                                 onAnswer: (@Sendable (FreeBusyBatchAnswer) -> Void)?) async -> [String] {
        guard let server else { return [] }
        let positions = result.recipients.indices.filter { i in
            i < sent.attendees.count && AddressCase.worthRetrying(result.recipients[i], sent: sent.attendees[i], matching: profile?.addresses)
        }
        guard !positions.isEmpty else { return [] }
        var again = sent
        again.attendees = positions.compactMap { AddressCase.lowered(sent.attendees[$0]) }
        again.uid = RandomUID.make()
        guard again.attendees.count == positions.count,
              let answer = try? await server.queryFreeBusy(again, outbox: outbox, draftHeaders: draftHeaders, policy: policy, onAnswer: nil)
        else { return [] }
        for (k, i) in positions.enumerated() where k < answer.recipients.count && answer.recipients[k].status.code.hasPrefix("2.") {
            var row = answer.recipients[k]
            row.recipient = result.recipients[i].recipient
            result.recipients[i] = row
            onAnswer?(FreeBusyBatchAnswer(positions: i..<i + 1, recipients: [row]))
        }
        return answer.recipients.map(\.status.code)
    }

    /// `error` as it stands, or, when it shows that the scheduling the server
    /// announces is absent, the error that says so, kept in the profile so
    /// later commands say it at once. The `DAV:` classes come from the fresh
    /// discovery, else from one OPTIONS (only on this failure path).
    private func absentScheduling(_ error: CalDAVError, profile: ServerProfile?, now: UTCInstant,
                                  outbox d: DiscoveryResult? = nil) async -> CalDAVError {
        guard let server else { return error }
        var checked: HTTPURL?
        switch error {
        case let .noScheduling(_, principal): checked = HTTPURL(string: principal)
        case let .refused(status, _, _) where [403, 404, 405, 501].contains(status): checked = d?.outboxURL
        default: return error
        }
        var caps = d?.davCapabilities ?? []
        if caps.isEmpty, let url = checked { caps = (try? await server.capabilities(of: url)) ?? [] }
        guard let absent = ServerProfile.AbsentScheduling.seen(error, capabilities: caps, now: now) else { return error }
        if let cache {
            var p = profile ?? ServerProfile(updated: now)
            p.scheduling = absent
            p.updated = now
            keep { () throws(CacheDirectory.WriteError) in try cache.storeProfile(p) }
        }
        return absent.error
    }

    /// After a command's query: what the cache could not read or write (for
    /// the front end to say), the attendees remembered for completion, the
    /// cache kept within its bounds, and the failure that made answers stale
    /// (RefreshFailure decides the exit code) once the output is written.
    public func finish(_ outcome: FreeBusyOutcome, attendees: [CalendarUserAddress], now: UTCInstant) -> QueryConclusion {
        let failure = outcome.networkError.map { e in
            RefreshFailure(error: e, refreshAsked: policy.refresh, shownInstead: Self.cachedInstead(outcome.rows, now: now))
        }
        guard let cache else { return QueryConclusion(failure: failure) }
        // Before the warnings: reading the old list may set a bad file aside, and say so.
        keep { () throws(CacheDirectory.WriteError) in try cache.rememberAttendees(attendees) }
        var warnings = cache.warnings.withLock { $0 }
        if let w = cacheWriteFailure.withLock({ $0 }) { warnings.append(w) }
        CacheMaintenance.pruneIfDue(root: cache.root, now: now)
        return QueryConclusion(warnings: warnings, failure: failure)
    }

    /// What a failure line says stands in for fresh answers: the cached ones,
    /// and the age of the oldest of them.
    static func cachedInstead(_ rows: [FreeBusyAnswer], now: UTCInstant) -> String {
        let oldest = rows.filter(\.stale).compactMap(\.fetched).min()
        let age = oldest.map { " (from \(DurationText.age(now.secondsSinceEpoch - $0.secondsSinceEpoch)) ago)" } ?? ""
        return "showing cached answers\(age)"
    }

    /// Runs a write to the cache. A cache that cannot be written (a read-only
    /// directory, a file in its place, a full disk) costs speed, not answers, so
    /// the command goes on; the first failure is kept for `finish` to say once.
    private func keep(_ write: () throws(CacheDirectory.WriteError) -> Void) {
        do { try write() } catch {
            let what: String
            switch error {
            case let .cannotWrite(_, e): what = "cannot write to \(cache?.directory.path ?? "the cache"): \(String(cString: strerror(e)))"
            case .cannotCreate: what = error.description
            case let .unsafe(refusal): what = "\(refusal.path) \(refusal.reason)"
            }
            cacheWriteFailure.withLock { first in
                if first == nil { first = "answers are not being cached: \(what)" }
            }
        }
    }

    static func row(_ e: CacheEntry, stale: Bool, error: String?) -> FreeBusyAnswer {
        FreeBusyAnswer(result: RecipientResult(recipient: e.recipient, status: e.status, busy: e.busy, problem: e.problem),
                      source: .cache, fetched: e.fetched, stale: stale, error: error)
    }
}
