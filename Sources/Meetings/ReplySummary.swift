/// How the people invited to a meeting have answered, counted: "2 of 3
/// accepted, 1 not delivered". Counts the invitees only, never the organizer.
public struct ReplySummary: Equatable, Sendable, CustomStringConvertible {
    public var invited: Int
    public var accepted: Int
    public var declined: Int
    public var tentative: Int
    public var delegated: Int
    public var noAnswer: Int
    /// Invitations the server could not deliver (3.x, 5.x): these people
    /// cannot answer until they are told some other way.
    public var notDelivered: Int

    public init(_ invitees: [MeetingAttendee]) {
        invited = invitees.count
        accepted = invitees.count { $0.participation == .accepted }
        declined = invitees.count { $0.participation == .declined }
        tentative = invitees.count { $0.participation == .tentative }
        delegated = invitees.count { $0.participation == .delegated }
        noAnswer = invited - accepted - declined - tentative - delegated
        notDelivered = invitees.count { $0.delivery.failed }
    }

    public var description: String {
        var parts = ["\(accepted) of \(invited) accepted"]
        if declined > 0 { parts.append("\(declined) declined") }
        if tentative > 0 { parts.append("\(tentative) tentative") }
        if delegated > 0 { parts.append("\(delegated) delegated") }
        if notDelivered > 0 { parts.append("\(notDelivered) not delivered") }
        return parts.joined(separator: ", ")
    }
}
