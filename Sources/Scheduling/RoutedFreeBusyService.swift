import CalDAVClient
import FreeBusy
import FreeBusyCache
import ICalendar

/// Free/busy over several accounts at once: each attendee goes to the account
/// `AccountRouting` picks, in rounds (the first choices all at once, then the
/// next account for whoever was not answered, and so on), and the answers
/// come back as one outcome, each row naming the account that answered.
///
/// Each account keeps its own FreeBusyService, so its cache (and what it
/// learned: who it knows, its server profile) stays its own.
public final class RoutedFreeBusyService: Sendable {
    public struct Account: Sendable {
        public var name: String
        public var domains: [String]
        public var service: FreeBusyService
        /// The configured organizer, if any (else the discovered one is used).
        public var organizer: CalendarUserAddress?
        /// `scheme://host:port`, for the warning when the account fails.
        public var server: String?

        public init(name: String, domains: [String], service: FreeBusyService, organizer: CalendarUserAddress? = nil,
                    server: String? = nil) {
            self.name = name
            self.domains = domains
            self.service = service
            self.organizer = organizer
            self.server = server
        }
    }

    public let accounts: [Account]

    public init(accounts: [Account]) { self.accounts = accounts }

    /// The same accounts, each asking its server whatever its cache holds.
    public func refreshing() -> RoutedFreeBusyService {
        RoutedFreeBusyService(accounts: accounts.map { a in var a = a; a.service = a.service.refreshing(); return a })
    }

    /// The routing with what each account knows of its user: the organizer from
    /// the config, else the cached discovery (or a PROPFIND when there is none:
    /// the POST needs it anyway; all accounts at once). An account that cannot
    /// say is asked only about others.
    public func routing(now: UTCInstant) async -> AccountRouting {
        let found = await withTaskGroup(of: (Int, DiscoveryResult?).self) { group in
            for (k, a) in accounts.enumerated() {
                let service = a.service
                group.addTask { (k, try? await service.discovery(fresh: false, now: now)) }
            }
            var out: [Int: DiscoveryResult] = [:]
            for await (k, d) in group { out[k] = d }
            return out
        }
        return routing(found)
    }

    /// The routing from what is at hand without the network: the config's
    /// organizers and the cached discoveries (the planner's first paint).
    public func cachedRouting() -> AccountRouting {
        var found: [Int: DiscoveryResult] = [:]
        for (k, a) in accounts.enumerated() {
            found[k] = a.service.cache?.loadDiscovery().flatMap(FreeBusyService.discoveryResult)
        }
        return routing(found)
    }

    private func routing(_ discoveries: [Int: DiscoveryResult]) -> AccountRouting {
        AccountRouting(accounts.enumerated().map { k, a in
            var own = Set<String>()
            var primary = a.organizer
            if let d = discoveries[k] {
                own.formUnion(d.calendarUserAddresses.compactMap { try? CalendarUserAddress($0).matchKey })
                own.insert(d.organizer.matchKey)
                if primary == nil { primary = d.organizer }
            }
            if let primary { own.insert(primary.matchKey) }
            return AccountRouting.Member(name: a.name, domains: a.domains, own: own, primary: primary)
        })
    }

    /// What account `i`'s cache says about the person, from any answer it kept.
    func knowledge(_ i: Int, _ who: CalendarUserAddress) -> AccountRouting.Knowledge {
        guard let cache = accounts[i].service.cache else { return .neverAsked }
        return AccountRouting.knowledge(fromStatuses: cache.entries(for: who).map(\.status))
    }

