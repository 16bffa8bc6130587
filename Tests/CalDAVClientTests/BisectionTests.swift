import Testing
import CalDAVClient

/// The bisection planner, driven by a fake server: `bad` positions break any
/// POST that includes them.
@Suite struct BisectionTests {
    /// Runs the plan to the end, breadth first with `parallel` POSTs out at once
    /// (all reported back before the next round), as the driver does.
    static func run(_ batches: [Range<Int>], bad: Set<Int>, parallel: Int = 4) -> (plan: Bisection, posts: Int) {
        var plan = Bisection(batches: batches)
        var posts = 0
        while !plan.isFinished, !plan.isHopeless {
            var out: [Bisection.Segment] = []
            while out.count < parallel, let s = plan.next() { out.append(s) }
            if out.isEmpty { Issue.record("nothing to ask, yet not finished"); break }
            for s in out {
                posts += 1
                if bad.isDisjoint(with: s.positions) { plan.answered(s) } else { plan.failed(s) }
            }
        }
        return (plan, posts)
    }

    static func levels(_ n: Int) -> Int { n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount }

    @Test func nothingBadIsOnePostPerBatch() {
        let (plan, posts) = Self.run([0..<50, 50..<100], bad: [])
        #expect(posts == 2 && plan.failedPositions.isEmpty && plan.answers == 2 && plan.isFinished)
    }

    @Test(arguments: [2, 3, 10, 50, 64, 100, 1000])
    func oneBadRecipientIsFoundWithinTwoPostsPerLevel(count: Int) {
        for bad in Set([0, count / 2, count - 1]) {
            let (plan, posts) = Self.run([0..<count], bad: [bad])
            #expect(plan.failedPositions == [bad])
            #expect(posts - 1 <= 2 * Self.levels(count), "\(posts) POSTs for \(count), bad \(bad)")
            #expect(plan.isFinished && !plan.isHopeless)
        }
    }

    @Test func everyBadRecipientIsFoundAndNoOneElse() {
        let bad: Set = [3, 4, 17, 60, 99]
        let (plan, posts) = Self.run([0..<50, 50..<100], bad: bad)
        #expect(Set(plan.failedPositions) == bad && plan.failedPositions.count == bad.count)
        #expect(posts <= 2 + bad.count * 2 * Self.levels(50))
    }

    @Test func halvesAreAskedBeforeQuarters() {
        var plan = Bisection(batches: [0..<8])
        let whole = plan.next()
        #expect(whole == .init(positions: 0..<8, depth: 0))
        #expect(plan.next() == nil) // nothing more until it is back
        let halves = plan.failed(whole!)
        #expect(halves == [.init(positions: 0..<4, depth: 1), .init(positions: 4..<8, depth: 1)])
        let a = plan.next()!, b = plan.next()!
        #expect([a, b] == halves)
        plan.failed(a)
        plan.answered(b)
        #expect(plan.next() == .init(positions: 0..<2, depth: 2))
        #expect(plan.next() == .init(positions: 2..<4, depth: 2))
    }

    @Test func aServerThatFailsEverythingIsHopelessAfterTwoSplits() {
        let (plan, posts) = Self.run([0..<40], bad: Set(0..<40))
        #expect(plan.isHopeless)
        #expect(posts == 1 + 2 + 4)
        #expect(plan.answers == 0)
    }

    @Test func manyBatchesFailingAtFirstAreNotHopelessWhileHalvesCanAnswer() {
        // A server that takes 30 recipients at most, asked in 20 batches of 50.
        var plan = Bisection(batches: (0..<20).map { $0 * 50..<($0 + 1) * 50 })
        var posts = 0
        while !plan.isFinished, !plan.isHopeless, let s = plan.next() {
            posts += 1
            if s.positions.count > 30 { plan.failed(s) } else { plan.answered(s) }
        }
        #expect(plan.isFinished && plan.failedPositions.isEmpty && posts == 20 + 40)
    }

    @Test func deeperSegmentsWaitWhileNothingHasAnswered() {
        var plan = Bisection(batches: [0..<16])
        plan.failed(plan.next()!)
        let h1 = plan.next()!, h2 = plan.next()!
        plan.failed(h1); plan.failed(h2)
        let quarters = (0..<4).compactMap { _ in plan.next() }
        #expect(quarters.map(\.depth) == [2, 2, 2, 2])
        plan.failed(quarters[0])
        // Its halves (depth 3) wait: the other quarters may show the server is down.
        #expect(plan.next() == nil)
        plan.answered(quarters[1])
        #expect(plan.next()?.depth == 3)
    }

    @Test func aLoneRecipientThatFailsIsNotHopelessWhenOthersAnswered() {
        let (plan, _) = Self.run([0..<1, 1..<2], bad: [0])
        #expect(plan.failedPositions == [0] && !plan.isHopeless && plan.answers == 1)
    }

    @Test func reportsForUnknownSegmentsAreIgnored() {
        var plan = Bisection(batches: [0..<4])
        #expect(plan.failed(.init(positions: 0..<4, depth: 0)).isEmpty) // never handed out
        plan.answered(.init(positions: 9..<10, depth: 0))
        #expect(plan.failures == 0 && plan.answers == 0 && plan.waiting.count == 1)
    }
}

extension BisectionTests {
    @Test func aServerThatTimesOutOnEverythingIsGivenUpAfterTheHalves() {
        var plan = Bisection(batches: [0..<40])
        var posts = 0
        while !plan.isFinished, !plan.isHopeless, let s = plan.next() {
            posts += 1
            plan.failed(s, timedOut: true)
        }
        #expect(plan.isHopeless && posts == 1 + 2 && plan.probeDepth == 1)
    }

    @Test func oneTimeoutAmongOtherFailuresProbesToQuarters() {
        var plan = Bisection(batches: [0..<40])
        plan.failed(plan.next()!, timedOut: true)
        #expect(plan.probeDepth == 1)
        plan.failed(plan.next()!, timedOut: false)
        #expect(plan.probeDepth == 2 && !plan.isHopeless)
    }

    @Test func aRecipientThatTimesOutIsStillFoundWhenOthersAnswer() {
        var plan = Bisection(batches: [0..<8])
        while !plan.isFinished, !plan.isHopeless, let s = plan.next() {
            if s.positions.contains(5) { plan.failed(s, timedOut: true) } else { plan.answered(s) }
        }
        #expect(plan.failedPositions == [5] && plan.isFinished)
    }
}
