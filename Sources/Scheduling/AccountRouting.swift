import FreeBusy
import ICalendar

/// Which of the user's accounts to ask about whom: the pure decisions behind
/// several accounts in one grid. No network, no cache: what each account has
/// learned comes in as `Knowledge`, and the plan goes out as account indices.
///
/// The rules, in order:
/// 1. An address that is the user's own on some account is the user's own row:
///    every account that knows its user's address is asked (about this address
///    where it is theirs, else about that account's own address), and the busy
///    time is merged.
/// 2. An address whose domain an account lists in `domains` goes to those
///    accounts only, in config order: the rule says where the person lives,
///    and their address is not sent to the others.
/// 3. Anyone else is asked on each account in turn until one answers 2.0:
///    first the accounts that answered for them before, then those that never
///    said, then those that said they do not know them (things change).
public struct AccountRouting: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        /// The short name the status column shows.
        public var name: String
        /// Lower-case domains (`example.com` also covers `mail.example.com`).
        public var domains: [String]
        /// The user's own addresses on this account (match keys), from the
        /// config's organizer and the discovered calendar-user-address-set.
        public var own: Set<String>
        /// The address to ask this account about for the user's own row.
        public var primary: CalendarUserAddress?

        public init(name: String, domains: [String] = [], own: Set<String> = [], primary: CalendarUserAddress? = nil) {
            self.name = name
            self.domains = domains.map { $0.lowercased() }
            self.own = own
            self.primary = primary
        }
    }

    /// What an account's earlier answers say about a person.
    public enum Knowledge: Sendable, Equatable {
        case knows, doesNotKnow, neverAsked
    }

    /// How one attendee is asked.
    public enum Plan: Sendable, Equatable {
        /// The user's own row: each account about the address given, all at once, merged.
        case own([Ask])
        /// One account after the other, the next only when the one before did not answer 2.0.
        case inTurn([Int])
    }

    public struct Ask: Sendable, Equatable {
        public var account: Int
        public var address: CalendarUserAddress
        public init(account: Int, address: CalendarUserAddress) {
            self.account = account
            self.address = address
        }
    }

    public var members: [Member]

    public init(_ members: [Member]) { self.members = members }

    public func plan(for address: CalendarUserAddress, knowledge: (Int) -> Knowledge) -> Plan {
        let key = address.matchKey
        if members.contains(where: { $0.own.contains(key) }) {
            return .own(members.indices.compactMap { i in
                if members[i].own.contains(key) { return Ask(account: i, address: address) }
                return members[i].primary.map { Ask(account: i, address: $0) }
            })
        }
        if let domain = Self.domain(of: address) {
            let ruled = members.indices.filter { i in members[i].domains.contains { domain == $0 || domain.hasSuffix("." + $0) } }
            if !ruled.isEmpty { return .inTurn(ruled) }
        }
        let rank: (Knowledge) -> Int = { k in
            switch k {
            case .knows: return 0
            case .neverAsked: return 1
            case .doesNotKnow: return 2
            }
        }
        // A stable sort: config order within each rank.
        let ranked = members.indices.map { (i: $0, rank: rank(knowledge($0))) }
        return .inTurn(ranked.sorted { ($0.rank, $0.i) < ($1.rank, $1.i) }.map(\.i))
    }

    /// Whether an answer sends the question on to the next account: anything
    /// short of an answer (3.7 unknown, 3.8 no authority, 5.x, no answer at all).
    public static func triesNext(_ answer: FreeBusyAnswer) -> Bool {
        answer.result.status.outcome != .success || answer.result.busy == nil
    }

    /// When no account answered: the refusal that says most about the person
    /// (3.8: someone who exists but does not share; 3.7: nobody by that address;
    /// then failures), the earlier account on a tie.
    public static func moreTelling(_ a: FreeBusyAnswer, than b: FreeBusyAnswer) -> Bool {
        func rank(_ x: FreeBusyAnswer) -> Int {
            switch x.result.status.outcome {
            case .success: return 0
            case .noAuthority: return 1
            case .noSuchUser: return 2
            case .notAccepted, .pending, .unrecognised: return 3
            case .failed: return 4
            case .noAnswer: return 5
            }
        }
        return rank(a) < rank(b)
    }

    /// What a cached status says about whether the account knows the person.
    public static func knowledge(fromStatuses statuses: [RequestStatus]) -> Knowledge {
        if statuses.contains(where: { $0.outcome == .success }) { return .knows }
        if statuses.contains(where: { [.noSuchUser, .noAuthority, .failed].contains($0.outcome) }) { return .doesNotKnow }
        return .neverAsked
    }

    /// The domain of a mailto: address, lower case; nil for other URIs.
    static func domain(of address: CalendarUserAddress) -> String? {
        guard address.matchKey.hasPrefix("mailto:"), let at = address.matchKey.lastIndex(of: "@") else { return nil }
        let d = address.matchKey[address.matchKey.index(after: at)...]
        return d.isEmpty ? nil : String(d)
    }

    /// The user's own row from each account's answer: the union of the busy
    /// time of those that answered. When one did not, its time is not known, so
    /// the whole window is a gap (never free) and the problem names it.
    public static func merged(_ answers: [(account: String, answer: FreeBusyAnswer)], recipient: CalendarUserAddress,
                              window: TimeWindow) -> FreeBusyAnswer? {
        let answered = answers.filter { !triesNext($0.answer) }
        let missing = answers.filter { triesNext($0.answer) }
        guard var row = (answered.first ?? answers.first)?.answer else { return nil }
        row.result.recipient = recipient
        row.account = (answered.isEmpty ? answers : answered).map(\.account).joined(separator: "+")
        if !answered.isEmpty {
            row.result.busy = answered.flatMap { $0.answer.result.busy ?? [] }.normalized(within: window)
            row.gaps = answered.flatMap(\.answer.gaps).union()
            row.stale = answered.contains { $0.answer.stale }
            row.fetched = answered.compactMap(\.answer.fetched).min()
        }
        if !answered.isEmpty, !missing.isEmpty {
            row.gaps = [window]
            row.result.problem = "not answered by " + missing.map { "\($0.account) (\($0.answer.result.status.code) \($0.answer.result.status.meaning))" }
                .joined(separator: ", ")
        }
        return row
    }
}