    /// Everyone's answer, rows in the order given. Throws only when no account
    /// could answer anyone and none had a cached answer (the first error).
    public func query(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant,
                      calendarUserTypes: [String: CalendarUserType] = [:],
                      onPartial: (@Sendable ([FreeBusyAnswer]) -> Void)? = nil) async throws(CalDAVError) -> FreeBusyOutcome {
        let routing = await routing(now: now)
        let plans = attendees.map { a in routing.plan(for: a, knowledge: { self.knowledge($0, a) }) }
        // Per attendee: the accounts still to try (in turn), the most telling
        // refusal so far (kept when nobody answers), and the own row's answers per account.
        var queue: [[Int]] = plans.map { if case let .inTurn(order) = $0 { return order } else { return [] } }
        var bestRefusal: [FreeBusyAnswer?] = Array(repeating: nil, count: attendees.count)
        var done: [FreeBusyAnswer?] = Array(repeating: nil, count: attendees.count)
        var ownAnswers: [[(account: String, answer: FreeBusyAnswer)]] = Array(repeating: [], count: attendees.count)
        var errors: [CalDAVError] = []
        var failures: [AccountFailure] = []
        func failed(_ k: Int, _ error: CalDAVError) {
            guard !failures.contains(where: { $0.account == accounts[k].name }) else { return }
            failures.append(AccountFailure(account: accounts[k].name, server: accounts[k].server, error: error))
        }
        var organizer: CalendarUserAddress? = nil
        var notes: [String] = []
        var firstRound = true
        while true {
            // This round: account → [(attendee index, address to ask)].
            var round: [Int: [(Int, CalendarUserAddress)]] = [:]
            for i in attendees.indices where done[i] == nil {
                if firstRound, case let .own(asks) = plans[i] {
                    for ask in asks { round[ask.account, default: []].append((i, ask.address)) }
                } else if let next = queue[i].first {
                    queue[i].removeFirst()
                    round[next, default: []].append((i, attendees[i]))
                }
            }
            if round.isEmpty { break }
            let results = await ask(round, window: window, now: now, calendarUserTypes: calendarUserTypes, plans: plans,
                                    onPartial: onPartial)
            for (k, result) in results {
                let name = accounts[k].name
                switch result {
                case let .success(outcome):
                    if organizer == nil || k == 0 { organizer = outcome.organizer ?? organizer }
                    if let note = outcome.note { notes.append("\(name): \(note)") }
                    if let e = outcome.networkError { errors.append(e); failed(k, e) }
                    // By address: two rows may ask one account about the same address
                    // (your own row typed under two of your addresses), asked once.
                    let byAddress = Dictionary(outcome.rows.map { ($0.recipient.matchKey, $0) }, uniquingKeysWith: { a, _ in a })
                    for (i, address) in round[k] ?? [] {
                        guard var row = byAddress[address.matchKey] else { continue }
                        row.account = name
                        if case .own = plans[i] { ownAnswers[i].append((name, row)); continue }
                        if bestRefusal[i].map({ AccountRouting.moreTelling(row, than: $0) }) ?? true { bestRefusal[i] = row }
                        if !AccountRouting.triesNext(row) || queue[i].isEmpty { done[i] = AccountRouting.triesNext(row) ? bestRefusal[i] : row }
                    }
                case let .failure(error):
                    errors.append(error)
                    failed(k, error)
                    notes.append("\(name): \(error.description)")
                    for (i, address) in round[k] ?? [] {
                        let row = FreeBusyAnswer(result: RecipientResult(recipient: address, status: .noAnswer("No answer"), busy: nil,
                                                                         problem: error.description),
                                                 source: .server, fetched: nil, error: error.description, account: name)
                        if case .own = plans[i] { ownAnswers[i].append((name, row)); continue }
                        if bestRefusal[i].map({ AccountRouting.moreTelling(row, than: $0) }) ?? true { bestRefusal[i] = row }
                        if queue[i].isEmpty { done[i] = bestRefusal[i] }
                    }
                }
            }
            for i in attendees.indices where !ownAnswers[i].isEmpty && done[i] == nil {
                // In config order, whatever order the answers came in.
                let ordered = ownAnswers[i].sorted { a, b in
                    (accounts.firstIndex { $0.name == a.account } ?? 0) < (accounts.firstIndex { $0.name == b.account } ?? 0)
                }
                done[i] = AccountRouting.merged(ordered, recipient: attendees[i], window: window)
            }
            firstRound = false
        }
        let rows = attendees.indices.compactMap { i -> FreeBusyAnswer? in
            guard var row = done[i] ?? bestRefusal[i] else { return nil }
            row.result.recipient = attendees[i]
            return row
        }
        if let first = errors.first, !rows.contains(where: { $0.result.busy != nil }) { throw first }
        // A failure counts only where it left someone stale or unanswered: an
        // account that was down while another answered for everyone is no failure.
        let hurt = rows.contains { $0.error != nil || $0.stale }
        var outcome = FreeBusyOutcome(organizer: organizer, window: window, rows: rows, note: notes.isEmpty ? nil : notes.joined(separator: "; "),
                                      networkError: hurt ? errors.first : nil)
        // In config order, whichever failed first.
        outcome.accountFailures = failures.sorted { a, b in
            (accounts.firstIndex { $0.name == a.account } ?? 0) < (accounts.firstIndex { $0.name == b.account } ?? 0)
        }
        return outcome
    }

