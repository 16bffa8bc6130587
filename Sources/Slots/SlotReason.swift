import FreeBusy

/// Why a suggestion is as good as it is (Graph's findMeetingTimes calls the
/// last kinds attendeesUnavailableOrUnknown).
public enum SlotReason: Equatable, Sendable, CustomStringConvertible {
    case everyoneFree
    /// An optional attendee is busy (or, with tentative counted as busy, tentative).
    case optionalBusy(CalendarUserAddress)
    /// Someone's time there is BUSY-TENTATIVE, counted as free (--tentative-free).
    case tentative(CalendarUserAddress)
    /// The slot is outside someone's working hours: BUSY-UNAVAILABLE, or outside
    /// the hours of their own zone.
    case outsideHours(CalendarUserAddress)
    /// Nobody knows whether they are free: no answer, or a part the answer does not cover.
    case unknown(CalendarUserAddress)

    public var description: String {
        switch self {
        case .everyoneFree: return "everyone free"
        case let .optionalBusy(a): return "optional \(a.displayString) busy"
        case let .tentative(a): return "\(a.displayString) tentative"
        case let .outsideHours(a): return "\(a.displayString) outside their hours"
        case let .unknown(a): return "\(a.displayString) unknown"
        }
    }

    /// A short name for JSON: everyone-free, optional-busy, tentative, outside-hours, unknown.
    public var kind: String {
        switch self {
        case .everyoneFree: return "everyone-free"
        case .optionalBusy: return "optional-busy"
        case .tentative: return "tentative"
        case .outsideHours: return "outside-hours"
        case .unknown: return "unknown"
        }
    }

    public var address: CalendarUserAddress? {
        switch self {
        case .everyoneFree: return nil
        case let .optionalBusy(a), let .tentative(a), let .outsideHours(a), let .unknown(a): return a
        }
    }
}
