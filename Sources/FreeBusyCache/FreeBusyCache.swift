import FreeBusy
import ICalendar
import Synchronization
import TextUtilities
#if canImport(Glibc)
import Glibc
#endif

/// The free/busy cache of one account: `<root>/<account key>/`, the discovery
/// result and recently used attendees, and one directory per recipient holding
/// one file per window (`<recipient key>/<start>_<end>.fb`). Two accounts never
/// share a directory, so their answers never mix.
///
/// A lookup lists only the directory of the recipient asked about: its cost
/// grows with the windows kept for that person, not with the files in the
/// cache (with every entry in one directory, a 200-attendee query read the
/// whole directory 400 times). Entries of the older flat layout
/// (`<recipient key>_<start>_<end>.fb` in the account directory) are never
/// read; `CacheMaintenance.prune` removes them.
public final class FreeBusyCache: Sendable {
    public let root: String
    public let account: String
    public let directory: CacheDirectory
    /// One-line warnings about files that could not be read (each then quarantined).
    public let warnings = Mutex<[String]>([])

    public static let entrySuffix = ".fb"

    /// `account` names server and user (`https://cal.example.com alice`), never a password.
    public init(root: String, account: String) {
        self.root = root
        self.account = account
        directory = CacheDirectory(path: root + "/" + Self.accountKey(account), root: root)
    }

    /// A directory name a person can recognise, plus a hash so that accounts
    /// whose names sanitise alike still differ.
    public static func accountKey(_ account: String) -> String {
        var readable = ""
        for ch in account.lowercased().unicodeScalars.prefix(60) {
            if ch.properties.isAlphabetic && ch.isASCII || ("0"..."9").contains(ch) || ch == "." || ch == "-" || ch == "@" {
                readable.unicodeScalars.append(ch)
            } else if !readable.hasSuffix("_") {
                readable += "_"
            }
        }
        return readable + "-" + fnv1a(account)
    }

    static func fnv1a(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h.zeroPadded(to: 16, radix: 16)
    }

    // MARK: Free/busy entries

