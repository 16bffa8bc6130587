/// What kind of calendar user an address belongs to (RFC 5545 §3.2.3 CUTYPE;
/// RFC 6638 §2.4.2 `calendar-user-type` on a principal).
public enum CalendarUserType: Hashable, Sendable, CustomStringConvertible {
    case individual, group, resource, room, unknown
    /// An x-name or IANA token not listed above.
    case other(String)

    public init(_ text: String) {
        switch text.uppercased() {
        case "INDIVIDUAL": self = .individual
        case "GROUP": self = .group
        case "RESOURCE": self = .resource
        case "ROOM": self = .room
        case "UNKNOWN": self = .unknown
        default: self = .other(text.uppercased())
        }
    }

    /// The CUTYPE parameter value.
    public var description: String {
        switch self {
        case .individual: return "INDIVIDUAL"
        case .group: return "GROUP"
        case .resource: return "RESOURCE"
        case .room: return "ROOM"
        case .unknown: return "UNKNOWN"
        case let .other(name): return name
        }
    }

    /// A place to meet: ROOM, or RESOURCE, which servers without ROOM (DAViCal)
    /// report for rooms too.
    public var isRoomLike: Bool { self == .room || self == .resource }
}
