import FreeBusy
import ICalendar
import TextUtilities

/// What avail has learned about how one account's server behaves, kept beside
/// the discovery so that every later request starts from it: how to split a
/// large request, whether the POST needs the draft-era Originator/Recipient
/// headers, how the server answers for someone it does not know, whether it
/// matches addresses case-sensitively, whether the scheduling it announces is there.
///
/// A plain file of `key: value` lines a person can read (and delete, to have
/// it learned again). Unknown means not yet seen: a field is only written once
/// something was observed.
public struct ServerProfile: Equatable, Sendable {
    /// When something was last learned.
    public var updated: UTCInstant
    /// The request-status the server answers for an address it does not know:
    /// "3.7" (RFC 6638 §3.2.9, Invalid calendar user: DAViCal) or "5.1"
    /// (Could not complete delivery: Cyrus).
    public var unknownUsers: String?
    /// Whether the POST needs the draft-era Originator/Recipient headers
    /// (draft-desruisseaux-caldav-sched: a server announcing calendar-schedule
    /// without calendar-auto-schedule), as decided from the server's DAV
    /// classes when discovery last asked; a cached discovery does not keep them.
    public var draftHeaders: Bool?
    /// Seconds per recipient of a single POST (one batch), averaged.
    public var secondsPerRecipient: Double?
    /// How the server matches calendar-user addresses; nil until a mixed-case
    /// address was asked about.
    public var addresses: AddressMatching?
    /// Set when the server announced scheduling but did not do it; nil otherwise.
    public var scheduling: AbsentScheduling?

    /// How the server compares the addresses it is asked about with its users'.
    public enum AddressMatching: String, Equatable, Sendable {
        /// A mixed-case address answered like the lower-case one (DAViCal).
        case caseInsensitive = "case-insensitive"
        /// A mixed-case address was unknown, its lower-cased form answered (Cyrus):
        /// addresses go out lower-cased.
        case caseSensitive = "case-sensitive"
    }

    /// Scheduling the server announces in its `DAV:` header (RFC 6638 §2:
    /// `calendar-auto-schedule`) but does not do: no schedule-outbox-URL, or an
    /// outbox that refuses the POST. Kept so later commands say so at once
    /// instead of asking again; looked at again after `recheckAfter` or `--refresh`.
    public struct AbsentScheduling: Equatable, Sendable {
        /// The token the server announced, as it spelled it.
        public var announced: String
        /// What showed it is absent, for the user to check.
        public var evidence: String
        /// When it was seen.
        public var checked: UTCInstant

        public init(announced: String, evidence: String, checked: UTCInstant) {
            self.announced = announced
            self.evidence = evidence
            self.checked = checked
        }

        /// A server's administrator may turn scheduling on: a day later avail asks again.
        public static let recheckAfter: Int64 = 86_400

        public func stillHolds(now: UTCInstant) -> Bool {
            let age = now.secondsSinceEpoch - checked.secondsSinceEpoch
            return age >= 0 && age < Self.recheckAfter
        }
    }
    /// Seconds per recipient of a request split into POSTs sent at once, wall time, averaged.
    public var parallelSecondsPerRecipient: Double?

    public init(updated: UTCInstant, unknownUsers: String? = nil, draftHeaders: Bool? = nil,
                secondsPerRecipient: Double? = nil, parallelSecondsPerRecipient: Double? = nil,
                addresses: AddressMatching? = nil, scheduling: AbsentScheduling? = nil) {
        self.updated = updated
        self.unknownUsers = unknownUsers
        self.draftHeaders = draftHeaders
        self.secondsPerRecipient = secondsPerRecipient
        self.parallelSecondsPerRecipient = parallelSecondsPerRecipient
        self.addresses = addresses
        self.scheduling = scheduling
    }

    /// Whether POSTs sent at once answered faster per recipient than one POST
    /// (by at least a tenth: measurements that close are noise); nil until both were seen.
    public var parallelHelped: Bool? {
        guard let single = secondsPerRecipient, let parallel = parallelSecondsPerRecipient else { return nil }
        return parallel < single * 0.9
    }

