import Testing
@testable import Planner

/// OSC 52: the escape's bytes, tmux's passthrough, and when it is off.
@Suite struct ClipboardSettingTests {
    @Test func base64IsRFC4648s() {
        // RFC 4648 §10 test vectors.
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(String(decoding: ClipboardSetting.base64(Array(plain.utf8)), as: UTF8.self) == encoded)
        }
    }

    @Test func theEscapeIsOSC52ToTheClipboard() {
        let text = "Tue 8 Dec 14:00–15:30 CET"
        let bytes = ClipboardSetting.osc52.escape(for: text)
        let expected = "\u{1B}]52;c;" + String(decoding: ClipboardSetting.base64(Array(text.utf8)), as: UTF8.self) + "\u{07}"
        #expect(bytes == Array(expected.utf8))
        #expect(String(decoding: ClipboardSetting.osc52.escape(for: "hi"), as: UTF8.self) == "\u{1B}]52;c;aGk=\u{07}")
        #expect(ClipboardSetting.off.escape(for: text).isEmpty)
    }

    @Test func aTextTooLongForTerminalsIsNotSent() {
        let long = String(repeating: "x", count: ClipboardSetting.largestText + 1)
        #expect(ClipboardSetting.osc52.escape(for: long).isEmpty)
        #expect(ClipboardSetting.osc52.escape(for: String(long.dropFirst())).count == 7 + 100_000 + 1)
    }

    @Test func tmuxsPassthroughDoublesEveryEscape() {
        let bytes = String(decoding: ClipboardSetting.tmuxPassthrough.escape(for: "hi"), as: UTF8.self)
        #expect(bytes == "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGk=\u{07}\u{1B}\\")
    }

    @Test func whereItIsOnAndOff() {
        #expect(ClipboardSetting.resolve(environment: nil, config: nil, term: "xterm-256color", accessible: false) == .osc52)
        #expect(ClipboardSetting.resolve(environment: nil, config: nil, term: "dumb", accessible: false) == .off)
        #expect(ClipboardSetting.resolve(environment: "osc52", config: nil, term: "linux", accessible: false) == .off)
        #expect(ClipboardSetting.resolve(environment: nil, config: nil, term: nil, accessible: false) == .off)
        #expect(ClipboardSetting.resolve(environment: nil, config: "off", term: "xterm", accessible: false) == .off)
        #expect(ClipboardSetting.resolve(environment: "osc52", config: "off", term: "xterm", accessible: false) == .osc52)
        #expect(ClipboardSetting.resolve(environment: nil, config: "tmux-passthrough", term: "tmux-256color", accessible: false) == .tmuxPassthrough)
        // The accessible mode: off unless asked for.
        #expect(ClipboardSetting.resolve(environment: nil, config: nil, term: "xterm", accessible: true) == .off)
        #expect(ClipboardSetting.resolve(environment: nil, config: "osc52", term: "xterm", accessible: true) == .osc52)
    }
}
