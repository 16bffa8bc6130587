import CNcursesw
import Planner
#if canImport(Glibc)
import Glibc
#endif

/// The real terminal, through ncursesw: the last step that copies a
/// `ScreenBuffer` out, and the source of key presses. Owned by the UI thread.
public final class Terminal {
    public enum Input: Equatable {
        case key(PlannerKey)
        case resize
    }

    private var theme: Theme
    private let useColor: Bool
    private var started = false
    /// The screen as last painted, to paint only what changed; nil paints all.
    private var painted: ScreenBuffer?
    private var cursorShown = false

    /// Starts curses mode. `raw` (not `cbreak`) so that Ctrl-C and Ctrl-Z reach
    /// the planner as keys and the terminal is always restored by `end()`.
    public init(theme: Theme, useColor: Bool) {
        self.theme = theme
        avail_install_crash_restore()
        initscr()
        raw()
        noecho()
        nonl()
        keypad(avail_stdscr(), true)
        nodelay(avail_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        var color = useColor && has_colors()
        if color {
            start_color()
            use_default_colors()
            color = avail_colors() >= 8
        }
        self.useColor = color
        started = true
        applyTheme(theme)
    }

    deinit { end() }

    public func applyTheme(_ theme: Theme) {
        self.theme = theme
        painted = nil
        guard useColor else { return }
        for (i, role) in StyleRole.allCases.enumerated() {
            let s = theme.style(role)
            init_pair(Int16(i + 1), Self.curses(s.foreground), Self.curses(s.background))
        }
    }

    private static func curses(_ c: Theme.Color) -> Int16 {
        switch c {
        case .default: return -1
        case let .indexed(n): return Int16(min(n, Int(avail_colors()) - 1))
        }
    }

    public var size: (width: Int, height: Int) { (Int(avail_term_cols()), Int(avail_term_rows())) }

    /// Copies the buffer to the screen, one run of same-styled cells at a time,
    /// and only the rows that changed since the last paint: curses would send
    /// no bytes for an unchanged row anyway, but a row written again is one
    /// more thing for it to compare, and after a resize or `fg` everything is
    /// painted again (see `resize`, `suspend`). Then the terminal's cursor goes
    /// where the buffer says the focus is, shown, for screen readers and braille
    /// displays that follow it; hidden when nothing has the focus.
    public func draw(_ buffer: ScreenBuffer) {
        let rows = buffer.changedRows(since: painted)
        if painted?.width != buffer.width || painted?.height != buffer.height { erase() }
        let roles = StyleRole.allCases
        for y in rows {
            var x = 0
            while x < buffer.width {
                let first = buffer[x, y]
                var text = ""
                let startX = x
                while x < buffer.width, buffer[x, y].role == first.role, buffer[x, y].highlighted == first.highlighted {
                    text += buffer[x, y].text
                    x += 1
                }
                var attrs = Self.attributes(theme.style(first.role).attributes)
                if first.highlighted && first.role != .cursor { attrs |= avail_attr_bold() }
                let pair = useColor ? (roles.firstIndex(of: first.role) ?? 0) + 1 : 0
                avail_attrset(attrs, Int32(pair))
                // The bottom-right cell makes curses scroll; the one error there is harmless.
                _ = mvaddstr(Int32(y), Int32(startX), text)
            }
        }
        avail_attrset(avail_attr_normal(), 0)
        painted = buffer
        if let at = buffer.cursor, at.x >= 0, at.x < buffer.width, at.y >= 0, at.y < buffer.height {
            setCursorShown(true)
            _ = move(Int32(at.y), Int32(at.x))
        } else {
            setCursorShown(false)
        }
        refresh()
    }

    private func setCursorShown(_ shown: Bool) {
        guard shown != cursorShown else { return }
        cursorShown = shown
        curs_set(shown ? 1 : 0)
    }

    private static func attributes(_ a: Theme.Attributes) -> attr_t {
        var r = avail_attr_normal()
        if a.contains(.bold) { r |= avail_attr_bold() }
        if a.contains(.dim) { r |= avail_attr_dim() }
        if a.contains(.underline) { r |= avail_attr_underline() }
        if a.contains(.reverse) { r |= avail_attr_reverse() }
        if a.contains(.standout) { r |= avail_attr_standout() }
        return r
    }

    /// Every key waiting now (never blocks).
    public func readInput() -> [Input] {
        var inputs: [Input] = []
        while inputs.count < 256 {
            var value: Int32 = 0
            let r = avail_read_key(&value)
            if r == avail_err() { break }
            if r == avail_key_code_yes() {
                switch value {
                case KEY_RESIZE: inputs.append(.resize)
                case KEY_UP: inputs.append(.key(.up))
                case KEY_DOWN: inputs.append(.key(.down))
                case KEY_LEFT: inputs.append(.key(.left))
                case KEY_RIGHT: inputs.append(.key(.right))
                case KEY_PPAGE: inputs.append(.key(.pageUp))
                case KEY_NPAGE: inputs.append(.key(.pageDown))
                case KEY_HOME: inputs.append(.key(.home))
                case KEY_END: inputs.append(.key(.end))
                case KEY_BACKSPACE: inputs.append(.key(.backspace))
                case KEY_DC: inputs.append(.key(.delete))
                case KEY_ENTER: inputs.append(.key(.enter))
                default: break
                }
                continue
            }
            switch value {
            case 13, 10: inputs.append(.key(.enter))
            case 27: inputs.append(.key(.escape))
            case 9: inputs.append(.key(.tab))
            case 127, 8: inputs.append(.key(.backspace))
            case 1...26: inputs.append(.key(.ctrl(Character(UnicodeScalar(UInt8(value) + 96)))))
            default:
                if let scalar = UnicodeScalar(UInt32(bitPattern: value)), value >= 32 {
                    inputs.append(.key(.char(Character(scalar))))
                }
            }
        }
        return inputs
    }

    /// Re-reads the terminal size after a SIGWINCH that avail caught itself.
    public func resize() {
        avail_resize_from_tty()
        painted = nil
    }

    /// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
    ///
    /// The key arrives as a byte (raw mode), so avail stops itself. It must do
    /// so from this thread with SIGTSTP unblocked here: the planner runs on a
    /// Swift concurrency worker thread, and those threads block SIGTSTP, so a
    /// plain raise() stayed pending for ever and Ctrl-Z did nothing. With the
    /// default action and the signal unblocked, raise() stops the whole process
    /// before it returns, and returns after SIGCONT (`fg`, `bg`). SIGTSTP, not
    /// SIGSTOP: where there is no job control (an orphaned process group) the
    /// kernel drops it instead of leaving the planner stopped for good.
    public func suspend() {
        guard started else { return }
        curs_set(1)
        endwin()
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, SIGTSTP)
        var previousMask = sigset_t()
        var previousAction = sigaction()
        var defaultAction = sigaction()
        defaultAction.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&defaultAction.sa_mask)
        // ncurses may have its own SIGTSTP handler; the default action is what stops.
        sigaction(SIGTSTP, &defaultAction, &previousAction)
        pthread_sigmask(SIG_UNBLOCK, &only, &previousMask)
        raise(SIGTSTP)
        // Running again (after SIGCONT).
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        sigaction(SIGTSTP, &previousAction, nil)
        // Back into curses mode; repaint everything, the shell has drawn over it.
        avail_resume_after_stop()
        curs_set(cursorShown ? 1 : 0)
    }

    /// Writes the escape that puts text on the terminal's clipboard (OSC 52,
    /// `ClipboardSetting.escape`), after curses has flushed what it drew: the
    /// escape moves nothing on the screen, so curses' idea of it stays true.
    public func copyToClipboard(_ escape: [UInt8]) {
        guard started, !escape.isEmpty else { return }
        refresh()
        var offset = 0
        while offset < escape.count {
            let n = escape[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            offset += n
        }
    }

    /// Restores the terminal; safe to call more than once.
    public func end() {
        guard started else { return }
        started = false
        curs_set(1)
        endwin()
    }
}
