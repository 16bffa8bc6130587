import FreeBusy

/// A principal found in the server's directory, with what kind of calendar
/// user it is when the server said (RFC 6638 §2.4.2).
public struct DirectoryEntry: Equatable, Sendable {
    public var displayName: String?
    public var address: CalendarUserAddress
    /// nil when the answer did not carry `calendar-user-type`.
    public var calendarUserType: CalendarUserType?

    public init(displayName: String?, address: CalendarUserAddress, calendarUserType: CalendarUserType?) {
        self.displayName = displayName
        self.address = address
        self.calendarUserType = calendarUserType
    }

    /// A room or resource by the server's own word.
    public var isRoom: Bool { calendarUserType?.isRoomLike ?? false }
}
