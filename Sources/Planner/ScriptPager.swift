import TextUtilities

/// A text shown in a scrollable box over the grid (`y` on a row: its request
/// as a curl script). Long lines are folded at the box's width, never cut: a
/// command copied off the screen must be whole.
public struct ScriptPager: Equatable, Sendable {
    public var title: String
    public var lines: [String]
    /// The first folded row shown.
    public var top: Int = 0

    public init(title: String, text: String) {
        self.title = title
        // A here-document keeps iCalendar's CRLF (RFC 5545 §3.1): "\r\n" is one
        // Character, and on screen it ends the line as "\n" does.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { TerminalText.line(String($0)) }
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    /// The box's inner width and height on a screen of `layout`.
    static func viewport(_ layout: PlannerLayout) -> (width: Int, height: Int) {
        (max(10, layout.width - 6), max(1, layout.height - 7))
    }

    /// The lines folded to `width` columns.
    func rows(width: Int) -> [String] {
        var out: [String] = []
        for line in lines {
            var row = "", used = 0
            for ch in line {
                let w = max(0, ch.terminalWidth)
                if used + w > width {
                    out.append(row)
                    row = ""
                    used = 0
                }
                row.append(ch)
                used += w
            }
            out.append(row)
        }
        return out
    }

    /// `top` kept so the last page is full and nothing scrolls past the end.
    func clamped(_ layout: PlannerLayout) -> ScriptPager {
        let view = Self.viewport(layout)
        var p = self
        p.top = max(0, min(top, rows(width: view.width).count - view.height))
        return p
    }
}