    static let firstLine = "# avail server profile, format 1"

    public func serialized(account: String) -> String {
        var s = Self.firstLine + "\n"
        s += "# what avail learned about this server; delete the file to have it learned again\n"
        s += "account: \(CacheEntry.oneLine(account))\nupdated: \(updated.iso8601String)\n"
        if let unknownUsers { s += "unknown-users: \(CacheEntry.oneLine(unknownUsers))\n" }
        if let draftHeaders { s += "draft-headers: \(draftHeaders ? "yes" : "no")\n" }
        if let secondsPerRecipient { s += "seconds-per-recipient: \(Self.decimal(secondsPerRecipient))\n" }
        if let parallelSecondsPerRecipient { s += "parallel-seconds-per-recipient: \(Self.decimal(parallelSecondsPerRecipient))\n" }
        if let parallelHelped { s += "# parallel POSTs helped: \(parallelHelped ? "yes" : "no")\n" }
        if let addresses { s += "addresses: \(addresses.rawValue)\n" }
        if let scheduling {
            s += "scheduling: announced-but-absent\n"
            s += "scheduling-announced: \(CacheEntry.oneLine(scheduling.announced))\n"
            s += "scheduling-evidence: \(CacheEntry.oneLine(scheduling.evidence))\n"
            s += "scheduling-checked: \(scheduling.checked.iso8601String)\n"
        }
        return s + "# end\n"
    }

    /// Six decimals: a microsecond per recipient is finer than any loopback measurement.
    static func decimal(_ x: Double) -> String {
        let micro = Int64((max(0, x) * 1_000_000).rounded())
        let fraction = String(micro % 1_000_000)
        return "\(micro / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// Total: any text gives a profile or a FormatError (then the file is set aside and relearned).
    public static func parse(_ text: String, account: String) throws(CacheEntry.FormatError) -> ServerProfile {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, first.hasPrefix("# avail server profile") else { throw .notACacheEntry }
        guard first == firstLine else { throw .futureVersion(first) }
        guard lines.count >= 2, lines[lines.count - 2] == "# end", lines.last == "" else { throw .truncated }
        var fields: [String: String] = [:]
        for line in lines.dropFirst().dropLast(2) where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { throw .invalid("header line") }
            fields[String(line[line.startIndex..<colon])] = String(line[line.index(after: colon)...]).trimmingWhitespace
        }
        guard fields["account"] == account else { throw .invalid("account") }
        guard let u = fields["updated"], let updated = CacheEntry.parseISO(u) else { throw .missing("updated") }
        var p = ServerProfile(updated: updated)
        if let v = fields["unknown-users"] {
            guard ["3.7", "5.1"].contains(v) else { throw .invalid("unknown-users") }
            p.unknownUsers = v
        }
        if let v = fields["draft-headers"] {
            guard v == "yes" || v == "no" else { throw .invalid("draft-headers") }
            p.draftHeaders = v == "yes"
        }
        func seconds(_ key: String) throws(CacheEntry.FormatError) -> Double? {
            guard let v = fields[key] else { return nil }
            guard let x = Double(v), x.isFinite, x >= 0, x < 3600 else { throw .invalid(key) }
            return x
        }
        p.secondsPerRecipient = try seconds("seconds-per-recipient")
        p.parallelSecondsPerRecipient = try seconds("parallel-seconds-per-recipient")
        if let v = fields["addresses"] {
            guard let a = AddressMatching(rawValue: v) else { throw .invalid("addresses") }
            p.addresses = a
        }
        if let v = fields["scheduling"] {
            guard v == "announced-but-absent" else { throw .invalid("scheduling") }
            guard let announced = fields["scheduling-announced"], !announced.isEmpty else { throw .missing("scheduling-announced") }
            guard let evidence = fields["scheduling-evidence"], !evidence.isEmpty else { throw .missing("scheduling-evidence") }
            guard let c = fields["scheduling-checked"], let checked = CacheEntry.parseISO(c) else { throw .missing("scheduling-checked") }
            p.scheduling = AbsentScheduling(announced: announced, evidence: evidence, checked: checked)
        }
        return p
    }
}
