import Foundation
import Testing
import FreeBusy
import ICalendar
import WebDAV
@testable import CalDAVClient

/// Every answer in Tests/CalDAVClientTests/Hostile (made by make-corpus.py)
/// gives what expected.tsv says: the right per-recipient result, or an error
/// that `avail query` turns into one line and exit 6. Never a crash or a hang.
@Suite struct HostileCorpusTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Hostile")
    let week = TimeWindow(start: UTCInstant(year: 2026, month: 12, day: 7)!, end: UTCInstant(year: 2026, month: 12, day: 12)!)!
    let attendees = [try! CalendarUserAddress("bob@example.com"), try! CalendarUserAddress("dave@example.com")]

    static func cases() throws -> [(String, String)] {
        let text = try String(contentsOf: directory.appendingPathComponent("expected.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let parts = $0.split(separator: "\t", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    func check(_ bytes: [UInt8], expectation: String, name: String) {
        let parsed: ScheduleResponse
        do {
            parsed = try ScheduleResponse.parse(bytes)
        } catch {
            #expect(expectation == "error", "\(name): unexpected error \(error)")
            #expect(!error.description.contains("\n"), "\(name): the message is not one line")
            return
        }
        #expect(expectation != "error", "\(name): accepted, but it should have been refused")
        let results = parsed.recipientResults(for: attendees, window: week)
        for (r, spec) in zip(results, expectation.split(separator: " ")) {
            let value = spec.split(separator: "=", maxSplits: 1)[1]
            if let plus = value.firstIndex(of: "+") {
                #expect(r.status.code == String(value[value.startIndex..<plus]), "\(name) \(spec): status \(r.status)")
                #expect(r.busy?.count == Int(value[value.index(after: plus)...]), "\(name) \(spec): busy \(String(describing: r.busy))")
            } else {
                #expect(r.status.code == String(value.dropLast()), "\(name) \(spec): status \(r.status)")
                #expect(r.busy == nil, "\(name) \(spec): busy time should be unknown, got \(String(describing: r.busy))")
            }
        }
    }

    @Test func everyFileGivesItsExpectedOutcome() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 50)
        for (name, expectation) in cases {
            let bytes = Array(try Data(contentsOf: Self.directory.appendingPathComponent(name)))
            check(bytes, expectation: expectation, name: name)
        }
    }

    /// Sizes that do not belong in the repository, made here.
    @Test func thousandsOfPeriodsAndMegabyteLines() {
        let periods = (0..<10_000).map { i -> String in
            let start = UTCInstant(year: 2026, month: 12, day: 7)!.adding(seconds: Int64(i) * 40)
            return start.iCalendarString + "/PT20S"
        }.joined(separator: ",")
        let data = "BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\nFREEBUSY:\(periods)\r\nX-JUNK:\(String(repeating: "x", count: 1 << 20))\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n"
        let xml = "<C:schedule-response xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><C:response><C:recipient><D:href>mailto:bob@example.com</D:href></C:recipient><C:request-status>2.0</C:request-status><C:calendar-data>\(data)</C:calendar-data></C:response></C:schedule-response>"
        check(Array(xml.utf8), expectation: "bob=2.0+10000 dave=?-", name: "10000 periods on one line and a 1 MiB line")
    }
}
