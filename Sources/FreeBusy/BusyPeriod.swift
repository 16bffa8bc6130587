import ICalendar

/// The kind of busy time (RFC 5545 §3.2.9 FBTYPE). FREE periods are not busy
/// and are never represented here.
public enum BusyType: Hashable, Sendable, Comparable {
    case busy
    case busyUnavailable
    case busyTentative
    /// An `x-name` or IANA type we do not know: counted as busy (RFC 5545 §3.2.9
    /// says unknown types MUST be treated as BUSY), the name kept for display.
    case other(String)

    /// The FBTYPE parameter value; absent means BUSY (RFC 5545 §3.2.9 default).
    /// Returns nil for FREE.
    public init?(fbtype: String?) {
        switch fbtype?.uppercased() {
        case nil, "BUSY": self = .busy
        case "BUSY-UNAVAILABLE": self = .busyUnavailable
        case "BUSY-TENTATIVE": self = .busyTentative
        case "FREE": return nil
        case let name?: self = .other(name)
        }
    }

    public var name: String {
        switch self {
        case .busy: return "BUSY"
        case .busyUnavailable: return "BUSY-UNAVAILABLE"
        case .busyTentative: return "BUSY-TENTATIVE"
        case let .other(n): return n
        }
    }

    /// How strongly the time is taken, for showing one type where several overlap:
    /// BUSY (and unknown types, treated as BUSY) over UNAVAILABLE over TENTATIVE.
    public var strength: Int {
        switch self {
        case .busy, .other: return 3
        case .busyUnavailable: return 2
        case .busyTentative: return 1
        }
    }
}

/// A half-open span `[start, end)` of busy time of one type.
public struct BusyPeriod: Hashable, Sendable, CustomStringConvertible {
    public var start: UTCInstant
    public var end: UTCInstant
    public var type: BusyType

    public init(start: UTCInstant, end: UTCInstant, type: BusyType = .busy) {
        self.start = start
        self.end = end
        self.type = type
    }

    public var description: String { "\(start.iso8601String)/\(end.iso8601String) \(type.name)" }
}

/// The span a request asks about: `[start, end)` in UTC.
public struct TimeWindow: Hashable, Sendable, CustomStringConvertible {
    public var start: UTCInstant
    public var end: UTCInstant

    public init?(start: UTCInstant, end: UTCInstant) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    public var seconds: Int64 { end.secondsSinceEpoch - start.secondsSinceEpoch }
    public var description: String { "\(start.iso8601String)/\(end.iso8601String)" }
}
