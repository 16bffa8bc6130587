import Foundation
import Testing
@testable import AvailCommands
import FreeBusy
import HTTPClient
import ICalendar
import Scheduling

/// `avail publish`'s options and its file output: where it writes, the
/// one-line refusals, and a file replaced whole, never through a link, a
/// FIFO or a device.
@Suite struct PublishCommandTests {
    func command(_ args: [String]) throws(CommandFailure) -> PublishCommand {
        guard let a = try CommandLineParser.parse(args, spec: PublishCommand.spec) else {
            throw CommandFailure(message: "help", code: 0)
        }
        return try PublishCommand(a)
    }

    func refusal(_ args: [String]) -> CommandFailure? {
        do { let c = try command(args); try c.validate(); return nil } catch { return error }
    }

    @Test func defaultsAreEightWeeksOfIcsOnStandardOutput() throws {
        let c = try command([])
        #expect(c.days == 56 && c.format == .ics && c.destination == .standardOutput && c.from == nil)
        #expect(try command(["--to", "-"]).destination == .standardOutput)
        #expect(try command(["--days", "7", "--from", "2026-12-07"]).days == 7)
    }

    @Test func theDestinationIsAURLOrAFile() throws {
        #expect(try command(["--to", "https://cal.example.com/dav/alice/public/fb.ics"]).destination
                == .url(try #require(HTTPURL(string: "https://cal.example.com/dav/alice/public/fb.ics"))))
        #expect(try command(["--to", "HTTP://cal.example.com/fb.ics"]).destination != .standardOutput)
        #expect(try command(["--to", "out/fb.ics"]).destination == .file(PublishFile(path: "out/fb.ics")))
        #expect(try command(["--to", "fb:2026.ics"]).destination == .file(PublishFile(path: "fb:2026.ics")))
    }

    @Test func mistakesAreOneUsageLine() {
        let cases: [([String], String)] = [
            (["--days", "0"], "--days must be between 1 and 366"),
            (["--days", "367"], "--days must be between 1 and 366"),
            (["--days", "many"], "--days \"many\" is not a whole number"),
            (["--format", "xml"], "--format must be one of ics, json, not \"xml\""),
            (["--to", ""], "--to needs a file name, - or an http(s) URL"),
            (["--to", "ftp://files.example.com/fb.ics"], "--to \"ftp://files.example.com/fb.ics\" is not an http(s) URL; give an http:// or https:// URL, a file name or -"),
            (["--to", "https://cal.example.com/fb.ics", "--format", "json"],
             "--format json is for reading, not for publishing to a URL; use ics (the default) with --to URL"),
        ]
        for (args, message) in cases {
            let r = refusal(args)
            #expect(r?.code == 2 && r?.isUsage == true, "\(args)")
            #expect(r?.message == message, "\(args)")
        }
        #expect(refusal(["--to"])?.message == "--to needs a value (<file>)")
        #expect(refusal(["bob@example.com"])?.code == 2, "publish takes no attendees")
    }

    @Test func theHelpFormatsAreTheOnesAccepted() throws {
        let format = try #require(PublishCommand.spec.options.first { $0.name == "format" })
        #expect(OptionSpec.listedChoices(in: format.help, after: "Output format:") == PublishCommand.Format.allCases.map(\.rawValue))
    }

    @Test func jsonListsThePeriodsAndWhatWasLeftOut() throws {
        func at(_ h: Int, day: Int = 7) throws -> UTCInstant { try #require(UTCInstant(year: 2026, month: 12, day: day, hour: h)) }
        let window = try #require(TimeWindow(start: try at(0), end: try at(0, day: 8)))
        let busy = [BusyPeriod(start: try at(9), end: try at(10), type: .busyTentative)]
        let p = FreeBusyPublication(organizer: CalendarUserAddress(uncheckedURI: "mailto:alice@example.com"), window: window,
                                    periods: busy, timestamp: try at(0))
        let json = PublishCommand.json(p, setAside: [.init(resource: "http://cal.example/a.ics", uid: nil, reason: "bad")]).serialized(pretty: false)
        #expect(json == #"{"organizer":"mailto:alice@example.com","start":"2026-12-07T00:00:00Z","end":"2026-12-08T00:00:00Z","busy":[{"start":"2026-12-07T09:00:00Z","end":"2026-12-07T10:00:00Z","type":"BUSY-TENTATIVE"}],"set_aside":[{"resource":"http://cal.example/a.ics","uid":null,"reason":"bad"}]}"#)
    }

    @Test func aSetAsideEventIsNamedWithWhereItIs() {
        let line = PublishCommand.setAsideLine(.init(resource: "http://cal.example/alice/home/x.ics", uid: "weekly-1",
                                                     reason: "RRULE FREQ=SECONDLY is not supported"))
        #expect(line == "event weekly-1 in http://cal.example/alice/home/x.ics left out of the published busy time: RRULE FREQ=SECONDLY is not supported")
    }
}

@Suite struct PublishFileTests {
    let directory: String
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("avail-publish-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }
    }

    @Test func aFileIsCreatedThenReplacedWholeAndReadableByOthers() throws {
        defer { remove() }
        let file = PublishFile(path: directory + "/fb.ics")
        try file.check()
        try file.write("first\r\n")
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "first\r\n")
        try file.check()
        try file.write("second\r\n")
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "second\r\n")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o777 } == 0o644)
        #expect(try leftovers().isEmpty, "no temporary file is left behind")
    }

    @Test func aSymbolicLinkPlantedAtTheTargetIsRefusedAndNotFollowed() throws {
        defer { remove() }
        let victim = directory + "/victim"
        try "keep me".write(toFile: victim, atomically: false, encoding: .utf8)
        let path = directory + "/fb.ics"
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim)
        let file = PublishFile(path: path)
        let checked = #expect(throws: CommandFailure.self) { try file.check() }
        #expect(checked?.code == 2)
        #expect(checked?.message == "--to \(path) is a symbolic link; avail does not write through one (give the file it points to)")
        // Planted after the check: the write's own check still refuses it.
        let written = #expect(throws: CommandFailure.self) { try file.write("new") }
        #expect(written?.message.contains("is a symbolic link") == true)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path) == victim)
        #expect(try leftovers().isEmpty)
    }

    @Test func aFIFOIsRefusedWithoutOpeningIt() throws {
        defer { remove() }
        let path = directory + "/fifo"
        #expect(mkfifo(path, 0o600) == 0)
        // Opening a FIFO for writing would block with no reader: a hang here is the failure.
        let refused = #expect(throws: CommandFailure.self) { try PublishFile(path: path).check() }
        #expect(refused?.message == "--to \(path) exists and is not a regular file (a FIFO, socket or device); nothing was written")
        #expect(throws: CommandFailure.self) { try PublishFile(path: path).write("x") }
        var st = stat()
        #expect(lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO, "the FIFO is still there")
        #expect(try leftovers().isEmpty)
    }

    @Test func aDeviceAndADirectoryAreRefused() {
        defer { remove() }
        #expect((#expect(throws: CommandFailure.self) { try PublishFile(path: "/dev/null").check() })?.message
                == "--to /dev/null exists and is not a regular file (a FIFO, socket or device); nothing was written")
        #expect((#expect(throws: CommandFailure.self) { try PublishFile(path: directory).check() })?.message
                == "--to \(directory) is a directory; give a file name in it")
    }

    @Test func aDirectoryThatCannotBeWrittenFailsBeforeTheServerIsAsked() throws {
        defer { remove() }
        let refused = #expect(throws: CommandFailure.self) { try PublishFile(path: directory + "/missing/fb.ics").check() }
        #expect(refused?.code == 2)
        #expect(refused?.message.hasPrefix("--to \(directory)/missing/fb.ics: cannot write in \(directory)/missing:") == true)
    }
}
