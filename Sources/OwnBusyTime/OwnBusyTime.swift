import FreeBusy
import ICalendar
import LocalTime
import Meetings

/// The user's own busy time, computed from the events of their calendars,
/// as a server computes it for a free/busy answer (RFC 4791 §7.10, RFC 6638
/// §3.2.9 via RFC 5545 §3.6.4): every occurrence of every event in the window
/// (RRULE, RDATE, EXDATE and overridden instances by RECURRENCE-ID; times
/// with a TZID, floating, UTC or all-day; DTEND or DURATION), leaving out
/// TRANSP:TRANSPARENT and STATUS:CANCELLED, STATUS:TENTATIVE as BUSY-TENTATIVE;
/// merged and clipped to the window. No event detail is kept.
public struct OwnBusyTime: Sendable {
    /// An event that could not be counted, and why (so that time not known
    /// is said to be not known, never shown free).
    public struct SetAside: Equatable, Sendable {
        public var uid: String?
        public var reason: String
    }

    public var periods: [BusyPeriod]
    public var setAside: [SetAside]

    /// `objects`: the calendar objects (each a VCALENDAR) of the user's calendars.
    /// `floatingZone`: where floating times and dates are (the user's zone).
    public init(objects: [Component], window: TimeWindow, floatingZone: DisplayZone?) {
        var busy: [BusyPeriod] = []
        var aside: [SetAside] = []
        for calendar in objects {
            let resolver = EventTimeResolver(calendar: calendar, floatingZone: floatingZone)
            let events = calendar.components.filter { $0.name == "VEVENT" }
            // RFC 5545 §3.8.4.4: instances of one UID in one object; the one
            // without RECURRENCE-ID is the master.
            var byUID: [String: [Component]] = [:]
            var order: [String] = []
            for e in events {
                let uid = e.property("UID")?.value ?? ""
                if byUID[uid] == nil { order.append(uid) }
                byUID[uid, default: []].append(e)
            }
            for uid in order {
                let group = byUID[uid] ?? []
                do throws(OccurrenceProblem) {
                    busy += try Self.busy(of: group, window: window, resolver: resolver)
                } catch {
                    aside.append(SetAside(uid: uid.isEmpty ? nil : uid, reason: error.description))
                }
            }
        }
        periods = busy.normalized(within: window)
        setAside = aside
    }

    /// Ten years of a daily series, with room to spare.
    static let maxOccurrences = 50_000

    struct OccurrenceProblem: Error, CustomStringConvertible {
        var description: String
    }

    /// One event's busy time: each occurrence (below) that takes time.
    static func busy(of group: [Component], window: TimeWindow, resolver: EventTimeResolver) throws(OccurrenceProblem) -> [BusyPeriod] {
        try occurrences(of: group, window: window, resolver: resolver).compactMap { o in
            busyType(o.event).map { BusyPeriod(span: o.span, type: $0) }
        }
    }

    /// One event's occurrences overlapping `window` (overrides whatever their
    /// time): its master's less EXDATEs and overridden ones, plus the overrides
    /// themselves, each with the event that describes it. Cancelled and
    /// transparent ones are included: whether they take time is the caller's question.
    static func occurrences(of group: [Component], window: TimeWindow, resolver: EventTimeResolver) throws(OccurrenceProblem) -> [SeriesOccurrence] {
        let master = group.first { $0.property("RECURRENCE-ID") == nil }
        let overrides = group.filter { $0.property("RECURRENCE-ID") != nil }
        var result: [SeriesOccurrence] = []
        var replaced: Set<UTCInstant> = []
        for o in overrides {
            guard let line = o.property("RECURRENCE-ID") else { continue }
            if line.parameter("RANGE")?.uppercased() == "THISANDFUTURE" {
                throw OccurrenceProblem(description: "RECURRENCE-ID;RANGE=THISANDFUTURE is not supported")
            }
            let id = try instant(line, resolver)
            replaced.insert(id)
            if let span = try occurrenceSpan(start: try eventStart(o), of: o, resolver: resolver), span.overlaps(window) {
                result.append(SeriesOccurrence(span: span, recurrenceID: id, event: o))
            }
        }
        guard let master else { return result }
        let start = try eventStart(master)
        var excluded: Set<UTCInstant> = replaced
        for line in master.properties(named: "EXDATE") {
            for value in line.value.split(separator: ",") {
                excluded.insert(try instant(ContentLine(name: "EXDATE", parameters: line.parameters, value: String(value)), resolver))
            }
        }
        var occurrences: [(start: EventTime, end: UTCInstant?)] = [(start, nil)]
        if let rule = master.property("RRULE") {
            let parsed: RecurrenceRule
            do { parsed = try RecurrenceRule(rule.value) } catch { throw OccurrenceProblem(description: error.description) }
            occurrences = []
            var made = 0
            let until = try parsed.until.map { (u: String) throws(OccurrenceProblem) -> UTCInstant in
                try instant(ContentLine(name: "UNTIL", parameters: master.property("DTSTART")?.parameters ?? [], value: u), resolver)
            }
            var problem: OccurrenceProblem? = nil
            var examined = 0
            parsed.starts(from: start.local) { local in
                // A series started centuries before the window (or made to) is
                // not walked for ever: past this many it is set aside, said so.
                examined += 1
                guard examined <= Self.maxOccurrences else {
                    problem = OccurrenceProblem(description: "more than \(Self.maxOccurrences) occurrences before the window's end")
                    return false
                }
                let time = start.with(local)
                guard let at = try? resolver.instant(time) else { problem = OccurrenceProblem(description: "an occurrence's time cannot be resolved"); return false }
                if let until, at > until { return false }
                if let count = parsed.count, made >= count { return false }
                if at >= window.end { return false }
                made += 1
                occurrences.append((time, nil))
                return true
            }
            if let problem { throw problem }
        }
        for line in master.properties(named: "RDATE") {
            for value in line.value.split(separator: ",") {
                let parts = value.split(separator: "/", maxSplits: 1).map(String.init)
                let time: EventTime
                do { time = try EventTime(ContentLine(name: "RDATE", parameters: line.parameters.filter { $0.name.uppercased() != "VALUE" || parts.count == 1 }, value: parts[0])) }
                catch { throw OccurrenceProblem(description: error.description) }
                var end: UTCInstant? = nil
                if parts.count == 2 { // RFC 5545 §3.3.9 PERIOD: an end or a duration
                    let begin = try resolved(time, resolver)
                    if parts[1].hasPrefix("P") {
                        guard let d = NominalDuration(parts[1]) else { throw OccurrenceProblem(description: "RDATE \(value) is not a period") }
                        end = begin.adding(seconds: d.days * 86_400 + d.seconds)
                    } else {
                        end = try instant(ContentLine(name: "RDATE", parameters: line.parameters, value: parts[1]), resolver)
                    }
                }
                occurrences.append((time, end))
            }
        }
        for o in occurrences {
            let at = try resolved(o.start, resolver)
            guard !excluded.contains(at) else { continue }
            let span: TimeSpan?
            if let end = o.end { span = TimeSpan(start: at, end: end) } else { span = try occurrenceSpan(start: o.start, of: master, resolver: resolver) }
            if let span, span.overlaps(window) { result.append(SeriesOccurrence(span: span, recurrenceID: at, event: master)) }
        }
        return result.sorted { $0.span.start < $1.span.start }
    }

