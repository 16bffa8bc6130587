import FreeBusy

/// What one participant's time is at a candidate meeting, worst first.
enum Standing: Int, Comparable {
    case free, tentative, outsideHours, busy, unknown

    static func < (a: Standing, b: Standing) -> Bool { a.rawValue < b.rawValue }
}

/// One participant's answer, sorted into the kinds of time a slot cares
/// about, merged for fast overlap tests. A class: the finder passes each one
/// around once per candidate time, and a struct of a dozen arrays costs a
/// dozen retains per copy (most of the day ratings' time for 500 people).
final class ParticipantTime {
    let participant: Participant
    let busy: Intervals
    let tentative: Intervals
    let unavailable: Intervals
    let unknownTime: Intervals
    /// Their own working hours, when they live in a zone of their own.
    let ownHours: Intervals?

    init(_ p: Participant, query q: SlotQuery) {
        participant = p
        let periods = p.busy ?? []
        busy = Intervals(periods.filter { $0.type != .busyTentative && $0.type != .busyUnavailable }.map(\.span))
        tentative = Intervals(periods.filter { $0.type == .busyTentative }.map(\.span))
        unavailable = Intervals(periods.filter { $0.type == .busyUnavailable }.map(\.span))
        unknownTime = Intervals(p.unknownTime)
        ownHours = p.zone.map { Intervals(q.hours.spans(in: q.window, zone: $0)) }
    }

    /// The worst thing about their time in `meeting`. Tentative time is busy
    /// unless the query counts it as free.
    func standing(in meeting: TimeSpan, tentativeIsFree: Bool) -> Standing {
        if participant.busy == nil || unknownTime.overlaps(meeting) { return .unknown }
        if busy.overlaps(meeting) { return .busy }
        if tentative.overlaps(meeting) && !tentativeIsFree { return .busy }
        if unavailable.overlaps(meeting) { return .outsideHours }
        if let ownHours, !ownHours.contains(meeting) { return .outsideHours }
        if tentative.overlaps(meeting) { return .tentative }
        return .free
    }
}
