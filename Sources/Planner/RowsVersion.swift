import Synchronization

/// Which content of the planner's rows a state holds: every change to the
/// attendees or rooms (answers, optional marks, rows added or removed) makes
/// a new one, unique in the process, so copies of a state share it only while
/// their rows are the same. Memos of what the rows alone decide (day ratings,
/// the `all` row's merged busy time) are keyed on it.
public struct RowsVersion: Equatable, Sendable {
    let id: Int

    /// Every state starts with no rows: they share the first version.
    static let initial = RowsVersion(id: 0)

    private init(id: Int) { self.id = id }

    init() { id = rowsVersionCounter.wrappingAdd(1, ordering: .relaxed).newValue }

    /// Not part of what a state is: two states with the same rows are equal
    /// whichever changes brought them there.
    public static func == (a: RowsVersion, b: RowsVersion) -> Bool { true }
}

private let rowsVersionCounter = Atomic<Int>(0)
