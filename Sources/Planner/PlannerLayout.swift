/// Where things go on a screen of a given size. The one place that knows the
/// planner's geometry, shared by the renderer and by cursor scrolling.
public struct PlannerLayout: Equatable, Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 12

    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var fits: Bool { width >= Self.minimumWidth && height >= Self.minimumHeight }

    public var nameWidth: Int { min(28, max(14, width / 5)) }
    public var statusWidth: Int { 11 }
    /// First column of the time cells.
    public var gridX: Int { nameWidth + 1 + statusWidth + 1 }
    public var gridWidth: Int { max(0, width - gridX) }

    public var headerRow: Int { 0 }
    public var dayLabelRow: Int { 2 }
    public var hourLabelRow: Int { 3 }
    public var firstAttendeeRow: Int { 4 }
    /// Rows for attendees: the rest, less a "more" line, the "all" row, a blank,
    /// the status line and the legend.
    public var attendeeRows: Int { max(1, height - firstAttendeeRow - 5) }
    public var statusRow: Int { height - 2 }
    public var legendRow: Int { height - 1 }
}
