import Synchronization

/// The last value of an expensive view of the state and what it was computed
/// from: the renderer runs on every key press and every clock tick, and most
/// of what it draws changes only when answers arrive. One entry: the screen
/// shows one state at a time.
final class ViewMemo<Key: Equatable & Sendable, Value: Sendable>: Sendable {
    private let last = Mutex<(key: Key, value: Value)?>(nil)

    func value(for key: Key, compute: () -> Value) -> Value {
        if let hit = last.withLock({ $0 }), hit.key == key { return hit.value }
        let value = compute()
        last.withLock { $0 = (key, value) }
        return value
    }
}

/// What the day ratings and the `all` row's cells depend on besides the rows:
/// the window and the axis (zoom, hours), the meeting's length and the zone.
struct RowsViewKey: Equatable, Sendable {
    var rows: Int
    var windowStart: Int64
    var windowDays: Int
    var zoom: Int64
    var workingHoursOnly: Bool
    var workdayStartHour: Int
    var workdayEndHour: Int
    var meetingDuration: Int64
    var zone: String
}

extension PlannerState {
    func rowsViewKey(zone: String) -> RowsViewKey {
        RowsViewKey(rows: rowsVersion.id, windowStart: windowStart.secondsSinceEpoch, windowDays: windowDays, zoom: zoom.rawValue,
                    workingHoursOnly: workingHoursOnly, workdayStartHour: workdayStartHour, workdayEndHour: workdayEndHour,
                    meetingDuration: meetingDuration, zone: zone)
    }
}
