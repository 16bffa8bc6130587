/// Which recipients to ask next when POSTs fail as a whole: pure bookkeeping,
/// no network, so that every path is unit-tested.
///
/// A POST that fails for a reason that can lie with its recipients (a 500 when
/// one address breaks the server, a reset, a timeout, a 413 for too many) is
/// split in halves and each half asked again, recursively. A single recipient
/// whose POST fails is what broke it; everyone else ends up in a POST that
/// answered. One bad recipient in a POST of N costs at most 2·⌈log2 N⌉ extra
/// POSTs (two halves per level). Segments are handed out oldest first, so the
/// levels are asked breadth first and a level's halves can run at once.
public struct Bisection: Sendable, Equatable {
    /// Positions (into the attendee list) sent in one POST, and how many splits
    /// it is from the batch it came from.
    public struct Segment: Hashable, Sendable {
        public var positions: Range<Int>
        public var depth: Int

        public init(positions: Range<Int>, depth: Int) {
            self.positions = positions
            self.depth = depth
        }
    }

    /// Segments not asked yet, oldest first.
    public private(set) var waiting: [Segment]
    /// Handed out by `next()` and not yet reported.
    public private(set) var asked: [Segment] = []
    /// Positions whose POST failed with them alone: the recipients that break the server.
    public private(set) var failedPositions: [Int] = []
    /// POSTs that answered, and POSTs that failed.
    public private(set) var answers = 0
    public private(set) var failures = 0

    /// Whether every failure so far was a timeout (each costs the whole
    /// timeout, so fewer are tried before giving up).
    public private(set) var onlyTimeouts = true

    /// While nothing has answered, failures down to this depth are taken as
    /// the server failing as a whole (every half and every quarter failed),
    /// not as bad recipients: bisecting further would only multiply requests.
    public static let hopelessDepth = 2
    /// The same when every failure was a timeout: the whole and both halves
    /// timing out is two timeouts' wait already.
    public static let hopelessDepthForTimeouts = 1

    /// The depth down to which segments are probed while nothing has answered.
    public var probeDepth: Int { onlyTimeouts ? Self.hopelessDepthForTimeouts : Self.hopelessDepth }

    public init(batches: [Range<Int>]) {
        waiting = batches.filter { !$0.isEmpty }.map { Segment(positions: $0, depth: 0) }
    }

    /// The next segment to POST, if any now. While nothing has answered, a
    /// segment split more than `hopelessDepth` times waits until every one down
    /// to that depth is back: if they all fail, it is never asked.
    public mutating func next() -> Segment? {
        guard let first = waiting.first else { return nil }
        if answers == 0, first.depth > probeDepth, asked.contains(where: { $0.depth <= probeDepth }) {
            return nil
        }
        let s = waiting.removeFirst()
        asked.append(s)
        return s
    }

    /// The POST for `segment` answered (whatever each recipient's status).
    public mutating func answered(_ segment: Segment) {
        guard let i = asked.firstIndex(of: segment) else { return }
        asked.remove(at: i)
        answers += 1
    }

    /// The POST for `segment` failed as a whole, for a reason that can lie with
    /// its recipients: its halves are asked next, or a lone recipient is failed.
    /// `timedOut`: it failed by running out of time. Returns the halves queued
    /// (empty for a single recipient).
    @discardableResult
    public mutating func failed(_ segment: Segment, timedOut: Bool = false) -> [Segment] {
        guard let i = asked.firstIndex(of: segment) else { return [] }
        asked.remove(at: i)
        failures += 1
        if !timedOut { onlyTimeouts = false }
        let r = segment.positions
        guard r.count > 1 else {
            failedPositions.append(contentsOf: r)
            return []
        }
        let middle = r.lowerBound + r.count / 2
        let halves = [Segment(positions: r.lowerBound..<middle, depth: segment.depth + 1),
                      Segment(positions: middle..<r.upperBound, depth: segment.depth + 1)]
        waiting.append(contentsOf: halves)
        return halves
    }

    /// Nothing waiting and nothing out: every position has answered or failed.
    public var isFinished: Bool { waiting.isEmpty && asked.isEmpty }

    /// Nothing has answered and every segment down to `probeDepth` has
    /// failed (or there was nothing deeper to ask): the server fails whatever
    /// it is asked, so stop and report that, once.
    public var isHopeless: Bool {
        guard answers == 0, failures > 0 else { return false }
        return !(waiting + asked).contains { $0.depth <= probeDepth }
    }
}
