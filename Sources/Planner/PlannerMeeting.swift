import FreeBusy
import ICalendar
import LocalTime

/// One of the user's own meetings as the planner shows it: a labelled block
/// on the user's own row, a line in the `m` list, what `M` moves and `X`
/// cancels. The source turns what Scheduling read into this.
public struct PlannerMeeting: Equatable, Sendable {
    public var uid: String
    public var title: String
    public var start: UTCInstant
    public var end: UTCInstant
    /// How the invitees answered, counted ("2 of 3 accepted, 1 not delivered").
    public var replies: String
    /// One occurrence of a repeating meeting: how it repeats, in words
    /// ("weekly"), or "a series" when avail cannot say; nil for a single meeting.
    public var repeats: String?

    public init(uid: String, title: String, start: UTCInstant, end: UTCInstant, replies: String, repeats: String? = nil) {
        self.uid = uid
        self.title = title
        self.start = start
        self.end = end
        self.replies = replies
        self.repeats = repeats
    }

    public var duration: Int64 { end.secondsSinceEpoch - start.secondsSinceEpoch }
    public var span: TimeSpan? { TimeSpan(start: start, end: max(end, start.adding(seconds: 1))) }
}

/// `M`: this meeting at a new start, its length kept.
public struct MeetingMoveDraft: Equatable, Sendable {
    public var meeting: PlannerMeeting
    public var start: UTCInstant
    /// Move even though someone is busy: the user said yes to the warning.
    public var force = false

    public init(meeting: PlannerMeeting, start: UTCInstant, force: Bool = false) {
        self.meeting = meeting
        self.start = start
        self.force = force
    }

    public var end: UTCInstant { start.adding(seconds: meeting.duration) }
}
