import FreeBusy

/// Decides which free/busy request runs, so that keys arriving faster than
/// answers never build a queue: the user's wishes are recorded as they come,
/// and only when the keys waiting have all been handled does the scheduler
/// pick what to start, for the window the user is looking at then.
///
/// - At most one request counts at a time (the one for the window on screen),
///   and at most `maxAbandoned` abandoned ones may still be running beside
///   it: a server that answers slowly is never sent a pile of requests, and
///   paging on does not wait for the answer about the week just left.
/// - Wishes for the same window are coalesced (attendees merged, `fresh` if
///   any asked for it); a wish the request in flight already covers is dropped.
/// - When the user moves to another window, wishes for other windows are
///   dropped, and the request in flight for another window is abandoned: its
///   task is cancelled (before its POST, if it has not got that far) and its
///   results are ignored.
///
/// A value without clocks or threads, so every rule above has a unit test.
public struct RequestScheduler: Sendable {
    public struct Request: Equatable, Sendable {
        public var id: Int
        public var window: WindowKey
        public var attendees: [CalendarUserAddress]
        public var fresh: Bool
    }

    /// What `schedule(focus:)` asks the loop to do.
    public struct Decision: Equatable, Sendable {
        /// Start this request now.
        public var start: Request?
        /// Cancel this request's task; the state forgets it was asked.
        public var abandoned: Request?
        /// Windows whose wishes were dropped without ever starting.
        public var dropped: [WindowKey] = []
    }

    private struct Wish: Sendable {
        var attendees: [CalendarUserAddress]
        var fresh: Bool
    }

    /// Running now, its results awaited.
    public private(set) var inFlight: Request?
    /// Abandoned but still running (their tasks have not ended yet).
    public private(set) var abandoned: [Int] = []
    /// How many abandoned requests may still run when a new one starts.
    public let maxAbandoned: Int
    private var wishes: [WindowKey: Wish] = [:]
    private var wishOrder: [WindowKey] = []
    private var nextID = 1

    public init(maxAbandoned: Int = 2) { self.maxAbandoned = maxAbandoned }

    /// Windows with a wish waiting to start.
    public var waiting: [WindowKey] { wishOrder }

    /// Records that these attendees' time in `window` is wanted; nothing starts
    /// until `schedule(focus:)`. Cheap whatever the number of attendees (an
    /// append): it runs once per key, and most wishes of a flood are dropped.
    public mutating func want(_ window: WindowKey, _ attendees: [CalendarUserAddress], fresh: Bool = false) {
        guard !attendees.isEmpty else { return }
        if wishes[window] == nil {
            wishes[window] = Wish(attendees: attendees, fresh: fresh)
            wishOrder.append(window)
        } else {
            wishes[window]?.attendees.append(contentsOf: attendees)
            if fresh { wishes[window]?.fresh = true }
        }
    }

    /// The user is looking at `focus`: drops what is for other windows and
    /// starts the wish for `focus` if nothing else is running.
    public mutating func schedule(focus: WindowKey) -> Decision {
        var decision = Decision()
        for w in wishOrder where w != focus {
            wishes[w] = nil
            decision.dropped.append(w)
        }
        wishOrder.removeAll { $0 != focus }
        if let running = inFlight, running.window != focus {
            inFlight = nil
            abandoned.append(running.id)
            decision.abandoned = running
        }
        guard var wish = wishes[focus] else { return decision }
        wish.attendees = Self.unique(wish.attendees)
        if let running = inFlight, running.fresh || !wish.fresh,
           Self.covers(running.attendees, wish.attendees) {
            // Already on its way.
            wishes[focus] = nil
            wishOrder.removeAll { $0 == focus }
            return decision
        }
        wishes[focus] = wish
        guard inFlight == nil, abandoned.count <= maxAbandoned else { return decision }
        wishes[focus] = nil
        wishOrder.removeAll { $0 == focus }
        let request = Request(id: nextID, window: focus, attendees: wish.attendees, fresh: wish.fresh)
        nextID += 1
        inFlight = request
        decision.start = request
        return decision
    }

    /// The task of request `id` has ended (answered, failed or cancelled).
    public mutating func finished(_ id: Int) {
        if inFlight?.id == id { inFlight = nil }
        abandoned.removeAll { $0 == id }
    }

    /// Whether a message from request `id` should reach the planner's state.
    public func accepts(_ id: Int) -> Bool {
        inFlight?.id == id
    }

    /// First spelling of each address, in order.
    private static func unique(_ attendees: [CalendarUserAddress]) -> [CalendarUserAddress] {
        var seen = Set<String>()
        return attendees.filter { seen.insert($0.matchKey).inserted }
    }

    private static func covers(_ asked: [CalendarUserAddress], _ wanted: [CalendarUserAddress]) -> Bool {
        let keys = Set(asked.map(\.matchKey))
        return wanted.allSatisfy { keys.contains($0.matchKey) }
    }
}
