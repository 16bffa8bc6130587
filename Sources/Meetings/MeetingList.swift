import FreeBusy
import LocalTime

/// The meetings a user organises, from the objects read from their calendars
/// and the items in their scheduling Inbox: what `avail meetings` lists.
public struct MeetingList: Sendable {
    /// One stored object as read: where it is (for messages and the next
    /// change), its ETag, its text.
    public struct Source: Sendable {
        public var resource: String
        public var etag: String?
        public var text: String
        public init(resource: String, etag: String?, text: String) { self.resource = resource; self.etag = etag; self.text = text }
    }

    public struct Entry: Equatable, Sendable {
        public var meeting: Meeting
        public var resource: String
        public var etag: String?
    }

    /// Meetings in start order (then by title, for a stable listing).
    public var entries: [Entry]
    /// Objects that could not be read as a meeting, and why: said, not hidden.
    public var unreadable: [(resource: String, problem: MeetingError)]

    /// The events organised by one of `addresses` with someone else invited,
    /// with the Inbox's replies folded in (Meeting.merging). A calendar may be
    /// shared into several collections: an object seen twice (same UID and
    /// start) is listed once. `occurrences` expands a repeating meeting into
    /// its occurrences in the window (OwnBusyTime's expansion, which this
    /// target cannot see); without it, or when it cannot (nil), a series is
    /// listed once at its first occurrence.
    public init(objects: [Source], inbox: [String], organizer addresses: [CalendarUserAddress], floatingZone: DisplayZone? = nil,
                occurrences: ((CalendarObject) -> [SeriesOccurrence]?)? = nil) {
        let replies = inbox.flatMap { text in (try? CalendarObject(parsing: text)).map(InboxReply.replies) ?? [] }
        var entries: [Entry] = []
        var unreadable: [(String, MeetingError)] = []
        var seen = Set<String>()
        for source in objects {
            var meetings: [Meeting] = []
            do throws(MeetingError) {
                let object = try CalendarObject(parsing: source.text)
                if object.isRecurring, let series = occurrences?(object) {
                    for o in series { meetings.append(try Meeting(object, occurrence: o, floatingZone: floatingZone)) }
                } else {
                    meetings = [try Meeting(object, floatingZone: floatingZone)]
                }
            } catch {
                unreadable.append((source.resource, error))
                continue
            }
            for meeting in meetings {
                guard meeting.isOrganized(byAnyOf: addresses), seen.insert("\(meeting.uid)\u{0}\(meeting.start.secondsSinceEpoch)").inserted
                else { continue }
                entries.append(Entry(meeting: meeting.merging(replies), resource: source.resource, etag: source.etag))
            }
        }
        self.entries = entries.sorted {
            ($0.meeting.start, $0.meeting.summary ?? "", $0.meeting.uid) < ($1.meeting.start, $1.meeting.summary ?? "", $1.meeting.uid)
        }
        self.unreadable = unreadable
    }
}