    /// A file name a person can recognise; a long address is shortened and
    /// given a hash so that the name stays within NAME_MAX.
    static func recipientKey(_ r: CalendarUserAddress) -> String {
        // Lower-case letters only: the key must not differ by case on a
        // case-insensitive file system. ':' (after `mailto`) reads better as '='.
        var out = String(r.matchKey.percentEncoded { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "@") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ":")
        }.map { $0 == ":" ? "=" : $0 })
        if out.utf8.count > 120 { out = String(out.unicodeScalars.prefix(100)) + "-" + fnv1a(r.matchKey) }
        // Never empty, ".", ".." or hidden: the key names a directory.
        if out.hasPrefix(".") { out = "%2E" + out.dropFirst() }
        if out.isEmpty { out = "%" }
        return out
    }

    /// The directory of one recipient's answers.
    public func recipientDirectory(_ recipient: CalendarUserAddress) -> CacheDirectory {
        CacheDirectory(path: directory.file(Self.recipientKey(recipient)), root: root)
    }

    /// The entry's file name in its recipient's directory.
    static func windowName(_ window: TimeWindow) -> String {
        "\(window.start.iCalendarString)_\(window.end.iCalendarString)\(entrySuffix)"
    }

    /// The entry's path relative to the account directory.
    public func entryName(_ recipient: CalendarUserAddress, _ window: TimeWindow) -> String {
        Self.recipientKey(recipient) + "/" + Self.windowName(window)
    }

    /// Every readable entry for this recipient. Unreadable files are quarantined
    /// with a warning and the answer is fetched again.
    public func entries(for recipient: CalendarUserAddress) -> [CacheEntry] {
        let dir = recipientDirectory(recipient)
        var found: [CacheEntry] = []
        for file in dir.list() where file.name.hasSuffix(Self.entrySuffix) {
            guard let text = contents(of: file.name, in: dir) else { continue }
            do {
                let entry = try CacheEntry.parse(text)
                guard entry.account == account, entry.recipient.matchKey == recipient.matchKey else {
                    throw CacheEntry.FormatError.invalid("account or recipient")
                }
                found.append(entry)
            } catch {
                warnings.withLock { $0.append("ignoring cache file \(dir.file(file.name)): \(error)") }
                dir.quarantine(file.name)
            }
        }
        return found
    }

    /// The best entry covering the window: a good answer (newest first) over a
    /// failure; the periods clipped to the window asked for.
    public func lookup(_ recipient: CalendarUserAddress, window: TimeWindow) -> CacheEntry? {
        let covering = entries(for: recipient).filter { $0.window.contains(window) }
        let best = covering.filter(\.isGood).max { $0.fetched < $1.fetched }
            ?? covering.max { $0.fetched < $1.fetched }
        guard var entry = best else { return nil }
        // Normalised when the entry was read: narrowing it needs no second pass.
        entry.busy = entry.busy?.clipped(to: window)
        entry.window = window
        return entry
    }

    /// What good answers (fetched no earlier than `notBefore`) say about part of
    /// the window, when no single one covers all of it. Where answers overlap the
    /// newest wins; `gaps` is what no answer covers. Nil when nothing overlaps.
    public func partialCover(_ recipient: CalendarUserAddress, window: TimeWindow, notBefore: UTCInstant? = nil) -> PartialCover? {
        let usable = entries(for: recipient)
            .filter { $0.isGood && $0.window.overlaps(window) }
            .filter { e in notBefore.map { e.fetched >= $0 } ?? true }
            .sorted { $0.fetched > $1.fetched }
        guard !usable.isEmpty else { return nil }
        var covered: [TimeSpan] = []
        var busy: [BusyPeriod] = []
        for e in usable {
            guard let piece = e.window.clipped(to: window) else { continue }
            // The parts of this answer's window not already covered by a newer one.
            // Entries are normalised when read, so clipping each to its piece keeps
            // the whole canonical: only touching pieces of one type need merging.
            for fresh in piece.subtracting(covered) {
                for p in e.busy ?? [] {
                    if let inside = p.span.clipped(to: fresh) { busy.append(BusyPeriod(span: inside, type: p.type)) }
                }
            }
            covered = (covered + [piece]).union()
        }
        return PartialCover(busy: busy.normalized(within: window), covered: covered,
                            gaps: window.subtracting(covered),
                            oldestFetched: usable.map(\.fetched).min() ?? window.start)
    }

    /// Drops this recipient's answers whose window overlaps `span`: after a
    /// booking they no longer tell the truth about that time. Returns how many.
    @discardableResult
    public func forget(_ recipient: CalendarUserAddress, overlapping span: TimeSpan) -> Int {
        let stale = entries(for: recipient).filter { $0.window.overlaps(span) }
        let dir = recipientDirectory(recipient)
        for e in stale { dir.remove(Self.windowName(e.window)) }
        return stale.count
    }

    /// Keeps an answer. A failure never replaces a good answer for the same window:
    /// the good one stays (to be shown as stale, with the error beside it).
    public func store(_ entry: CacheEntry) throws(CacheDirectory.WriteError) {
        let dir = recipientDirectory(entry.recipient)
        let name = Self.windowName(entry.window)
        if !entry.isGood, let text = contents(of: name, in: dir), let old = try? CacheEntry.parse(text), old.isGood { return }
        try dir.write(entry.serialized(), to: name)
    }

    /// A file of this cache, or nil when it is absent. One that is not a regular
    /// file the user owns (a FIFO, a link, another user's file) is set aside as
    /// `*.bad` with one warning, so it is neither read nor tripped over again.
    func contents(of name: String, in dir: CacheDirectory? = nil) -> String? {
        let dir = dir ?? directory
        do throws(OutsideFile.Refusal) {
            let text = try dir.text(of: name)
            // avail never writes an empty file: one is what a power cut right
            // after a write can leave (CacheDirectory.write), and holds nothing.
            if text.isEmpty { dir.remove(name); return nil }
            return text
        } catch .absent { return nil } catch {
            warnings.withLock { $0.append("ignoring cache file \(dir.file(name)): \(error)") }
            dir.quarantine(name)
            return nil
        }
    }

    // MARK: Discovery and recent attendees

    public func loadDiscovery() -> CachedDiscovery? {
        guard let text = contents(of: "discovery") else { return nil }
        do { return try CachedDiscovery.parse(text, account: account) } catch {
            warnings.withLock { $0.append("ignoring cache file \(directory.file("discovery")): \(error)") }
            directory.quarantine("discovery")
            return nil
        }
    }

    public func storeDiscovery(_ d: CachedDiscovery) throws(CacheDirectory.WriteError) {
        try directory.write(d.serialized(account: account), to: "discovery")
    }

    public func forgetDiscovery() { directory.remove("discovery") }

    /// What was learned about the server, or nil before anything was; a file
    /// that does not read is set aside as `*.bad` with one warning and relearned.
    public func loadProfile() -> ServerProfile? {
        guard let text = contents(of: "server-profile") else { return nil }
        do { return try ServerProfile.parse(text, account: account) } catch {
            warnings.withLock { $0.append("ignoring cache file \(directory.file("server-profile")): \(error)") }
            directory.quarantine("server-profile")
            return nil
        }
    }

    public func storeProfile(_ p: ServerProfile) throws(CacheDirectory.WriteError) {
        try directory.write(p.serialized(account: account), to: "server-profile")
    }

    /// Most recent first, one address a line.
    public func recentAttendees() -> [String] {
        guard let text = contents(of: "recent-attendees") else { return [] }
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    /// Puts `used` first in the recent-attendees list (case-insensitively
    /// once each, at most 200). One pass with a set: comparing every pair cost a
    /// warm query of 5 attendees 38 M instructions once 200 were remembered.
    /// A list that would not change is not written again, so a repeated query
    /// writes nothing here.
    public func rememberAttendees(_ used: [CalendarUserAddress]) throws(CacheDirectory.WriteError) {
        let old = recentAttendees()
        var seen = Set<String>()
        var list: [String] = []
        for address in used.map(\.displayString) + old where list.count < 200 && seen.insert(address.lowercased()).inserted {
            list.append(address)
        }
        guard list != old else { return }
        try directory.write("# avail: recently used attendees, most recent first\n" + list.joined(separator: "\n") + "\n",
                            to: "recent-attendees")
    }
}

