import FreeBusy
import ICalendar
import LocalTime
import Slots

/// n and N: the next or previous slot where everyone required is free.
extension PlannerState {
    // MARK: Free slots

    /// The required attendees whose busy time is known in this window.
    public func knownBusy(in window: WindowKey) -> [[BusyPeriod]] {
        attendees.filter { !$0.optional }.compactMap { $0.answer(for: window).busy }
    }

    /// Busy time of the optional attendees whose time is known.
    public func optionalBusy(in window: WindowKey) -> [BusyPeriod] {
        attendees.filter(\.optional).compactMap { $0.answer(for: window).busy }.flatMap { $0 }
    }

    /// The slot finder's question for this window: the meeting's length at the
    /// zoom's step, within the visible hours, planned around the known ones.
    func slotQuery(in span: TimeWindow, zone: DisplayZone, duration: Int64? = nil) -> SlotQuery {
        let hours = workingHoursOnly ? WorkingHours(startMinute: workdayStartHour * 60, endMinute: workdayEndHour * 60, weekdays: Set(0..<7))
                                     : WorkingHours(startMinute: 0, endMinute: 1440, weekdays: Set(0..<7))
        let participant = { (row: AttendeeRow) in Participant(address: row.address, busy: row.answer(for: self.window).busy) }
        return SlotQuery(window: span, duration: duration ?? meetingDuration, step: zoom.rawValue, hours: hours, zone: zone,
                         required: attendees.filter { !$0.optional }.map(participant), optional: attendees.filter(\.optional).map(participant),
                         rooms: roomParticipants(in: window), ignoreUnknown: true, count: 100_000)
    }

    /// Each day of the window rated Good, Fair or Poor for the meeting (keyed
    /// by the axis' day index); empty when nobody required is known.
    public func dayRatings(axis: TimeAxis, zone: DisplayZone) -> [Int: DayRating] {
        // The slot finder runs when the rows, window, axis or meeting change, not on every frame.
        Self.dayRatingsMemo.value(for: rowsViewKey(zone: zone.identifier)) { computeDayRatings(axis: axis, zone: zone) }
    }

    static let dayRatingsMemo = ViewMemo<RowsViewKey, [Int: DayRating]>()

    private func computeDayRatings(axis: TimeAxis, zone: DisplayZone) -> [Int: DayRating] {
        // Rooms asked for but none answered yet: no day can be rated (not every day Poor).
        if !rooms.isEmpty, rooms.allSatisfy({ $0.row.answer(for: window).busy == nil }) { return [:] }
        guard let end = zone.adding(days: windowDays, to: windowStart), let span = TimeWindow(start: windowStart, end: end) else { return [:] }
        var days: [Int: TimeSpan] = [:]
        for col in axis.columns {
            days[col.day] = days[col.day].map { TimeSpan(start: $0.start, end: col.end) ?? $0 } ?? col.span
        }
        let order = days.keys.sorted()
        let ratings = DayRating.rate(slotQuery(in: span, zone: zone), days: order.compactMap { days[$0] })
        var out: [Int: DayRating] = [:]
        for (day, rating) in zip(order, ratings) { out[day] = rating }
        return out
    }

    /// Moves the cursor to the next (or previous) slot where every required
    /// attendee whose time is known is free for `meetingDuration`, within the
    /// visible hours: the slot finder's rules, planned around the known ones
    /// (the grid shows who is unknown, and the status line says how many).
    /// `duration`: a mark's length instead of `meetingDuration`. Returns the
    /// slot's start, or nil when there is none (the status line says why).
    @discardableResult
    mutating func jumpToCommonFreeSlot(forward: Bool, axis: TimeAxis, zone: DisplayZone, duration: Int64? = nil) -> UTCInstant? {
        let length = duration ?? meetingDuration
        let required = attendees.filter { !$0.optional }
        guard !required.isEmpty else { statusMessage = attendees.isEmpty ? "no attendees yet: a adds one" : "everyone is optional: o marks someone required"; return nil }
        let known = required.filter { $0.answer(for: window).busy != nil }
        guard !known.isEmpty else { statusMessage = "no answers yet for this window"; return nil }
        if !rooms.isEmpty, rooms.allSatisfy({ $0.row.answer(for: window).busy == nil }) { statusMessage = "no room's time is known yet"; return nil }
        guard let end = zone.adding(days: windowDays, to: windowStart), let span = TimeWindow(start: windowStart, end: end),
              axis.columns.indices.contains(cursorColumn) else { return nil }
        let result = SlotFinder.find(slotQuery(in: span, zone: zone, duration: length))
        let here = axis.columns[cursorColumn].start
        let starts = result.slots.map(\.start).sorted()
        let target = forward ? starts.first { $0 > here } : starts.last { $0 < here }
        guard let target, let column = axis.columns.firstIndex(where: { $0.start == target }) else {
            statusMessage = "no common free \(Self.formatDuration(length)) slot\(rooms.isEmpty ? "" : " with a room") \(forward ? "later" : "earlier") in this window"
            return nil
        }
        cursorColumn = column
        cursorRow = allRowIndex
        let slot = result.slots.first { $0.start == target }
        var message = "free: \(Self.formatDuration(length)) from here"
        if let room = slot?.room { message += " in " + (rooms.first { $0.address.matchKey == room.matchKey }?.label ?? room.displayString) }
        if known.count < required.count { message += " (\(known.count) of \(required.count) known)" }
        // The slot finder's reasons, but for the unknown required ones: the count above says those.
        let requiredKeys = Set(required.map(\.address.matchKey))
        let reasons = (slot?.reasons ?? []).filter { reason in
            if case let .unknown(a) = reason { return !requiredKeys.contains(a.matchKey) }
            return reason != .everyoneFree
        }
        if !reasons.isEmpty { message += "; " + reasons.map(\.description).joined(separator: "; ") }
        statusMessage = message
        return target
    }
}
