import CalDAVClient
import HTTPClient
import Meetings

/// A meeting as read from the organizer's calendar just before changing it:
/// where it is stored, the version read (its ETag, for If-Match), the object
/// to change and what it says.
public struct StoredMeeting: Sendable {
    public var url: HTTPURL
    public var etag: String
    public var object: CalendarObject
    public var meeting: Meeting

    public init(url: HTTPURL, etag: String, object: CalendarObject, meeting: Meeting) {
        self.url = url
        self.etag = etag
        self.object = object
        self.meeting = meeting
    }

    /// The resource as read; an error when it carries no ETag or no readable meeting.
    static func reading(_ r: CalendarObjectResource) throws(MeetingChangeError) -> StoredMeeting {
        guard let etag = r.etag, !etag.isEmpty else { throw .noETag(url: r.url.description) }
        do {
            let object = try CalendarObject(parsing: r.text)
            return StoredMeeting(url: r.url, etag: etag, object: object, meeting: try Meeting(object))
        } catch {
            throw .unreadable(url: r.url.description, error)
        }
    }
}
