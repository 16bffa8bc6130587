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

/// Someone to meet: their busy time (nil when unknown), the parts of the window
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

public struct SlotQuery: Sendable {
    public var window: TimeWindow
    public var duration: Int64
    public var step: Int64
    public var hours: WorkingHours
    public var zone: DisplayZone
    public var required: [Participant]
    public var optional: [Participant]
    /// BUSY-TENTATIVE counts as free (by default it counts as busy).
    public var tentativeIsFree: Bool
    /// Plan around the attendees whose time is known. Without it, an unknown
    /// required attendee means no slot can be promised: unknown is not free.
    public var ignoreUnknown: Bool
    public var count: Int

    public init(window: TimeWindow, duration: Int64, step: Int64, hours: WorkingHours, zone: DisplayZone,
                required: [Participant], optional: [Participant] = [], tentativeIsFree: Bool = false,
                ignoreUnknown: Bool = false, count: Int = 5) {
        self.window = window
        self.duration = duration
        self.step = step
        self.hours = hours
        self.zone = zone
        self.required = required
        self.optional = optional
        self.tentativeIsFree = tentativeIsFree
        self.ignoreUnknown = ignoreUnknown
        self.count = count
    }
}

public struct Slot: Equatable, Sendable {
    public var span: TimeSpan
    public var start: UTCInstant { span.start }
    public var end: UTCInstant { span.end }
    public var free: [CalendarUserAddress]
    public var busy: [CalendarUserAddress]
    public var unknown: [CalendarUserAddress]
}

public struct SlotResult: Equatable, Sendable {
    public var slots: [Slot]
    public var requiredKnown: Int
    public var requiredTotal: Int
    /// Why there are no slots, or what to keep in mind about them.
    public var note: String?
}

/// Finds meeting slots: pure logic over busy intervals, shared by `avail slots`
/// and the planner's n/N.
public enum SlotFinder {
    /// Candidate starts step through each working span from its start; a slot
    /// must fit inside one span. Every required attendee whose time is known
    /// must be free; slots where more optional attendees are free come first,
    /// then the earliest. Ties keep time order.
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
        let requiredBusy = Intervals(known.flatMap { blocking($0.busy ?? [], unknownTime: $0.unknownTime, q) })
        // Attendees in a zone of their own may only meet in their own working hours.
        let ownHours = q.required.compactMap { p in p.zone.map { Intervals(q.hours.spans(in: q.window, zone: $0)) } }
        let optional = q.optional.map { p in (p, p.busy.map { Intervals(blocking($0, unknownTime: p.unknownTime, q)) }) }
        var candidates: [(slot: Slot, optionalFree: Int)] = []
        for span in q.hours.spans(in: q.window, zone: q.zone) {
            var t = span.start
            while let meeting = TimeSpan(start: t, end: t.adding(seconds: q.duration)), span.contains(meeting) {
                if !requiredBusy.overlaps(meeting), ownHours.allSatisfy({ $0.contains(meeting) }) {
                    var free: [CalendarUserAddress] = known.map(\.address)
                    var busy: [CalendarUserAddress] = []
                    var unknown: [CalendarUserAddress] = q.required.filter { $0.busy == nil }.map(\.address)
                    var optionalFree = 0
                    for (p, intervals) in optional {
                        guard let intervals else { unknown.append(p.address); continue }
                        if intervals.overlaps(meeting) { busy.append(p.address) } else { free.append(p.address); optionalFree += 1 }
                    }
                    candidates.append((Slot(span: meeting, free: free, busy: busy, unknown: unknown), optionalFree))
                }
                t = t.adding(seconds: q.step)
            }
        }
        // Stable: among equals, time order is kept.
        let ranked = candidates.enumerated().sorted {
            $0.element.optionalFree != $1.element.optionalFree ? $0.element.optionalFree > $1.element.optionalFree : $0.offset < $1.offset
        }.map(\.element.slot)
        var note: String? = nil
        if known.count < total {
            note = "\(known.count) of \(total) required attendees known; planned around the known ones"
        }
        if ranked.isEmpty && note == nil { note = "no free slot of that length in the window, hours and weekdays asked" }
        return SlotResult(slots: Array(ranked.prefix(max(0, q.count))), requiredKnown: known.count, requiredTotal: total, note: note)
    }

    /// Time that blocks a meeting: busy time (tentative only when it counts as
    /// busy) and time no answer covers (unknown is not free).
    static func blocking(_ busy: [BusyPeriod], unknownTime: [TimeSpan], _ q: SlotQuery) -> [TimeSpan] {
        busy.filter { !(q.tentativeIsFree && $0.type == .busyTentative) }.map(\.span) + unknownTime
    }
}

/// Merged spans with logarithmic overlap tests.
struct Intervals {
    private var starts: [UTCInstant] = []
    private var ends: [UTCInstant] = []

    init(_ spans: [TimeSpan]) {
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

    func overlaps(_ span: TimeSpan) -> Bool {
        let i = firstEnding(after: span.start)
        return i < starts.count && starts[i] < span.end
    }

    func contains(_ span: TimeSpan) -> Bool {
        let i = firstEnding(after: span.start)
        return i < starts.count && starts[i] <= span.start && ends[i] >= span.end
    }
}
