import Testing
@testable import CalDAVClient
import FreeBusyCache
import Booking
import HTTPClient
import FreeBusy
import ICalendar
import LocalTime
@testable import AvailCommands
import Scheduling

@Suite struct QueryOutputTests {
    static let fetched = UTCInstant(year: 2026, month: 11, day: 25, hour: 10)!
    let result: FreeBusyOutcome = {
        let at = { (d: Int, h: Int) in UTCInstant(year: 2026, month: 12, day: d, hour: h)! }
        return FreeBusyOutcome(
            organizer: try! CalendarUserAddress("alice@example.com"),
            window: TimeWindow(start: at(7, 0), end: at(12, 0))!,
            rows: [
                FreeBusyAnswer(result: RecipientResult(recipient: try! CalendarUserAddress("bob@example.com"), status: RequestStatus(parsing: "2.0;Success"),
                                                      busy: [BusyPeriod(start: at(7, 9), end: at(7, 10))]),
                              source: .server, fetched: fetched, stale: false, error: nil),
                FreeBusyAnswer(result: RecipientResult(recipient: try! CalendarUserAddress("eve@example.com"), status: RequestStatus(parsing: "3.8;No authority"), busy: nil),
                              source: .cache, fetched: fetched.adding(seconds: -600), stale: true, error: "cannot connect"),
            ], note: nil, networkError: nil)
    }()

    @Test func jsonHasTheDocumentedShape() {
        #expect(QueryOutput.json(result) == """
        {
          "organizer": "mailto:alice@example.com",
          "start": "2026-12-07T00:00:00Z",
          "end": "2026-12-12T00:00:00Z",
          "recipients": [
            {
              "recipient": "mailto:bob@example.com",
              "status": "2.0",
              "description": "Success",
              "known": true,
              "busy": [
                {
                  "start": "2026-12-07T09:00:00Z",
                  "end": "2026-12-07T10:00:00Z",
                  "type": "BUSY"
                }
              ],
              "source": "server",
              "fetched": "2026-11-25T10:00:00Z",
              "stale": false
            },
            {
              "recipient": "mailto:eve@example.com",
              "status": "3.8",
              "description": "No authority",
              "known": false,
              "busy": [],
              "source": "cache",
              "fetched": "2026-11-25T09:50:00Z",
              "stale": true,
              "error": "cannot connect"
            }
          ]
        }

        """)
    }

    @Test func jsonEscapes() {
        #expect(JSONValue.quote("a\"b\\c\nd\u{1}\u{2028}é") == "\"a\\\"b\\\\c\\nd\\u0001\\u2028é\"")
    }

    @Test func textSaysWhatIsUnknown() {
        let text = QueryOutput.text(result, zone: DisplayZone.named("UTC")!, now: Self.fetched)
        #expect(text.contains("bob@example.com  2.0 Success\n    Mon 2026-12-07 09:00 – 10:00  BUSY\n"))
        #expect(text.contains("eve@example.com  3.8 No authority  [cached 10 min ago, stale]\n    busy time unknown\n"))
    }

    /// An answer the cache covers only in part: the spans it does not cover
    /// take their place among the busy times, in time order.
    @Test func textListsBusyAndUnknownInTimeOrder() {
        let at = { (d: Int, h: Int) in UTCInstant(year: 2026, month: 12, day: d, hour: h)! }
        var row = result.rows[0]
        row.result.busy = [BusyPeriod(start: at(7, 9), end: at(7, 10)), BusyPeriod(start: at(9, 14), end: at(9, 15))]
        row.source = .cache
        row.gaps = [TimeSpan(start: at(8, 0), end: at(9, 0))!, TimeSpan(start: at(10, 0), end: at(12, 0))!]
        var partial = result
        partial.rows = [row]
        let text = QueryOutput.text(partial, zone: DisplayZone.named("UTC")!, now: Self.fetched)
        #expect(text.hasSuffix("""
            Mon 2026-12-07 09:00 – 10:00  BUSY
            Tue 2026-12-08 00:00 – Wed 2026-12-09 00:00  unknown (not in the cache)
            Wed 2026-12-09 14:00 – 15:00  BUSY
            Thu 2026-12-10 00:00 – Sat 2026-12-12 00:00  unknown (not in the cache)

        """), "\(text)")
        row.result.busy = []
        partial.rows = [row]
        let free = QueryOutput.text(partial, zone: DisplayZone.named("UTC")!, now: Self.fetched)
        #expect(!free.contains("whole window"), "part of the window is unknown: \(free)")
    }

    @Test func icsIsReadableICalendar() throws {
        let ics = QueryOutput.ics(result, timestamp: UTCInstant(year: 2026, month: 11, day: 25)!)
        let vfbs = try #require(try Component.parse(ics).first).descendants(named: "VFREEBUSY")
        #expect(vfbs.count == 2)
        #expect(vfbs[0].property("FREEBUSY")?.value == "20261207T090000Z/20261207T100000Z")
        #expect(vfbs[1].property("REQUEST-STATUS")?.value == "3.8;No authority")
    }
}

/// What `avail book` prints once the meeting is stored.
@Suite struct BookingTextTests {
    @Test func aMeetingAcrossAClockChangeNamesBothZones() throws {
        let berlin = try #require(DisplayZone.named("Europe/Berlin"))
        let start = try #require(UTCInstant(year: 2028, month: 10, day: 29, hour: 0, minute: 30))
        let carol = try CalendarUserAddress("carol@example.com")
        let event = MeetingEvent(uid: "u@avail", timestamp: start, start: start, end: start.adding(seconds: 3600), summary: "Night",
                                 organizer: try CalendarUserAddress("alice@example.com"), attendees: [.init(address: carol)])
        let url = try #require(HTTPURL(string: "http://127.0.0.1/cal/u.ics"))
        let outcome = BookingOutcome(event: event, calendar: EventCalendar(url: url, name: nil, source: "test"),
                                     stored: StoredEvent(url: url, etag: nil, scheduleTag: nil, davCapabilities: []),
                                     serverSchedules: true, delivery: nil, deliveryProblem: nil, busyAfter: [:])
        let request = BookingRequest(start: start, end: start.adding(seconds: 3600), title: "Night", location: nil, description: nil,
                                     required: [carol], optional: [], uid: nil, zone: berlin)
        let text = BookCommand.text(outcome, request: request, zone: berlin)
        #expect(text.hasPrefix("Booked \"Night\" Sun 2028-10-29 02:30 CEST–02:30 CET\n"), "\(text)")
    }
}
