import Foundation
import Testing
@testable import AvailCommands

/// `--ics-out`: a new file, never through a link, an existing one only
/// replaced when asked, and every refusal said before the server is changed.
@Suite struct ICSOutFileTests {
    let directory: String
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("avail-icsout-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    @Test func aNewFileIsWrittenReadableByOthers() throws {
        defer { remove() }
        let file = ICSOutFile(path: directory + "/invite.ics", replace: false)
        try file.check()
        try file.write("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o777 } == 0o644 & ~Int(umaskValue()))
    }

    @Test func anExistingFileIsRefusedUnlessReplacing() throws {
        defer { remove() }
        let path = directory + "/old.ics"
        try "keep me".write(toFile: path, atomically: false, encoding: .utf8)
        let refusal = #expect(throws: CommandFailure.self) { try ICSOutFile(path: path, replace: false).check() }
        #expect(refusal?.code == 2 && refusal?.message.contains("exists; give another name, or --replace-ics-out to replace it") == true)
        #expect(throws: CommandFailure.self) { try ICSOutFile(path: path, replace: false).write("new") }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        try ICSOutFile(path: path, replace: true).check()
        try ICSOutFile(path: path, replace: true).write("new")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    }

    /// `--force` (book or move onto a conflict) no longer replaces the file:
    /// only `--replace-ics-out` does, and it makes no sense alone.
    @Test func onlyReplaceICSOutReplaces() throws {
        let spec = CommandSpec(name: "t", abstract: "", options: MeetingChangeCommand.outputOptions + [.flag("force", "")])
        func parsed(_ args: [String]) throws -> ICSOutFile? {
            try ICSOutFile.from(try #require(try CommandLineParser.parse(args, spec: spec)))
        }
        #expect(try parsed(["--ics-out", "x.ics", "--force"])?.replace == false)
        #expect(try parsed(["--ics-out", "x.ics", "--replace-ics-out"])?.replace == true)
        #expect(try parsed(["--force"]) == nil)
        let alone = #expect(throws: CommandFailure.self) { try parsed(["--replace-ics-out"]) }
        #expect(alone?.code == 2 && alone?.message.contains("--replace-ics-out goes with --ics-out FILE") == true)
        for command in [CancelCommand.spec, InviteCommand.spec, UninviteCommand.spec] {
            #expect(!command.options.contains { $0.name == "force" }, "\(command.name) still takes --force")
            #expect(command.options.contains { $0.name == "replace-ics-out" }, "\(command.name)")
        }
        for command in [BookCommand.spec, MoveCommand.spec] {
            #expect(command.options.contains { $0.name == "replace-ics-out" } && command.options.contains { $0.name == "force" }, "\(command.name)")
            #expect(command.options.first { $0.name == "force" }?.help.contains("ics-out") == false, "\(command.name)")
        }
    }

    @Test func aSymbolicLinkIsNeverFollowed() throws {
        defer { remove() }
        let target = directory + "/target", link = directory + "/link.ics"
        try "target".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(throws: CommandFailure.self) { try ICSOutFile(path: link, replace: true).check() }
        let failure = #expect(throws: CommandFailure.self) { try ICSOutFile(path: link, replace: true).write("overwritten") }
        #expect(failure?.code == CommandFailure.outputFailed)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "target")
    }

    @Test func aDirectoryThatIsMissingIsSaidFirst() {
        defer { remove() }
        #expect(throws: CommandFailure.self) { try ICSOutFile(path: directory + "/no/such/dir/x.ics", replace: false).check() }
    }

    func umaskValue() -> mode_t {
        let old = umask(0)
        umask(old)
        return old
    }
}
