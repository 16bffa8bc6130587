/// What the accessible mode has said about arriving answers: each attendee's
/// answer for a window is announced once on the status line, where a screen
/// reader reads it, and not again when the same answer comes back (from the
/// cache, then from the server, or on returning to the window).
public struct AnswerAnnouncements: Equatable, Sendable {
    public var enabled = false
    /// Attendee (match key) and window already announced.
    var announced: Set<Announced> = []

    struct Announced: Hashable, Sendable {
        var attendee: String
        var window: WindowKey
    }

    public init(enabled: Bool = false) {
        self.enabled = enabled
    }
}
