import Foundation
import Testing
@testable import Planner

/// The key table is the one source: the README's table, the key handling and
/// the help screen follow it, and a keys file changes all of them at once.
@Suite struct KeyTableTests {
    let layout = PlannerLayout(width: 80, height: 24)

    static var readme: String {
        get throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    @Test func everyActionIsInTheTableOnce() {
        #expect(KeyTable.rows.map(\.action).sorted { $0.rawValue < $1.rawValue } == PlannerAction.allCases.sorted { $0.rawValue < $1.rawValue })
        for action in PlannerAction.allCases { #expect(KeyBindings.defaults.keys(for: action) == action.row.keys) }
    }

    @Test func theREADMEsKeyTableIsTheTable() throws {
        let readme = try Self.readme
        let header = "| keys | action | name in the keys file |"
        let start = try #require(readme.range(of: header), "README.md has no key table starting \(header)")
        let table = readme[start.lowerBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("|") }.joined(separator: "\n")
        #expect(table == KeyTable.markdown, "README.md's key table differs from KeyTable.rows; it should read:\n\(KeyTable.markdown)")
    }

    @Test func theREADMEsExampleKeysFileIsClean() throws {
        let readme = try Self.readme
        let section = try #require(readme.range(of: "### Keys file"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        let example = String(rest[open.upperBound..<close.lowerBound])
        let (keys, problems) = KeysFile.parse(example, file: "README")
        #expect(problems.isEmpty, "\(problems)")
        #expect(keys.action(for: .char("f")) == .nextSlot && keys.action(for: .char("d")) == nil)
    }

    @Test func theHelpScreenShowsTheKeysInEffect() throws {
        var s = sampleState()
        (s.keyBindings, _) = KeysFile.parse("bind next-slot f\n", file: "keys")
        s.mode = .help
        let screen = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24)
        try assertGolden(screen, "help-80x24-keys-file")
        #expect(screen.lines.contains { $0.contains("f       next common free slot") })
        #expect(!screen.lines.contains { $0.contains("n       next common free slot") })
    }

    @Test func theHelpScreenMakesRoomForLongerKeys() {
        var s = sampleState()
        (s.keyBindings, _) = KeysFile.parse("bind next-window L PageDown Space\n", file: "keys")
        s.mode = .help
        let lines = PlannerRenderer.render(s, zone: utc, now: now, width: 80, height: 24).lines
        #expect(lines.contains { $0.contains("L PgDn Space next window (week)") })
        #expect(lines.contains { $0.contains("← h          previous time slot") })
    }

    @Test func theLegendLineShowsTheKeysInEffect() {
        var s = sampleState()
        (s.keyBindings, _) = KeysFile.parse("bind help F1\nbind help h\nbind left Left\nbind quit x\n", file: "keys")
        let line = PlannerRenderer.render(s, zone: utc, now: now, width: 160, height: 48).lines[47]
        #expect(line.contains("unknown  h help  x quit  a add  d del  n next free  L next week  +/- zoom  w hours"))
    }

    @Test func reboundKeysDriveTheGrid() {
        var s = sampleState()
        (s.keyBindings, _) = KeysFile.parse("bind next-slot f\nbind quit x\n", file: "keys")
        _ = s.handle(.down, zone: utc, now: now, layout: layout)
        _ = s.handle(.char("n"), zone: utc, now: now, layout: layout)
        #expect(s.statusMessage == "\"n\": no such key; ? lists them")
        _ = s.handle(.char("f"), zone: utc, now: now, layout: layout)
        #expect(s.statusMessage?.hasPrefix("free: 30m from here") == true)
        #expect(s.handle(.char("q"), zone: utc, now: now, layout: layout) == [])
        #expect(s.handle(.char("x"), zone: utc, now: now, layout: layout) == [.quit])
        // Ctrl-C quits whatever the file says.
        var t = sampleState()
        (t.keyBindings, _) = KeysFile.parse("unbind q\n", file: "keys")
        #expect(t.handle(.ctrl("c"), zone: utc, now: now, layout: layout) == [.quit])
    }
}
