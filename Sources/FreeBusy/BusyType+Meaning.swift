extension BusyType {
    /// What the type means to the person reading it. BUSY-UNAVAILABLE is not
    /// another kind of busy: RFC 5545 §3.2.9 defines it as time the person is
    /// unavailable for booking, which servers applying RFC 7953 availability
    /// give for the time outside their working hours.
    public var meaning: String {
        switch self {
        case .busy: return "busy"
        case .busyUnavailable: return "outside working hours"
        case .busyTentative: return "tentative"
        case let .other(name): return "busy (\(name))"
        }
    }
}
