import Foundation
import Testing
@testable import Planner

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    @Test func everyThemeFileParsesCleanlyAndCoversEveryRole() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path).sorted()
        #expect(files.contains("default") && files.contains("mono") && files.contains("light"))
        for file in files {
            let text = try String(contentsOf: Self.themesDirectory.appendingPathComponent(file), encoding: .utf8)
            let (theme, problems) = Theme.parse(text, name: file, file: file)
            #expect(problems.isEmpty, "\(problems)")
            for role in StyleRole.allCases { #expect(theme.styles[role] != nil, "\(file) has no \(role.rawValue)") }
            if let builtIn = Theme.builtIn[file] { #expect(builtIn == text, "themes/\(file) and the built-in copy differ") }
        }
    }

    @Test func badLinesAreReportedAndTheRestLoads() {
        let (theme, problems) = Theme.parse("busy = white red bold\nbsy = red red\nfree = green\nfree = purple default\ncursor = black yellow blink\nnonsense\nunknown = default default dim # trailing comment\n", name: "t", file: "t")
        #expect(theme.style(.busy) == Theme.Style(.indexed(7), .indexed(1), .bold))
        #expect(theme.style(.unknown).attributes == .dim)
        #expect(problems.map(\.line) == [2, 3, 4, 5, 6])
        #expect(problems[0].description.hasPrefix("t:2: unknown role `bsy`"))
        #expect(problems[2].message == "unknown colour `purple`")
    }
}
