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
    /// The start the attendee answered for, when the reply says (RFC 5546
    /// §3.2.3 lets it).
    public var start: UTCInstant?
    /// Set when the reply is about one occurrence of a series only.
    public var recurrenceID: String?

    public init(uid: String, attendee: CalendarUserAddress, participation: Participation, sequence: Int = 0,
                timestamp: UTCInstant? = nil, start: UTCInstant? = nil, recurrenceID: String? = nil) {
        self.uid = uid
        self.attendee = attendee
        self.participation = participation
        self.sequence = sequence
        self.timestamp = timestamp
        self.start = start
        self.recurrenceID = recurrenceID
    }

    /// The replies in one Inbox item; none when it is not a METHOD:REPLY
    /// (invitations and cancellations also land in the Inbox). RFC 5546
    /// §3.2.3: a REPLY names one ATTENDEE, the one replying. DAViCal's list
    /// every attendee with the state it had for them, so whose answer it is
    /// cannot be told: those are left out (DAViCal keeps the organizer's copy
    /// current itself, so nothing is lost).
    public static func replies(in object: CalendarObject) -> [InboxReply] {
        guard object.method == "REPLY" else { return [] }
        let resolver = EventTimeResolver(calendar: object.calendar)
        var out: [InboxReply] = []
        for event in object.calendar.components where event.name == "VEVENT" {
            let attendees = event.properties(named: "ATTENDEE")
            guard let uid = event.property("UID")?.value, !uid.isEmpty, attendees.count == 1, let line = attendees.first else { continue }
            let sequence = Meeting.sequenceNumber(event.property("SEQUENCE"))
            let stamp = event.property("DTSTAMP").flatMap { try? UTCInstant.parseICalendarUTC($0.value) }
            let start = event.property("DTSTART").flatMap { line in (try? EventTime(line)).flatMap { try? resolver.instant($0) } }
            out.append(InboxReply(uid: uid, attendee: CalendarUserAddress(uncheckedURI: line.value),
                                  participation: Participation(line.parameter("PARTSTAT")), sequence: sequence,
                                  timestamp: stamp, start: start, recurrenceID: event.property("RECURRENCE-ID")?.value))
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
    /// current version. A reply to an older version says nothing about this
    /// one (RFC 5546 §2.1.5): one with a lower SEQUENCE, one for another
    /// start, or one older than the organizer's last change (its DTSTAMP):
    /// Cyrus raises SEQUENCE in the attendees' copies but not in the
    /// organizer's, so SEQUENCE alone would let a reply to the old time
    /// count for the new one.
    public func merging(_ replies: [InboxReply]) -> Meeting {
        var newest: [String: InboxReply] = [:]
        for r in replies where r.uid == uid && r.recurrenceID == nil && r.sequence >= sequence {
            if let s = r.start, s != start { continue }
            if let mine = timestamp, let theirs = r.timestamp, theirs < mine { continue }
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
