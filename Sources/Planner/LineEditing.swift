/// The editing keys every one-line field shares (prompts and the booking form).
enum LineEditing {
    /// Backspace, Delete, ← →, Home/^A, End/^E, ^U and typed characters (up to
    /// `limit`); other keys change nothing.
    ///
    /// A field that has just been given focus with a value in it (the
    /// meeting's length, say) has that value `selected`, as form fields do
    /// elsewhere: the first character typed replaces it, Backspace or Delete
    /// clears it, and a movement key keeps it and starts editing it.
    static func apply(_ key: PlannerKey, to chars: inout [Character], cursor: inout Int, selected: inout Bool, limit: Int) {
        if selected {
            selected = false
            switch key {
            case .char(let c) where !c.isTerminalControl:
                chars.removeAll()
                cursor = 0
            case .backspace, .delete:
                chars.removeAll()
                cursor = 0
                return
            default:
                break
            }
        }
        apply(key, to: &chars, cursor: &cursor, limit: limit)
    }

    static func apply(_ key: PlannerKey, to chars: inout [Character], cursor: inout Int, limit: Int) {
        switch key {
        case .backspace:
            if cursor > 0 { chars.remove(at: cursor - 1); cursor -= 1 }
        case .delete:
            if cursor < chars.count { chars.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = chars.count
        case .ctrl("u"): chars.removeAll(); cursor = 0
        case let .char(c):
            guard !c.isTerminalControl, chars.count < limit else { break }
            chars.insert(c, at: cursor)
            cursor += 1
        default:
            break
        }
    }
}
