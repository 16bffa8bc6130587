import Testing
import CalDAVClient

@Suite struct BatchPolicyTests {
    @Test func upToTheThresholdIsOnePost() {
        #expect(BatchPolicy.standard.batches(count: 1) == [0..<1])
        #expect(BatchPolicy.standard.batches(count: 40) == [0..<40])
        #expect(BatchPolicy.standard.batches(count: 0) == [])
    }

    @Test func aboveItBatchesAreEvenedOut() {
        #expect(BatchPolicy.standard.batches(count: 41) == [0..<21, 21..<41])
        #expect(BatchPolicy.standard.batches(count: 60) == [0..<30, 30..<60])
        #expect(BatchPolicy.standard.batches(count: 200) == [0..<50, 50..<100, 100..<150, 150..<200])
        #expect(BatchPolicy.standard.batches(count: 201).map(\.count) == [41, 40, 40, 40, 40])
    }

    @Test(arguments: [1, 2, 39, 40, 41, 99, 100, 101, 999, 1000])
    func everyPositionOnceInOrder(count: Int) {
        for policy in [BatchPolicy.standard, .single, BatchPolicy(splitAbove: 0, batchSize: 1, parallel: 1),
                       BatchPolicy(splitAbove: 3, batchSize: 7, parallel: 2), BatchPolicy(splitAbove: 1, batchSize: .max, parallel: 9)] {
            let batches = policy.batches(count: count)
            #expect(batches.flatMap { Array($0) } == Array(0..<count))
            #expect(batches.allSatisfy { !$0.isEmpty && $0.count <= policy.batchSize })
            let sizes = batches.map(\.count)
            #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
        }
    }

    @Test func singleNeverSplits() {
        #expect(BatchPolicy.single.batches(count: 1000) == [0..<1000])
        #expect(BatchPolicy.single.parallel == 1)
    }

    @Test func nonsenseSettingsAreClamped() {
        let p = BatchPolicy(splitAbove: -5, batchSize: 0, parallel: -1)
        #expect(p.splitAbove == 1 && p.batchSize == 1 && p.parallel == 1)
        #expect(p.batches(count: 3) == [0..<1, 1..<2, 2..<3])
    }
}
