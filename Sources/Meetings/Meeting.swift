import FreeBusy
import ICalendar
import LocalTime
import TextUtilities

/// A stored event read as a meeting: when it is, who organises it, who is
/// invited and what each of them answered. A view of a `CalendarObject`;
/// changes are made on the object (CalendarObject+Changes) and read again.
public struct Meeting: Equatable, Sendable {
    public var uid: String
    public var summary: String?
    public var start: UTCInstant
    public var end: UTCInstant
    /// DTSTART is a DATE (RFC 5545 §3.6.1: an all-day event).
    public var isAllDay: Bool
    /// The TZID DTSTART was written with, if any.
    public var startZone: String?
    /// RFC 5545 §3.8.7.4; 0 when absent.
    public var sequence: Int
    /// CONFIRMED, TENTATIVE, CANCELLED, or nil when absent.
    public var status: String?
    public var timestamp: UTCInstant?
    public var organizer: CalendarUserAddress?
    public var organizerName: String?
    /// Every ATTENDEE line, the organizer's own included when it is there.
    public var attendees: [MeetingAttendee]
    public var isRecurring: Bool
    /// How the series repeats, for people ("weekly", "every 2 weeks", "on set
    /// dates"); nil for a single meeting.
    public var repeats: String?
    /// Which occurrence of a series this is (RFC 5545 §3.8.4.4), when it is one
    /// occurrence; nil for a single meeting or a series as a whole.
    public var recurrenceID: UTCInstant?

    public init(_ object: CalendarObject, floatingZone: DisplayZone? = nil) throws(MeetingError) {
        try self.init(object, event: object.event, floatingZone: floatingZone)
    }

    /// One occurrence of a series: its time, and what its event (the master or
    /// its override) says; how the series repeats is the master's.
    public init(_ object: CalendarObject, occurrence: SeriesOccurrence, floatingZone: DisplayZone? = nil) throws(MeetingError) {
        try self.init(object, event: occurrence.event, floatingZone: floatingZone)
        start = occurrence.span.start
        end = occurrence.span.end
        recurrenceID = occurrence.recurrenceID
    }

    private init(_ object: CalendarObject, event: Component, floatingZone: DisplayZone?) throws(MeetingError) {
        guard let uid = event.property("UID")?.value, !uid.isEmpty else { throw .missingProperty("UID", uid: nil) }
        guard let dtstart = event.property("DTSTART") else { throw .missingProperty("DTSTART", uid: uid) }
        let resolver = EventTimeResolver(calendar: object.calendar, floatingZone: floatingZone)
        let startTime = try EventTime(dtstart)
        let start = try resolver.instant(startTime)
        var end: UTCInstant
        if let dtend = event.property("DTEND") {
            end = try resolver.instant(try EventTime(dtend))
        } else if let duration = event.property("DURATION") {
            guard let d = try? ICalDuration.parse(duration.value) else {
                throw .invalidTime(property: "DURATION", value: duration.value)
            }
            end = start.adding(seconds: d.seconds)
        } else {
            // RFC 5545 §3.6.1: no DTEND or DURATION is one day for a DATE, an instant otherwise.
            end = startTime.isDate ? start.adding(seconds: 86_400) : start
        }
        if end < start { end = start }
        self.uid = uid
        self.summary = event.property("SUMMARY").map { Self.unescapeText($0.value) }
        self.start = start
        self.end = end
        isAllDay = startTime.isDate
        startZone = startTime.tzid
        sequence = Self.sequenceNumber(event.property("SEQUENCE"))
        status = event.property("STATUS")?.value.uppercased()
        timestamp = event.property("DTSTAMP").flatMap { try? UTCInstant.parseICalendarUTC($0.value) }
        let organizerLine = event.property("ORGANIZER")
        organizer = organizerLine.map { CalendarUserAddress(uncheckedURI: $0.value) }
        organizerName = organizerLine?.parameter("CN")
        attendees = event.properties(named: "ATTENDEE").map(MeetingAttendee.init)
        isRecurring = object.isRecurring
        repeats = object.isRecurring ? Self.repetition(object.event) : nil
    }

    /// RFC 5545 §3.3.10: FREQ and INTERVAL said in words; RDATEs alone are set dates.
    static func repetition(_ master: Component) -> String {
        guard let rule = master.property("RRULE")?.value.uppercased() else { return "on set dates" }
        var frequency = "", interval = 1
        for part in rule.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            if kv[0] == "FREQ" { frequency = String(kv[1]) }
            if kv[0] == "INTERVAL", let n = Int(kv[1]), n > 0 { interval = n }
        }
        let unit: [String: (adverb: String, noun: String)] = [
            "SECONDLY": ("every second", "seconds"), "MINUTELY": ("every minute", "minutes"), "HOURLY": ("hourly", "hours"),
            "DAILY": ("daily", "days"), "WEEKLY": ("weekly", "weeks"), "MONTHLY": ("monthly", "months"), "YEARLY": ("yearly", "years"),
        ]
        guard let u = unit[frequency] else { return "by its own rule" }
        return interval == 1 ? u.adverb : "every \(interval) \(u.noun)"
    }

    /// The attendees other than the organizer: the people invited.
    public var invitees: [MeetingAttendee] {
        attendees.filter { $0.address.matchKey != organizer?.matchKey }
    }

    public var isCancelled: Bool { status == "CANCELLED" }

    /// SEQUENCE (RFC 5545 §3.8.7.4) as a number in the range of an iCalendar
    /// INTEGER (§3.3.8, 32 bits); absent, negative or unreadable is 0.
    static func sequenceNumber(_ line: ContentLine?) -> Int {
        guard let n = line.flatMap({ Int($0.value.trimmingWhitespace) }) else { return 0 }
        return min(max(n, 0), Int(Int32.max))
    }

    /// The SEQUENCE of the next version: one more, never past what an
    /// iCalendar INTEGER holds.
    public var nextSequence: Int { min(sequence, Int(Int32.max) - 1) + 1 }

    /// "Meetings I organise" (RFC 6638 §3.2: the organizer's copy drives
    /// scheduling): the organizer is one of the user's addresses and someone
    /// else is invited.
    public func isOrganized(byAnyOf addresses: [CalendarUserAddress]) -> Bool {
        guard let organizer else { return false }
        let mine = Set(addresses.map(\.matchKey))
        return mine.contains(organizer.matchKey) && invitees.contains { !mine.contains($0.address.matchKey) }
    }

    public var replySummary: ReplySummary { ReplySummary(invitees) }

    /// TEXT (RFC 5545 §3.3.11) as people read it.
    static func unescapeText(_ v: String) -> String {
        var out = ""
        var escaped = false
        for ch in v {
            if escaped {
                out.append(ch == "n" || ch == "N" ? "\n" : ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