    /// RFC 5545 §3.8.2.7 and §3.8.1.11: TRANSPARENT and CANCELLED take no
    /// time; TENTATIVE is BUSY-TENTATIVE (RFC 4791 §7.10); else BUSY.
    static func busyType(_ event: Component) -> BusyType? {
        if event.property("TRANSP")?.value.uppercased() == "TRANSPARENT" { return nil }
        switch event.property("STATUS")?.value.uppercased() {
        case "CANCELLED": return nil
        case "TENTATIVE": return .busyTentative
        default: return .busy
        }
    }

    static func eventStart(_ event: Component) throws(OccurrenceProblem) -> EventTime {
        guard let line = event.property("DTSTART") else { throw OccurrenceProblem(description: "an event without DTSTART") }
        do { return try EventTime(line) } catch { throw OccurrenceProblem(description: error.description) }
    }

    static func instant(_ line: ContentLine, _ resolver: EventTimeResolver) throws(OccurrenceProblem) -> UTCInstant {
        let time: EventTime
        do { time = try EventTime(line) } catch { throw OccurrenceProblem(description: error.description) }
        return try resolved(time, resolver)
    }

    static func resolved(_ time: EventTime, _ resolver: EventTimeResolver) throws(OccurrenceProblem) -> UTCInstant {
        do { return try resolver.instant(time) } catch { throw OccurrenceProblem(description: error.description) }
    }

    /// One occurrence's time from its start: DTEND's length (exact), or
    /// DURATION (days nominal: a day is a calendar day across a clock change,
    /// RFC 5545 §3.3.6), or one day for a date and none for a date-time
    /// (RFC 5545 §3.6.1). A zero-length occurrence takes no time.
    static func occurrenceSpan(start: EventTime, of event: Component, resolver: EventTimeResolver) throws(OccurrenceProblem) -> TimeSpan? {
        let begin = try resolved(start, resolver)
        let master = try eventStart(event)
        var days: Int64 = 0, seconds: Int64 = 0
        if let endLine = event.property("DTEND") {
            let end: EventTime
            do { end = try EventTime(endLine) } catch { throw OccurrenceProblem(description: error.description) }
            if master.isDate, end.isDate {
                let a = master.local, b = end.local
                days = CivilDate.daysFromCivil(year: b.year, month: b.month, day: b.day) - CivilDate.daysFromCivil(year: a.year, month: a.month, day: a.day)
            } else {
                seconds = try resolved(end, resolver).secondsSinceEpoch - resolved(master, resolver).secondsSinceEpoch
            }
        } else if let d = event.property("DURATION") {
            guard let parsed = NominalDuration(d.value) else { throw OccurrenceProblem(description: "DURATION \(d.value) is not a duration") }
            (days, seconds) = (parsed.days, parsed.seconds)
        } else if master.isDate {
            days = 1
        }
        var endTime = begin.adding(seconds: seconds)
        if days != 0 {
            let l = start.local
            let c = CivilDate.civilFromDays(CivilDate.daysFromCivil(year: l.year, month: l.month, day: l.day) + days)
            endTime = try resolved(start.with(LocalDateTime(year: c.year, month: c.month, day: c.day, hour: l.hour, minute: l.minute, second: l.second)),
                                   resolver).adding(seconds: seconds)
        }
        return TimeSpan(start: begin, end: endTime)
    }
}

extension EventTime {
    /// The wall-clock fields (a UTC time's own).
    var local: LocalDateTime {
        switch self {
        case let .date(l), let .floating(l), let .zoned(l, _): return l
        case let .utc(i): return LocalDateTime(i, offset: 0)
        }
    }

    /// The same form at another wall-clock time.
    func with(_ l: LocalDateTime) -> EventTime {
        switch self {
        case .date: return .date(l)
        case .floating: return .floating(l)
        case let .zoned(_, tzid): return .zoned(l, tzid: tzid)
        case .utc: return .utc(UTCInstant(year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute, second: l.second) ?? UTCInstant(secondsSinceEpoch: 0))
        }
    }
}
