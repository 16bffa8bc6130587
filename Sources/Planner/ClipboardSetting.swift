/// How the planner's `y` reaches the clipboard: through the terminal with an
/// OSC 52 escape (xterm's "manipulate selection data"; kitty, foot, WezTerm,
/// iTerm2, Windows Terminal and tmux ≥3.3 with `set-clipboard on` take it), the
/// same wrapped in tmux's passthrough (for a tmux that does not take OSC 52
/// itself but has `allow-passthrough on`), or not at all.
public enum ClipboardSetting: String, CaseIterable, Sendable {
    case osc52
    case tmuxPassthrough = "tmux-passthrough"
    case off

    /// Where the setting comes from, strongest first: AVAIL_CLIPBOARD, the
    /// config's `clipboard`; else OSC 52. It is then off where it cannot work
    /// or was not asked for: a terminal without escapes (TERM dumb, or the
    /// Linux console, which has no clipboard), and the accessible mode unless
    /// set explicitly (a screen reader may read an unknown escape out).
    public static func resolve(environment: String?, config: String?, term: String?, accessible: Bool) -> ClipboardSetting {
        let explicit = [environment, config].compactMap { $0 }.first { !$0.isEmpty }.flatMap { ClipboardSetting(rawValue: $0.lowercased()) }
        if term == "dumb" || term == "linux" || (term ?? "").isEmpty { return .off }
        if let explicit { return explicit }
        return accessible ? .off : .osc52
    }

    /// The longest text sent: its base64 is 100 000 bytes, the most several
    /// terminals take in one OSC 52 (hterm, and xterm-likes that cap it).
    public static let largestText = 75_000

    /// The bytes that put `text` on the clipboard: ESC ] 52 ; c ; base64 BEL
    /// (`c`: the clipboard selection). In tmux's passthrough, ESC P tmux; …
    /// ESC \ with every ESC inside doubled. Empty when off, or for a text over `largestText`.
    public func escape(for text: String) -> [UInt8] {
        guard self != .off, text.utf8.count <= Self.largestText else { return [] }
        let osc = Array("\u{1B}]52;c;".utf8) + Self.base64(Array(text.utf8)) + [0x07]
        switch self {
        case .off: return []
        case .osc52: return osc
        case .tmuxPassthrough:
            return Array("\u{1B}Ptmux;".utf8) + osc.flatMap { $0 == 0x1B ? [0x1B, 0x1B] : [$0] } + Array("\u{1B}\\".utf8)
        }
    }

    /// RFC 4648 §4 base64, padded.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return out
    }
}
