import FreeBusy
import ICalendar
import LocalTime

/// Working hours: a local time-of-day range and the weekdays it applies to.
public struct WorkingHours: Equatable, Sendable {
    /// Minutes after local midnight; `end` may be 1440 (midnight).
    public var startMinute: Int
    public var endMinute: Int
    /// 0 = Monday … 6 = Sunday.
    public var weekdays: Set<Int>

    public init(startMinute: Int = 9 * 60, endMinute: Int = 17 * 60, weekdays: Set<Int> = [0, 1, 2, 3, 4]) {
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.weekdays = weekdays
    }

    /// The working spans of every local day that touches `window`, in `zone`,
    /// clipped to the window. A DST change makes its day's span an hour longer
    /// or shorter in absolute time, as a person would expect.
    public func spans(in window: TimeWindow, zone: DisplayZone) -> [TimeSpan] {
        var out: [TimeSpan] = []
        var day = zone.startOfDay(window.start)
        var guardCount = 0
        while day < window.end, guardCount < 400 {
            guardCount += 1
            let l = zone.local(day)
            if weekdays.contains(l.weekday),
               let s = zone.instant(year: l.year, month: l.month, day: l.day, hour: startMinute / 60, minute: startMinute % 60) {
                let e: UTCInstant?
                if endMinute >= 1440 {
                    e = zone.adding(days: 1, to: day)
                } else {
                    e = zone.instant(year: l.year, month: l.month, day: l.day, hour: endMinute / 60, minute: endMinute % 60)
                }
                if let e, let inside = TimeSpan(start: s, end: e)?.clipped(to: window) { out.append(inside) }
            }
            guard let next = zone.adding(days: 1, to: day), next > day else { break }
            day = next
        }
        return out
    }
}

/// Someone (or a room) to meet: their busy time (nil when unknown), the parts of the window
/// their answer does not cover (unknown time, which is not free) and, optionally,
/// their own zone, in which the same working hours apply to them.
public struct Participant: Sendable {
    public var address: CalendarUserAddress
    public var busy: [BusyPeriod]?
    public var unknownTime: [TimeSpan]
    public var zone: DisplayZone?

    public init(address: CalendarUserAddress, busy: [BusyPeriod]?, unknownTime: [TimeSpan] = [], zone: DisplayZone? = nil) {
        self.address = address
        self.busy = busy
        self.unknownTime = unknownTime
        self.zone = zone
    }
}

