/// A cell's place on the screen: column `x`, row `y`, from the top left.
public struct ScreenPosition: Equatable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}
