import ICalendar

/// A calendar object resource as stored on the server (RFC 4791 §4.1): one
/// VCALENDAR with the events of one UID and the VTIMEZONEs they use. Held
/// as its parsed components so that a change touches only the properties
/// it means to and writes every other one back as it came (RFC 5545 round trip).
public struct CalendarObject: Equatable, Sendable {
    public var calendar: Component

    public init(calendar: Component) { self.calendar = calendar }

    public init(parsing text: String) throws(MeetingError) {
        let roots: [Component]
        do { roots = try Component.parse(text) } catch { throw .unreadable(error) }
        guard let calendar = roots.first(where: { $0.name == "VCALENDAR" }) else { throw .noEvent }
        guard calendar.components.contains(where: { $0.name == "VEVENT" }) else { throw .noEvent }
        self.calendar = calendar
    }

    /// Where the event the changes apply to is: the one without a
    /// RECURRENCE-ID (the master of a series, or the only event).
    var masterIndex: Int? {
        calendar.components.firstIndex { $0.name == "VEVENT" && $0.property("RECURRENCE-ID") == nil }
            ?? calendar.components.firstIndex { $0.name == "VEVENT" }
    }

    /// The main event (see `masterIndex`).
    public var event: Component {
        masterIndex.map { calendar.components[$0] } ?? Component(name: "VEVENT")
    }

    /// Whether the object is a series (an RRULE or RDATE, or overridden occurrences).
    public var isRecurring: Bool {
        calendar.components.contains { $0.name == "VEVENT" && ($0.property("RRULE") != nil || $0.property("RDATE") != nil
                || $0.property("RECURRENCE-ID") != nil) }
    }

    /// The iTIP method of a scheduling message (RFC 5546 §1.4): REPLY, CANCEL, …;
    /// nil for a stored resource, which carries none (RFC 4791 §4.1).
    public var method: String? { calendar.property("METHOD")?.value.uppercased() }

    public var iCalendarText: String { calendar.iCalendarText }
}