    /// One round: each account asked about its share at once.
    private func ask(_ round: [Int: [(Int, CalendarUserAddress)]], window: TimeWindow, now: UTCInstant,
                     calendarUserTypes: [String: CalendarUserType], plans: [AccountRouting.Plan],
                     onPartial: (@Sendable ([FreeBusyAnswer]) -> Void)?) async -> [Int: Result<FreeBusyOutcome, CalDAVError>] {
        return await withTaskGroup(of: (Int, Result<FreeBusyOutcome, CalDAVError>).self) { group in
            for (k, share) in round {
                let service = accounts[k].service
                let name = accounts[k].name
                var seen = Set<String>()
                let addresses = share.map(\.1).filter { seen.insert($0.matchKey).inserted }
                // Early rows only for those this account answers for good: an own
                // row waits for its merge, a refusal for the next account.
                let own = Set(share.filter { if case .own = plans[$0.0] { return true } else { return false } }.map { $0.1.matchKey })
                let partial = onPartial.map { deliver in
                    { @Sendable (rows: [FreeBusyAnswer]) in
                        let good = rows.filter { !own.contains($0.recipient.matchKey) && !AccountRouting.triesNext($0) }
                            .map { r -> FreeBusyAnswer in var r = r; r.account = name; return r }
                        if !good.isEmpty { deliver(good) }
                    }
                }
                group.addTask {
                    do throws(CalDAVError) { return (k, .success(try await service.query(addresses, window: window, now: now,
                                                                     calendarUserTypes: calendarUserTypes, onPartial: partial))) }
                    catch { return (k, .failure(error)) }
                }
            }
            var out: [Int: Result<FreeBusyOutcome, CalDAVError>] = [:]
            for await (k, r) in group { out[k] = r }
            return out
        }
    }

    /// Whatever the caches hold, at once, routed as a query would be: for
    /// each attendee the first account in its plan with a cached answer; the
    /// own row merged from every account's cached answer (one missing makes
    /// the window unknown, never free).
    public func cached(_ attendees: [CalendarUserAddress], window: TimeWindow, now: UTCInstant) -> [FreeBusyAnswer] {
        let routing = cachedRouting()
        return attendees.compactMap { a in
            switch routing.plan(for: a, knowledge: { self.knowledge($0, a) }) {
            case let .own(asks):
                let answers = asks.map { ask -> (account: String, answer: FreeBusyAnswer) in
                    let name = accounts[ask.account].name
                    let row = accounts[ask.account].service.cached([ask.address], window: window, now: now).first
                        ?? FreeBusyAnswer(result: RecipientResult(recipient: ask.address, status: .noAnswer("Not in the cache"), busy: nil),
                                          source: .cache, fetched: nil)
                    return (name, row)
                }
                guard answers.contains(where: { !AccountRouting.triesNext($0.answer) }) else { return nil }
                return AccountRouting.merged(answers, recipient: a, window: window)
            case let .inTurn(order):
                for k in order {
                    if var row = accounts[k].service.cached([a], window: window, now: now).first, !AccountRouting.triesNext(row) {
                        row.account = accounts[k].name
                        return row
                    }
                }
                return nil
            }
        }
    }

    /// Each account's `finish` for the rows it answered (the attendees it
    /// remembers for completion are those): warnings of all (an account that
    /// failed first, one line each), the first failure.
    public func finish(_ outcome: FreeBusyOutcome, now: UTCInstant) -> QueryConclusion {
        var conclusion = QueryConclusion(warnings: outcome.accountFailures.map(\.warning))
        for (k, account) in accounts.enumerated() {
            let rows = outcome.rows.filter { $0.account?.split(separator: "+").contains(Substring(account.name)) == true }
            let mine = FreeBusyOutcome(organizer: outcome.organizer, window: outcome.window, rows: rows,
                                       networkError: k == 0 ? outcome.networkError : nil)
            let c = account.service.finish(mine, attendees: rows.map(\.recipient), now: now)
            conclusion.warnings += c.warnings.filter { !conclusion.warnings.contains($0) }
            if conclusion.failure == nil { conclusion.failure = c.failure }
        }
        // The failure went to the first account's finish, but what stands in
        // for fresh answers is every account's: their oldest cached answer, or,
        // with someone left unanswered and nothing cached, the other accounts'.
        if var failure = conclusion.failure {
            failure.shownInstead = outcome.rows.contains(where: \.stale)
                ? FreeBusyService.cachedInstead(outcome.rows, now: now) : "showing what the other accounts answered"
            conclusion.failure = failure
        }
        return conclusion
    }
}

extension FreeBusyService {
    /// These people's time from this account, or over `routed` when there are
    /// several (this account among them): the one check `book`, `move` and the
    /// planner's `b` and `M` make before writing.
    func query(_ people: [CalendarUserAddress], window: TimeWindow, now: UTCInstant, calendarUserTypes: [String: CalendarUserType] = [:],
               routedOver routed: RoutedFreeBusyService?) async throws(CalDAVError) -> FreeBusyOutcome {
        if let routed { return try await routed.query(people, window: window, now: now, calendarUserTypes: calendarUserTypes) }
        return try await query(people, window: window, now: now, calendarUserTypes: calendarUserTypes)
    }
}
