extension SlotFinder {
    /// Every start the query allows, merged into free stretches; the result's
    /// counts and note as `find` gives them. `q.count` limits the starts `find`
    /// ranks, not the stretches: every start is needed to merge them.
    public static func stretches(_ q: SlotQuery) -> (stretches: [FreeStretch], result: SlotResult) {
        var all = q
        all.count = Int.max
        let result = find(all)
        return (FreeStretch.merging(result.slots), result)
    }
}
