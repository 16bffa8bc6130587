import FreeBusy
import ICalendar

/// What changed in a meeting between two readings: what avail tells the user
/// when a write is refused with 412 (someone changed it since it was read)
/// instead of overwriting their change.
public struct MeetingDifference: Equatable, Sendable, CustomStringConvertible {
    public enum Change: Equatable, Sendable, CustomStringConvertible {
        case time(fromStart: UTCInstant, fromEnd: UTCInstant, toStart: UTCInstant, toEnd: UTCInstant)
        case title(from: String?, to: String?)
        case status(from: String?, to: String?)
        case answer(CalendarUserAddress, from: Participation, to: Participation)
        case invited(CalendarUserAddress)
        case uninvited(CalendarUserAddress)
        case sequence(from: Int, to: Int)

        public var description: String {
            switch self {
            case let .time(fromStart, fromEnd, toStart, toEnd):
                return "time \(fromStart.iso8601String)–\(fromEnd.iso8601String) → \(toStart.iso8601String)–\(toEnd.iso8601String)"
            case let .title(from, to): return "title \((from ?? "").debugDescription) → \((to ?? "").debugDescription)"
            case let .status(from, to): return "status \(from ?? "none") → \(to ?? "none")"
            case let .answer(who, from, to): return "\(who.displayString): \(from) → \(to)"
            case let .invited(who): return "\(who.displayString) invited"
            case let .uninvited(who): return "\(who.displayString) no longer invited"
            case let .sequence(from, to): return "version \(from) → \(to)"
            }
        }
    }

    public var changes: [Change]

    /// The changes from `old` to `new`, time and title first, then people in
    /// the order `new` lists them. SEQUENCE alone is reported only when nothing
    /// else differs (a server may raise it by itself, as Cyrus does).
    public init(from old: Meeting, to new: Meeting) {
        var changes: [Change] = []
        if old.start != new.start || old.end != new.end { changes.append(.time(fromStart: old.start, fromEnd: old.end, toStart: new.start, toEnd: new.end)) }
        if old.summary != new.summary { changes.append(.title(from: old.summary, to: new.summary)) }
        if old.status != new.status { changes.append(.status(from: old.status, to: new.status)) }
        let before = Dictionary(old.attendees.map { ($0.address.matchKey, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(new.attendees.map(\.address.matchKey))
        for a in new.attendees {
            if let b = before[a.address.matchKey] {
                if b.participation != a.participation { changes.append(.answer(a.address, from: b.participation, to: a.participation)) }
            } else {
                changes.append(.invited(a.address))
            }
        }
        for b in old.attendees where !after.contains(b.address.matchKey) { changes.append(.uninvited(b.address)) }
        if changes.isEmpty, old.sequence != new.sequence { changes.append(.sequence(from: old.sequence, to: new.sequence)) }
        self.changes = changes
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// "time … → …; bob@example.com: no answer yet → accepted", or "no visible change".
    public var description: String {
        changes.isEmpty ? "no visible change" : changes.map(\.description).joined(separator: "; ")
    }
}
