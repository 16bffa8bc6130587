extension ScreenBuffer {
    /// The rows that differ from `previous`, the screen painted before: only
    /// these need painting again. Every row when there was none or its size
    /// differs. A screen reader reads what changes on the screen, so a row
    /// repainted with the same text would be read out again for nothing.
    public func changedRows(since previous: ScreenBuffer?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<height) }
        return (0..<height).filter { y in
            let row = y * width..<(y + 1) * width
            return cells[row] != previous.cells[row]
        }
    }
}
