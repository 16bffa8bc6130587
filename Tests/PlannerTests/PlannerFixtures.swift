import Foundation
import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> UTCInstant {
    UTCInstant(year: 2026, month: 12, day: day, hour: hour, minute: minute)!
}

let utc = DisplayZone.named("UTC")!
let now = at(7, 8)

/// A week with every kind of row: answers (2.0 with each busy type), 3.7, 3.8,
/// one still pending and one whose request failed.
func sampleState(glyphs: GlyphSet = .unicode) -> PlannerState {
    var s = PlannerState(windowStart: at(7, 0), accountLabel: "alice@127.0.0.1")
    s.glyphs = glyphs
    let names = ["bob@example.com", "carol@example.com", "dave@example.com", "nobody@example.com", "erin@example.com", "frank@example.com"]
    s.attendees = names.map { AttendeeRow(address: try! CalendarUserAddress($0)) }
    let window = s.window
    let fbWindow = TimeWindow(start: at(7, 0), end: at(14, 0))!
    let result = FreeBusyResult(organizer: try! CalendarUserAddress("alice@example.com"), window: fbWindow, recipients: [
        RecipientResult(recipient: s.attendees[0].address, status: RequestStatus(parsing: "2.0;Success"), busy: [
            BusyPeriod(start: at(7, 8), end: at(7, 8, 30)),
            BusyPeriod(start: at(7, 9), end: at(7, 10)),
            BusyPeriod(start: at(7, 11), end: at(7, 12), type: .busyTentative),
            BusyPeriod(start: at(8, 14), end: at(8, 15)),
            BusyPeriod(start: at(10, 0), end: at(11, 0)),
        ]),
        RecipientResult(recipient: s.attendees[1].address, status: RequestStatus(parsing: "2.0"), busy: [
            BusyPeriod(start: at(7, 9, 30), end: at(7, 10, 30), type: .busyUnavailable),
            BusyPeriod(start: at(8, 10), end: at(8, 12)),
        ]),
        RecipientResult(recipient: s.attendees[2].address, status: RequestStatus(parsing: "3.8;No authority"), busy: nil),
        RecipientResult(recipient: s.attendees[3].address, status: RequestStatus(parsing: "3.7;Invalid Calendar User"), busy: nil),
    ])
    s.receive(.answers(window, result.recipients.map { FreeBusyAnswer(result: $0, source: .server, fetched: at(7, 7, 59)) },
                       organizer: result.organizer.displayString, final: true, at: at(7, 7, 59)))
    s.attendees[4].answers[window] = nil // erin: still pending
    s.attendees[5].answers[window] = .failed("cannot connect to http://127.0.0.1:9/")
    s.organizer = "alice@example.com"
    return s
}

/// Compares a screen with `Goldens/<name>.txt`; `AVAIL_RECORD_GOLDENS=1` writes it instead.
func assertGolden(_ screen: ScreenBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    let file = dir.appendingPathComponent(name + ".txt")
    let text = screen.lines.map { line in
        var l = line
        while l.hasSuffix(" ") { l.removeLast() }
        return l
    }.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["AVAIL_RECORD_GOLDENS"] == "1" {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("no golden \(file.path); run with AVAIL_RECORD_GOLDENS=1 and review it", sourceLocation: sourceLocation)
        return
    }
    if expected != text {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = text.split(separator: "\n", omittingEmptySubsequences: false)
        var diff = ""
        for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : "") != (i < a.count ? a[i] : "") {
            diff += "line \(i + 1):\n- \(i < e.count ? e[i] : "")\n+ \(i < a.count ? a[i] : "")\n"
        }
        Issue.record("screen differs from \(name).txt:\n\(diff)", sourceLocation: sourceLocation)
    }
}
