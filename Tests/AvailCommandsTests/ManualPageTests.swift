import Foundation
import Planner
import Testing
@testable import AvailCommands

/// avail(1) and avail-config(5) say what the program does: every command and
/// option of the specification, every config key, theme role and key action,
/// the README's exit codes, every environment variable the sources read; and
/// groff renders them without a warning.
@Suite struct ManualPageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyCommandAndOptionIsInAvail1() {
        let page = ManualPage.avail
        for c in AvailMain.commands {
            #expect(page.contains(".SS \"avail \(Roff.escaped(c.spec.name))"), "avail \(c.spec.name)")
            for o in c.spec.options {
                #expect(page.contains(ManualPage.optionTag(o)), "avail \(c.spec.name) --\(o.name)")
            }
        }
        #expect(page.contains("\\fB\\-\\-from\\fR \\fIdate\\fR"))
    }

    @Test func everyConfigKeyIsInAvailConfig5() {
        #expect(ConfigurationKeyHelp.table.map(\.key).sorted() == Configuration.knownKeys.sorted())
        let page = ManualPage.config
        for key in Configuration.knownKeys {
            #expect(page.contains(".TP\n\\fB\(Roff.escaped(key))\\fR = "), "\(key)")
        }
    }

    @Test func everyThemeRoleAndKeyActionIsInAvailConfig5() {
        let page = ManualPage.config
        for role in StyleRole.allCases { #expect(page.contains(Roff.escaped(role.rawValue)), "\(role)") }
        for row in KeyTable.rows { #expect(page.contains("\\fB\(Roff.escaped(row.action.rawValue))\\fR"), "\(row.action)") }
        for name in Theme.builtIn.keys { #expect(page.contains(name)) }
    }

    /// The README's table under "Exit codes" and the man page's EXIT STATUS
    /// are the same list.
    @Test func exitCodesAreTheReadmes() throws {
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Exit codes") })
        var rows: [(Int32, String)] = []
        for line in lines[(start + 1)...] {
            if line.isEmpty, !rows.isEmpty { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 4, let code = Int32(cells[1]) else { continue }
            rows.append((code, cells[2]))
        }
        #expect(rows.map(\.0) == ExitStatus.table.map(\.code))
        #expect(rows.map(\.1) == ExitStatus.table.map(\.meaning))
        let page = ManualPage.avail
        for (code, meaning) in ExitStatus.table {
            #expect(page.contains(".TP\n\\fB\(code)\\fR\n\(Roff.escaped(ManualPage.plain(meaning)))"), "\(code)")
        }
    }

    /// The root `--help` names every exit code the man page and the README
    /// list (1 included), in the same order, and nothing else.
    @Test func theRootHelpListsEveryExitCode() throws {
        #expect(ExitStatus.briefly.map(\.code) == ExitStatus.table.map(\.code))
        let help = AvailMain.rootHelp
        let start = try #require(help.range(of: "Exit codes: "))
        let paragraph = String(help[start.lowerBound...]).components(separatedBy: "\n\n")[0].replacingOccurrences(of: "\n", with: " ")
        for (code, meaning) in ExitStatus.briefly {
            #expect(paragraph.contains("\(code) \(meaning)"), "\(code) missing from the root help: \(paragraph)")
        }
        let listed = paragraph.dropFirst("Exit codes: ".count).components(separatedBy: ", ").compactMap { Int32($0.split(separator: " ").first ?? "") }
        #expect(listed == ExitStatus.table.map(\.code), "\(paragraph)")
        #expect(ExitStatus.helpParagraph().split(separator: "\n").allSatisfy { $0.count <= 84 })
    }

    /// Every `environment["X"]`, `env["X"]` and `getenv("X")` in Sources/ is
    /// in ENVIRONMENT (the bench's own switches aside).
    @Test func everyEnvironmentVariableReadIsDocumented() throws {
        let sources = Self.repository.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") || $0.hasSuffix(".h") }
        let pattern = try NSRegularExpression(pattern: #"(?:env|environment)\["([A-Z_]+)"\]|getenv\("([A-Z_]+)"\)"#)
        var read: Set<String> = []
        for f in files {
            let text = try String(contentsOf: sources.appendingPathComponent(f), encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                for g in 1...2 {
                    if let r = Range(m.range(at: g), in: text) { read.insert(String(text[r])) }
                }
            }
        }
        #expect(read.count >= 8, "found \(read.sorted())")
        let documented = Set(ManualPage.environment.map(\.name))
        for name in read.sorted() where !name.hasPrefix("AVAIL_BENCH") && name != "AVAIL_FUZZ" {
            #expect(documented.contains(name), "\(name) is read but not in avail(1)")
        }
    }

    @Test func roffEscapesWhatGroffWouldReadAsMarkup() {
        #expect(Roff.escaped("--from") == "\\-\\-from")
        #expect(Roff.escaped("a\\b") == "a\\eb")
        #expect(Roff.escaped(".hidden") == "\\&.hidden")
        #expect(Roff.escaped("'quote") == "\\&'quote")
        #expect(Roff.escaped("10:30–11:00 █") == "10:30\\[u2013]11:00 \\[u2588]")
    }

    /// `groff -man -ww` renders both pages without one warning.
    @Test(arguments: ["1", "5"])
    func groffRendersWithoutWarnings(section: String) throws {
        let page = section == "1" ? ManualPage.avail : ManualPage.config
        let groff = ["/usr/bin/groff", "/bin/groff"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = try #require(groff, "groff is not installed: `make deps` installs it")
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("avail-man-\(UUID().uuidString).\(section)")
        try page.write(to: input, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["-man", "-ww", "-Tutf8", "-z", input.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let warnings = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(warnings == "", "groff: \(warnings)")
    }
}
