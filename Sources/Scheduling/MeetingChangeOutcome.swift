import CalDAVClient
import FreeBusy
import Meetings

/// What a change to a stored meeting did: the meeting before and after
/// (nil after a DELETE), the copy as read back (for the next change and the
/// delivery per attendee), and who the server did not reach with it.
public struct MeetingChangeOutcome: Sendable {
    public var before: Meeting
    /// The stored object as it was read, before the change.
    public var original: CalendarObject
    /// The organizer's copy as the server holds it now; nil when deleted.
    public var stored: CalendarObjectResource?
    public var after: Meeting?
    /// The people this change concerned whom the server did not reach
    /// (MeetingChangeService.unreached): they need the iTIP file.
    public var unreached: [MeetingAttendee]
    /// Attendees who were taken off (uninvite), as they were before.
    public var removed: [MeetingAttendee]

    public init(before: Meeting, original: CalendarObject, stored: CalendarObjectResource?, after: Meeting?, unreached: [MeetingAttendee], removed: [MeetingAttendee] = []) {
        self.before = before
        self.original = original
        self.stored = stored
        self.after = after
        self.unreached = unreached
        self.removed = removed
    }
}
