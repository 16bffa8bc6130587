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
