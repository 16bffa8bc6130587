extension SlotFinder {
    /// Every start the query allows, merged into free stretches; the result's
    /// counts and note as `find` gives them. `q.count` limits the starts `find`
    /// ranks, not the stretches: every start is needed to merge them.
    ///
    /// With rooms, each room's stretches are found on their own (the room free
    /// throughout) and listed together in time order: `find` names only the
    /// first free room per start, which would cut a stretch where the first
    /// room becomes free again although the second still is.
    public static func stretches(_ q: SlotQuery) -> (stretches: [FreeStretch], result: SlotResult) {
        var all = q
        all.count = Int.max
        let result = find(all)
        guard q.rooms.count > 1 else { return (FreeStretch.merging(result.slots), result) }
        var stretches: [FreeStretch] = []
        for room in q.rooms {
            var one = all
            one.rooms = [room]
            stretches += FreeStretch.merging(find(one).slots)
        }
        stretches.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        return (stretches, result)
    }
}
