import FreeBusy

/// The `all` row's sentence looks at every attendee's answer: said again
/// only when the rows or the time under the cursor change, not on every
/// frame (the header's clock repaints once a second).
extension FocusSentence {
    struct AllRowKey: Equatable, Sendable {
        var rows: Int
        var window: WindowKey
        var slot: TimeSpan
    }

    static let allRowMemo = ViewMemo<AllRowKey, String>()

    /// Who is busy, unknown, and which rooms are free at `slot`.
    static func allRow(_ state: PlannerState, slot: TimeSpan) -> String {
        allRowMemo.value(for: AllRowKey(rows: state.rowsVersion.id, window: state.window, slot: slot)) {
            everyone(state, slot: slot) + roomsPart(state, slot: slot)
        }
    }
}
