import FreeBusy
import LocalTime

/// `y`: with a mark, the marked time as text; on a row, the free/busy request
/// that asks about it, as the curl script `--show-curl` prints (no password),
/// in a scrollable box and, where the clipboard is on, on the clipboard.
extension PlannerState {
    mutating func copyOrShowRequest(zone: DisplayZone) -> [PlannerEffect] {
        if let m = mark { return copyMark(m, zone: zone) }
        if isDemo { statusMessage = "demo: there is no request to show (no server is asked)"; return [] }
        guard !attendees.isEmpty else { statusMessage = "no attendees yet: a adds one"; return [] }
        // The "all" row's request asks everyone, as the planner does.
        let asked = cursorRow < attendees.count ? [attendees[cursorRow].address] : attendees.map(\.address)
        statusMessage = "writing the request as curl…"
        return [.showRequest(window, asked)]
    }

    mutating func receiveRequestScript(title: String, text: String) {
        // Only over the grid: a form or a dialog opened meanwhile keeps the screen.
        guard mode == .grid else { return }
        mode = .requestScript(ScriptPager(title: title, text: text))
        if text.utf8.count > ClipboardSetting.largestText {
            statusMessage = clipboard ? "too long for the clipboard (OSC 52): copy it from the screen" : nil
        } else {
            statusMessage = clipboard ? "the request is on the clipboard too" : nil
        }
    }

    /// j/k and the arrows scroll a line, PgUp/PgDn and Space a page, Home/End
    /// and g/G to the ends; q or Esc closes; other keys do nothing.
    mutating func handleScriptPager(_ key: PlannerKey, pager: ScriptPager, layout: PlannerLayout) -> [PlannerEffect] {
        var p = pager
        let page = max(1, ScriptPager.viewport(layout).height - 1)
        switch key {
        case .char("q"), .escape:
            mode = .grid
            return []
        case .char("j"), .down, .enter: p.top += 1
        case .char("k"), .up: p.top -= 1
        case .pageDown, .char(" "): p.top += page
        case .pageUp: p.top -= page
        case .home, .char("g"): p.top = 0
        case .end, .char("G"): p.top = Int.max / 2
        default: return []
        }
        mode = .requestScript(p.clamped(layout))
        return []
    }
}
