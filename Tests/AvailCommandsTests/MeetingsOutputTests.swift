import Foundation
import Testing
import FreeBusy
import LocalTime
import Meetings
@testable import AvailCommands

/// `avail meetings` output from DAViCal's stored copy (bob accepted, two
/// addresses it could not deliver to).
@Suite struct MeetingsOutputTests {
    func list(_ change: (String) -> String = { $0 }, expand: ((CalendarObject) -> [SeriesOccurrence]?)? = nil) throws -> MeetingList {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("MeetingsTests/Fixtures/davical-organizer-copy.ics")
        let text = change(String(decoding: try Data(contentsOf: url), as: UTF8.self))
        return MeetingList(objects: [.init(resource: "http://dav.example/alice/calendar/fixture-4652.ics", etag: "\"e1\"", text: text)],
                           inbox: [], organizer: [CalendarUserAddress(uncheckedURI: "mailto:alice@example.com")], occurrences: expand)
    }

    @Test func textInTheDisplayZone() throws {
        let zone = try #require(DisplayZone.named("Europe/Berlin"))
        #expect(MeetingsCommand.text(try list(), zone: zone) == """
            Wed 2031-03-05 10:00–11:00 CET  Fixture, two
              1 of 4 accepted, 2 not delivered   uid fixture-4652
              bob@example.com     accepted       delivered
              carol@example.com   no answer yet  delivered
              nobody@example.com  no answer yet  not delivered: unknown calendar user (3.7)
              dave@example.com    no answer yet  not delivered: no authority to schedule them (3.8)

            """)
        let series = try list { $0.replacingOccurrences(of: "SEQUENCE:0", with: "SEQUENCE:0\r\nRRULE:FREQ=WEEKLY") }
        #expect(MeetingsCommand.text(series, zone: zone).hasPrefix("Wed 2031-03-05 10:00–11:00 CET  Fixture, two  (repeats weekly; first occurrence shown)\n"))
        // Expanded (as `avail meetings` reads it): each occurrence, saying how the series repeats.
        let weekly = try list({ $0.replacingOccurrences(of: "SEQUENCE:0", with: "SEQUENCE:0\r\nRRULE:FREQ=WEEKLY;INTERVAL=2") }, expand: { object in
            let first = try? Meeting(object)
            return first.map { m in (0..<2).compactMap { (k: Int64) -> SeriesOccurrence? in
                let shift = k * 14 * 86_400
                return TimeSpan(start: m.start.adding(seconds: shift), end: m.end.adding(seconds: shift))
                    .map { SeriesOccurrence(span: $0, recurrenceID: m.start.adding(seconds: shift), event: object.event) }
            } }
        })
        let text = MeetingsCommand.text(weekly, zone: zone)
        #expect(text.contains("Wed 2031-03-05 10:00–11:00 CET  Fixture, two  (repeats every 2 weeks)\n"), "\(text)")
        #expect(text.contains("Wed 2031-03-19 10:00–11:00 CET  Fixture, two  (repeats every 2 weeks)\n"), "\(text)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(MeetingsCommand.json(weekly).serialized().utf8)) as? [[String: Any]])
        #expect(json.map { $0["recurrence_id"] as? String } == ["2031-03-05T09:00:00Z", "2031-03-19T09:00:00Z"])
        #expect(json.allSatisfy { $0["repeats"] as? String == "every 2 weeks" && $0["recurring"] as? Bool == true })
        let empty = MeetingList(objects: [], inbox: [], organizer: [])
        #expect(MeetingsCommand.text(empty, zone: zone) == "No meetings organised by you in this window.\n")
    }

    @Test func json() throws {
        let out = MeetingsCommand.json(try list()).serialized()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        let m = try #require(parsed.first)
        #expect(m["uid"] as? String == "fixture-4652" && m["start"] as? String == "2031-03-05T09:00:00Z")
        #expect(m["recurring"] as? Bool == false && m["all_day"] as? Bool == false)
        #expect(m["replies"] as? String == "1 of 4 accepted, 2 not delivered" && m["etag"] as? String == "\"e1\"")
        let counts = try #require(m["counts"] as? [String: Int])
        #expect(counts == ["invited": 4, "accepted": 1, "declined": 0, "tentative": 0, "delegated": 0, "no_answer": 3, "not_delivered": 2])
        let attendees = try #require(m["attendees"] as? [[String: Any]])
        #expect(attendees.map { $0["schedule_status"] as? String } == ["2.0", "1.2", "3.7", "3.8"])
        #expect(attendees.map { $0["delivered"] as? Bool } == [true, true, false, false])
        #expect(attendees.map { $0["answer_from"] as? String } == ["stored", "stored", "stored", "stored"])
    }
}
