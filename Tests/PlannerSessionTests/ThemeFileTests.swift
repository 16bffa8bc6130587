import Foundation
import Testing
import Planner
import PlannerSession
#if canImport(Glibc)
import Glibc
#endif

/// Theme files are read through OutsideFile like every file from outside: a
/// FIFO or another user's file in a theme's place is set aside with one problem
/// line, never waited on or used.
@Suite struct ThemeFileTests {
    func configHome() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/avail/themes", withIntermediateDirectories: true)
        return dir
    }

    @Test func aFIFOInPlaceOfAThemeIsSetAsideAtOnce() throws {
        let home = try configHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(mkfifo(home + "/avail/themes/night", 0o600) == 0)
        let (theme, problems) = Theme.load(named: "night", environment: ["XDG_CONFIG_HOME": home], home: "/nonexistent")
        #expect(theme.name == "default")
        #expect(problems.map(\.message) == ["cannot read it: it is a FIFO, not a regular file; using default"])
    }

    @Test func anotherUsersThemeIsNotUsed() throws {
        let home = try configHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "color cursor white blue bold\n".write(toFile: home + "/avail/themes/light", atomically: false, encoding: .utf8)
        #expect(chown(home + "/avail/themes/light", 65_534, 65_534) == 0)
        let (theme, problems) = Theme.load(named: "light", environment: ["XDG_CONFIG_HOME": home], home: "/nonexistent")
        #expect(theme.name == "light") // the built-in one
        #expect(problems.first?.message.hasPrefix("cannot read it: it belongs to ") == true)
        #expect(problems.first?.message.hasSuffix("not to you; using the built-in light") == true)
    }
}
