import CalDAVClient
import Meetings
import TextUtilities

/// Why a meeting could not be found or changed, with what the user needs to act.
public enum MeetingChangeError: Error, Sendable, CustomStringConvertible {
    case server(CalDAVError)
    /// The stored event is not a meeting avail can change (unreadable, a series).
    case unreadable(url: String, MeetingError)
    case notFound(reference: String, searched: String)
    /// A title that several of the user's meetings carry: each is named.
    case ambiguous(reference: String, candidates: [Meeting])
    /// Someone else organises it: only the organizer's copy drives scheduling (RFC 6638 §3.1).
    case notOrganizer(uid: String, organizer: String?)
    /// The server gave no ETag, so a change could overwrite someone else's.
    case noETag(url: String)
    /// 412: changed since it was read (RFC 9110 §13.1.1); `difference` is what changed.
    case changedSinceRead(url: String, difference: MeetingDifference)
    /// The server would not store one occurrence changed on its own (an
    /// overridden instance, RFC 5545 §3.8.4.4): DAViCal answers 500.
    case occurrenceRefused(url: String, status: Int)

    public var description: String {
        switch self {
        case let .server(e): return e.description
        case let .unreadable(url, e): return "\(url): \(e)"
        case let .notFound(reference, searched):
            return "no meeting you organise has the UID or title \(reference.excerpt) (searched \(searched))"
        case let .ambiguous(reference, candidates):
            let names = candidates.map { "\($0.uid) (\($0.start.iso8601String))" }.joined(separator: ", ")
            return "\(candidates.count) of your meetings are called \(reference.excerpt); give the UID of one: \(names)"
        case let .notOrganizer(uid, organizer):
            return "the meeting \(uid.excerpt) is organised by \(organizer ?? "nobody named"), not you; only the organizer can change it"
        case let .noETag(url):
            return "\(url) came without an ETag, so it cannot be changed safely; nothing was changed"
        case let .occurrenceRefused(url, status):
            return "\(url): the server refuses a changed occurrence (HTTP \(status) to the series with one occurrence moved); nothing was changed. "
                + "Move the whole series with --series, or cancel this occurrence (`avail cancel --occurrence`) and book it anew"
        case let .changedSinceRead(url, difference):
            return "\(url) was changed by someone else since avail read it (412 Precondition Failed): \(difference); nothing was overwritten, run the command again"
        }
    }
}
