import FreeBusy

/// Someone whose time, freshly asked, is not free for the whole meeting.
public struct BookingConflict: Sendable, Equatable {
    public var attendee: CalendarUserAddress
    public var optional: Bool
    /// Busy time inside the meeting (periods clipped to it); empty with
    /// `unknown` set when the server could not say.
    public var busy: [BusyPeriod]
    public var unknown: String?

    public init(attendee: CalendarUserAddress, optional: Bool, busy: [BusyPeriod], unknown: String?) {
        self.attendee = attendee
        self.optional = optional
        self.busy = busy
        self.unknown = unknown
    }

    /// "bob@example.com (optional)" and the busy times inside the meeting:
    /// "10:00–10:30" (with the busy type when `types`).
    public func who() -> String { attendee.displayString + (optional ? " (optional)" : "") }

    public func times(_ request: BookingRequest, types: Bool) -> String {
        busy.map { p in
            "\(request.zone.formatTime(p.start))–\(request.zone.formatTime(p.end))"
                + (types ? " \(p.type.name)" : "")
        }.joined(separator: ", ")
    }
}
