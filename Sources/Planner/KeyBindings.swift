/// The keys in effect: the key table's defaults with the user's keys file
/// applied. The planner's key handling, help screen and legend all read this,
/// so `?` shows the keys the user actually has.
public struct KeyBindings: Equatable, Sendable {
    /// Each action's keys, listed ones in the order shown.
    private var keysByAction: [PlannerAction: [PlannerKey]]
    /// Keys that work but the help does not list (the table's `unlisted`).
    private var unlisted: Set<PlannerKey>
    private var actionByKey: [PlannerKey: PlannerAction]

    /// `keys` must give each key to one action at most (KeysFile checks it).
    init(keys: [PlannerAction: [PlannerKey]], unlisted: Set<PlannerKey> = []) {
        keysByAction = keys
        self.unlisted = unlisted
        actionByKey = [:]
        for (action, list) in keys { for key in list where actionByKey[key] == nil { actionByKey[key] = action } }
    }

    public static let defaults = KeyBindings(
        keys: Dictionary(uniqueKeysWithValues: KeyTable.rows.map { ($0.action, $0.keys + $0.unlisted) }),
        unlisted: Set(KeyTable.rows.flatMap(\.unlisted)))

    public func action(for key: PlannerKey) -> PlannerAction? { actionByKey[key] }

    /// The keys the help lists for the action (none when the user unbound them all).
    public func keys(for action: PlannerAction) -> [PlannerKey] {
        (keysByAction[action] ?? []).filter { !unlisted.contains($0) }
    }

    /// Every key that does the action, unlisted ones included.
    func allKeys(for action: PlannerAction) -> [PlannerKey] { keysByAction[action] ?? [] }

    /// The action's keys as the help screen shows them (`← h`).
    public func label(for action: PlannerAction) -> String {
        let keys = keys(for: action)
        return keys.isEmpty ? "(none)" : keys.map(\.label).joined(separator: " ")
    }

    /// The legend line's hints (`? help`, `+/- zoom`), in the table's order;
    /// an action without keys drops out.
    public var legendHints: [String] {
        KeyTable.legend.compactMap { hint in
            let firsts = hint.actions.compactMap { keys(for: $0).first?.label }
            return firsts.isEmpty ? nil : firsts.joined(separator: "/") + " " + hint.label
        }
    }
}
