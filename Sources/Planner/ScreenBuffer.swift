import TextUtilities
/// The closed set of things the planner colours; themes map each to colours
/// (htop's CRT roles, tig's and newsboat's `color` lines).
public enum StyleRole: String, CaseIterable, Sendable {
    case normal, header, title, axis, day, name, statusOK = "status-ok", statusBad = "status-bad"
    case statusPending = "status-pending", busy, busyUnavailable = "busy-unavailable"
    case busyTentative = "busy-tentative", free, unknown, allFree = "all-free", allBusy = "all-busy"
    case cursor, statusLine = "status-line", legend, error, dialog
    /// A marked range (`v`): the cells keep their glyph, so busy and free still read.
    case mark
}

/// One terminal cell: a grapheme (or "" for the right half of a wide one) and its role.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var role: StyleRole
    public var highlighted: Bool

    public init(_ text: String = " ", role: StyleRole = .normal, highlighted: Bool = false) {
        self.text = text
        self.role = role
        self.highlighted = highlighted
    }
}

/// The whole screen, drawn in memory; the terminal layer copies it out last.
/// Tests read it as text (`lines`).
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's own cursor belongs: on the focused cell, so that a
    /// screen reader or a braille display, which follow the cursor, follow the
    /// focus. Nil hides it (nothing has the focus).
    public var cursor: ScreenPosition?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` at (x, y) clipped to `maxWidth` columns (and the screen);
    /// returns the columns used. Control characters become `?`, so a hostile
    /// name cannot move the cursor or change the terminal.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil,
                             highlighted: Bool = false) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width - max(x, 0), maxWidth ?? Int.max)
        var col = 0
        for ch in text {
            var shown = String(ch)
            var w = ch.terminalWidth
            if w < 0 { shown = "?"; w = 1 }
            if w == 0 { continue }
            if col + w > limit { break }
            let cx = x + col
            if cx >= 0 {
                self[cx, y] = Cell(shown, role: role, highlighted: highlighted)
                if w == 2, cx + 1 < width { self[cx + 1, y] = Cell("", role: role, highlighted: highlighted) }
            }
            col += w
        }
        return col
    }

    public mutating func fill(y: Int, from x: Int = 0, to end: Int? = nil, role: StyleRole) {
        guard y >= 0, y < height else { return }
        for cx in max(0, x)..<min(width, end ?? width) { self[cx, y] = Cell(" ", role: role) }
    }

    /// Swaps single-cell symbols (for `--ascii`); a longer stand-in is cut to one cell.
    public mutating func replaceSymbols(_ map: [String: String]) {
        for i in cells.indices {
            if let r = map[cells[i].text] { cells[i].text = String(r.prefix(1)) }
        }
    }

    /// The screen as plain text, one string per row, trailing spaces kept.
    public var lines: [String] {
        (0..<height).map { y in (0..<width).map { self[$0, y].text }.joined() }
    }
}

extension Character {
    /// Columns this character takes in a terminal: 0 for combining marks and
    /// zero-width joiners, 2 for East Asian wide and emoji, -1 for controls
    /// (as `TerminalText` defines them: bidi overrides too).
    public var terminalWidth: Int {
        guard let first = unicodeScalars.first else { return 0 }
        let v = first.value
        if TerminalText.isControl(first) { return -1 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark
            || v == 0x200B || v == 0x200D { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    public var isTerminalControl: Bool { terminalWidth < 0 }
}

extension String {
    public var terminalWidth: Int { reduce(0) { $0 + max(0, $1.terminalWidth) } }
}
