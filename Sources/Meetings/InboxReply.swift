import FreeBusy
import ICalendar

/// An attendee's answer as it arrived in the organizer's scheduling Inbox:
/// an iTIP REPLY (RFC 5546 §3.2.3) with one ATTENDEE, theirs. avail reads
/// these where the organizer's stored copy lags behind; it never deletes them.
public struct InboxReply: Equatable, Sendable {
    public var uid: String
    public var attendee: CalendarUserAddress
    public var participation: Participation
    public var sequence: Int
    public var timestamp: UTCInstant?
    /// Set when the reply is about one occurrence of a series only.
    public var recurrenceID: String?

    public init(uid: String, attendee: CalendarUserAddress, participation: Participation, sequence: Int = 0,
                timestamp: UTCInstant? = nil, recurrenceID: String? = nil) {
        self.uid = uid
        self.attendee = attendee
        self.participation = participation
        self.sequence = sequence
        self.timestamp = timestamp
        self.recurrenceID = recurrenceID
    }

    /// The replies in one Inbox item; none when it is not a METHOD:REPLY
    /// (invitations and cancellations also land in the Inbox).
    public static func replies(in object: CalendarObject) -> [InboxReply] {
        guard object.method == "REPLY" else { return [] }
        var out: [InboxReply] = []
        for event in object.calendar.components where event.name == "VEVENT" {
            guard let uid = event.property("UID")?.value, !uid.isEmpty else { continue }
            let sequence = event.property("SEQUENCE").flatMap { Int($0.value) } ?? 0
            let stamp = event.property("DTSTAMP").flatMap { try? UTCInstant.parseICalendarUTC($0.value) }
            for line in event.properties(named: "ATTENDEE") {
                out.append(InboxReply(uid: uid, attendee: CalendarUserAddress(uncheckedURI: line.value),
                                      participation: Participation(line.parameter("PARTSTAT")), sequence: sequence,
                                      timestamp: stamp, recurrenceID: event.property("RECURRENCE-ID")?.value))
            }
        }
        return out
    }

    /// Newer by RFC 5546 §2.1.5: the higher SEQUENCE, then the later DTSTAMP.
    public func isNewer(than other: InboxReply) -> Bool {
        if sequence != other.sequence { return sequence > other.sequence }
        return (timestamp ?? UTCInstant(secondsSinceEpoch: .min)) > (other.timestamp ?? UTCInstant(secondsSinceEpoch: .min))
    }
}

extension Meeting {
    /// The meeting with the Inbox's replies folded in: for each invitee the
    /// newest reply to this UID wins over the stored copy when it answers the
    /// current version (its SEQUENCE is not older than the meeting's: a reply
    /// to the time before a move says nothing about the new time, RFC 5546
    /// §2.1.5). Cyrus leaves the organizer's copy behind after a move; DAViCal
    /// keeps it current, and then the reply agrees with it.
    public func merging(_ replies: [InboxReply]) -> Meeting {
        var newest: [String: InboxReply] = [:]
        for r in replies where r.uid == uid && r.recurrenceID == nil && r.sequence >= sequence {
            let key = r.attendee.matchKey
            if let seen = newest[key], !r.isNewer(than: seen) { continue }
            newest[key] = r
        }
        guard !newest.isEmpty else { return self }
        var merged = self
        for i in merged.attendees.indices {
            guard let r = newest[merged.attendees[i].address.matchKey],
                  r.participation != merged.attendees[i].participation else { continue }
            // A reply never takes an answer back to "no answer": NEEDS-ACTION in
            // a REPLY says nothing new.
            if r.participation == .needsAction { continue }
            merged.attendees[i].participation = r.participation
            merged.attendees[i].answerSource = .inboxReply
        }
        return merged
    }
}