/// Finds meeting slots: pure logic over busy intervals, shared by `avail slots`
/// and the planner's n/N.
public enum SlotFinder {
    /// Candidate starts step through each working span from its start; a slot
    /// must fit inside one span. Every required attendee whose time is known
    /// must be free (outside their hours only with `outsideHoursAllowed`), and
    /// when rooms are asked for, at least one room. Slots are ranked by
    /// `SlotRanking` (required free first, then fewer optional conflicts,
    /// fewer tentatives, inside hours); ties keep time order.
    public static func find(_ q: SlotQuery) -> SlotResult {
        let known = q.required.filter { $0.busy != nil }
        let total = q.required.count
        guard q.duration > 0, q.step > 0 else {
            return SlotResult(slots: [], requiredKnown: known.count, requiredTotal: total, note: "the duration and step must be positive")
        }
        if known.count < total && !q.ignoreUnknown {
            let unknown = q.required.filter { $0.busy == nil }.map(\.address.displayString)
            return SlotResult(slots: [], requiredKnown: known.count, requiredTotal: total,
                              note: "\(known.count) of \(total) required attendees known (unknown: \(unknown.joined(separator: ", "))); "
                                  + "unknown is not free: use --ignore-unknown to plan around the known ones")
        }
        if !q.rooms.isEmpty, q.rooms.allSatisfy({ $0.busy == nil }) {
            return SlotResult(slots: [], requiredKnown: known.count, requiredTotal: total,
                              note: "no room's time is known (" + q.rooms.map(\.address.displayString).joined(separator: ", ") + ")")
        }
        let requiredTimes = known.map { ParticipantTime($0, query: q) }
        let unknownRequired = q.required.filter { $0.busy == nil }.map(\.address)
        let optionalTimes = q.optional.map { ParticipantTime($0, query: q) }
        let roomTimes = q.rooms.map { ParticipantTime($0, query: q) }
        var offered: [Slot] = []
        var candidateTimes = 0
        var insideEveryonesHours = 0
        var outsideTheirHours: [CalendarUserAddress] = []
        for meeting in q.candidates() {
            candidateTimes += 1
            let standings = requiredTimes.map { $0.standing(in: meeting, tentativeIsFree: q.tentativeIsFree) }
            let outside = zip(requiredTimes, standings).filter { $0.1 == .outsideHours }.map(\.0.participant.address)
            if outside.isEmpty { insideEveryonesHours += 1 }
            for a in outside where !outsideTheirHours.contains(a) { outsideTheirHours.append(a) }
            if standings.contains(where: { $0 == .busy || $0 == .unknown }) { continue }
            if !q.outsideHoursAllowed && !outside.isEmpty { continue }
            var reasons: [SlotReason] = []
            var ranking = SlotRanking()
            for (p, standing) in zip(requiredTimes, standings) {
                if standing == .tentative { reasons.append(.tentative(p.participant.address)); ranking.tentatives += 1 }
                if standing == .outsideHours { reasons.append(.outsideHours(p.participant.address)); ranking.requiredNotFree += 1 }
            }
            for a in unknownRequired { reasons.append(.unknown(a)); ranking.requiredNotFree += 1 }
            // Any one room will do: the first free one in the order asked.
            var room: CalendarUserAddress? = nil
            if !roomTimes.isEmpty {
                let roomStandings = roomTimes.map { $0.standing(in: meeting, tentativeIsFree: q.tentativeIsFree) }
                let choice = zip(roomTimes, roomStandings).first { $0.1 == .free }
                    ?? zip(roomTimes, roomStandings).first { $0.1 == .tentative }
                guard let choice else { continue }
                room = choice.0.participant.address
                if choice.1 == .tentative { reasons.append(.tentative(choice.0.participant.address)); ranking.tentatives += 1 }
            }
            var free: [CalendarUserAddress] = known.map(\.address)
            var busy: [CalendarUserAddress] = []
            var unknown = unknownRequired
            for p in optionalTimes {
                let a = p.participant.address
                switch p.standing(in: meeting, tentativeIsFree: q.tentativeIsFree) {
                case .free: free.append(a)
                case .tentative: free.append(a); reasons.append(.tentative(a)); ranking.tentatives += 1
                case .outsideHours: busy.append(a); reasons.append(.outsideHours(a)); ranking.optionalOutsideHours += 1
                case .busy: busy.append(a); reasons.append(.optionalBusy(a)); ranking.optionalConflicts += 1
                case .unknown: unknown.append(a); reasons.append(.unknown(a)); ranking.optionalConflicts += 1
                }
            }
            offered.append(Slot(span: meeting, free: free, busy: busy, unknown: unknown, room: room,
                                 reasons: reasons.isEmpty ? [.everyoneFree] : reasons, ranking: ranking))
        }
        // Stable: among equals, time order is kept.
        let ranked = offered.enumerated().sorted {
            $0.element.ranking != $1.element.ranking ? $0.element.ranking < $1.element.ranking : $0.offset < $1.offset
        }.map(\.element)
        var note: String? = nil
        if known.count < total {
            note = "\(known.count) of \(total) required attendees known; planned around the known ones"
        }
        if ranked.isEmpty && note == nil {
            if candidateTimes > 0, insideEveryonesHours == 0, !outsideTheirHours.isEmpty {
                // Their own hours rule out the whole window: say so, not "busy".
                let who = outsideTheirHours.map(\.displayString).joined(separator: ", ")
                note = "every time asked is outside the working hours of \(who)"
                    + (q.outsideHoursAllowed ? "" : ": --outside-hours offers such times")
            } else if !q.rooms.isEmpty {
                note = "no free slot of that length where everyone required and one of the rooms is free"
            } else {
                note = "no free slot of that length in the window, hours and weekdays asked"
            }
        }
        return SlotResult(slots: Array(ranked.prefix(max(0, q.count))), requiredKnown: known.count, requiredTotal: total, note: note)
    }
}

/// Merged spans with logarithmic overlap tests.
public struct Intervals: Sendable {
    private var starts: [UTCInstant] = []
    private var ends: [UTCInstant] = []

    public init(_ spans: [TimeSpan]) {
        for s in spans.union() {
            starts.append(s.start)
            ends.append(s.end)
        }
    }

    /// The index of the first interval ending after `t`.
    private func firstEnding(after t: UTCInstant) -> Int {
        var lo = 0, hi = ends.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ends[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    public func overlaps(_ span: TimeSpan) -> Bool {
        let i = firstEnding(after: span.start)
        return i < starts.count && starts[i] < span.end
    }

    public func contains(_ span: TimeSpan) -> Bool {
        let i = firstEnding(after: span.start)
        return i < starts.count && starts[i] <= span.start && ends[i] >= span.end
    }

    public var isEmpty: Bool { starts.isEmpty }
}
