import TextUtilities
import Foundation
import Testing
import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
@testable import AvailCommands
import Scheduling

@Suite struct TerminalSafetyTests {
    @Test func controlCharactersAndEscapesBecomeHarmlessText() {
        #expect(TerminalText.clean("a\u{1B}]0;pwned\u{07}b\u{1B}[2Jc") == "a^[]0;pwned?b^[[2Jc")
        #expect(TerminalText.clean("x\u{9B}31my") == "x?31my") // C1 CSI
        #expect(TerminalText.clean("right\u{202E}left") == "right?left")
        #expect(TerminalText.line("two\nlines\tand tab") == "two lines and tab")
        #expect(TerminalText.clean("Zürich 東京 😀 e\u{301}") == "Zürich 東京 😀 e\u{301}")
    }

    @Test func oneLineFieldsAndExcerptsUseTheSameControls() {
        let hostile = "a\u{1B}[2J\nb\tc\u{9B}d\u{202E}e\u{7F}f"
        #expect(TerminalText.oneLine(hostile) == "a [2J b c d e f")
        #expect(TerminalText.oneLine(hostile, replacement: "?") == "a?[2J?b?c?d?e?f")
        #expect(hostile.excerpt == "\"a?[2J?b?c?d?e?f\"")
        #expect(TerminalText.oneLine("Zürich 東京 😀 e\u{301}") == "Zürich 東京 😀 e\u{301}")
        for v: UInt32 in [0, 0x1B, 0x7F, 0x85, 0x9F, 0x2028, 0x202E, 0x2066] {
            #expect(TerminalText.isControl(Unicode.Scalar(v)!), "\(v)")
        }
        #expect(!TerminalText.isControl("a") && !TerminalText.isControl("\u{A0}") && !TerminalText.isControl("é"))
    }

    @Test func queryTextPrintsHostileServerTextHarmlessly() throws {
        let window = TimeWindow(start: UTCInstant(year: 2026, month: 12, day: 7)!, end: UTCInstant(year: 2026, month: 12, day: 8)!)!
        let evil = RecipientResult(recipient: try CalendarUserAddress("bob@example.com"),
                                   status: RequestStatus(code: "3.8", text: "No \u{1B}[2Jauthority\u{1B}]0;pwned\u{07}"),
                                   busy: nil, problem: "server said \u{1B}[31mred")
        let outcome = FreeBusyOutcome(organizer: nil, window: window,
                                      rows: [FreeBusyAnswer(result: evil, source: .server, fetched: nil, stale: false, error: nil)],
                                      note: "note with \u{1B}[H", networkError: nil)
        let text = QueryOutput.text(outcome, zone: DisplayZone.named("UTC")!, now: window.start)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.contains("No ^[[2Jauthority^[]0;pwned?"))
        #expect(text.contains("note: note with ^[[H"))
    }

    @Test func aPasswordInAFileOthersCanReadIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("config").path
        try "url = http://h/\nuser = a\npassword = secret\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        do {
            _ = try Configuration.load(path: file, environment: [:])
            Issue.record("a world-readable password file was accepted")
        } catch {
            #expect(error.description.contains("chmod 600 \(file)"))
            #expect(!error.description.contains("secret"))
        }
        chmod(file, 0o600)
        #expect(try Configuration.load(path: file, environment: [:]).password == "secret")
        // password_command instead of a password: the mode does not matter.
        try "url = http://h/\nuser = a\npassword_command = echo x\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o644)
        #expect(try Configuration.load(path: file, environment: [:]).passwordCommand == "echo x")
    }
}