/// What the cache knows of part of a window (see `FreeBusyCache.partialCover`).
public struct PartialCover: Equatable, Sendable {
    public var busy: [BusyPeriod]
    public var covered: [TimeSpan]
    public var gaps: [TimeSpan]
    public var oldestFetched: UTCInstant
}

/// Where discovery led (RFC 6638 §2), kept so that a warm start skips the PROPFINDs.
public struct CachedDiscovery: Equatable, Sendable {
    public var fetched: UTCInstant
    public var principal: String
    public var outbox: String
    public var organizer: String
    public var displayName: String?
    public var addresses: [String]

    public init(fetched: UTCInstant, principal: String, outbox: String, organizer: String, displayName: String?, addresses: [String]) {
        self.fetched = fetched
        self.principal = principal
        self.outbox = outbox
        self.organizer = organizer
        self.displayName = displayName
        self.addresses = addresses
    }

    static let firstLine = "# avail discovery cache, format 1"

    func serialized(account: String) -> String {
        var s = Self.firstLine + "\n"
        s += "account: \(CacheEntry.oneLine(account))\nfetched: \(fetched.iso8601String)\n"
        s += "principal: \(CacheEntry.oneLine(principal))\noutbox: \(CacheEntry.oneLine(outbox))\n"
        s += "organizer: \(CacheEntry.oneLine(organizer))\n"
        if let displayName { s += "display-name: \(CacheEntry.oneLine(displayName))\n" }
        for a in addresses { s += "address: \(CacheEntry.oneLine(a))\n" }
        return s + "# end\n"
    }

    static func parse(_ text: String, account: String) throws(CacheEntry.FormatError) -> CachedDiscovery {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == firstLine else { throw .notACacheEntry }
        guard lines.count >= 2, lines[lines.count - 2] == "# end", lines.last == "" else { throw .truncated }
        var fields: [String: String] = [:]
        var addresses: [String] = []
        for line in lines.dropFirst().dropLast(2) {
            guard let colon = line.firstIndex(of: ":") else { throw .invalid("header line") }
            let key = String(line[line.startIndex..<colon])
            let value = String(line[line.index(after: colon)...]).trimmingWhitespace
            if key == "address" { addresses.append(value) } else { fields[key] = value }
        }
        guard fields["account"] == account else { throw .invalid("account") }
        guard let f = fields["fetched"], let fetched = CacheEntry.parseISO(f) else { throw .missing("fetched") }
        guard let principal = fields["principal"], let outbox = fields["outbox"], let organizer = fields["organizer"] else {
            throw .missing("principal, outbox or organizer")
        }
        return CachedDiscovery(fetched: fetched, principal: principal, outbox: outbox, organizer: organizer,
                               displayName: fields["display-name"], addresses: addresses)
    }
}
