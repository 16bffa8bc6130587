import Testing
import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
@testable import AvailCommands

@Suite struct QueryOutputTests {
    static let fetched = UTCInstant(year: 2026, month: 11, day: 25, hour: 10)!
    let result: FreeBusyOutcome = {
        let at = { (d: Int, h: Int) in UTCInstant(year: 2026, month: 12, day: d, hour: h)! }
        return FreeBusyOutcome(
            organizer: try! CalendarUserAddress("alice@example.com"),
            window: TimeWindow(start: at(7, 0), end: at(12, 0))!,
            rows: [
                SourcedResult(result: RecipientResult(recipient: try! CalendarUserAddress("bob@example.com"), status: RequestStatus(parsing: "2.0;Success"),
                                                      busy: [BusyPeriod(start: at(7, 9), end: at(7, 10))]),
                              source: .server, fetched: fetched, stale: false, error: nil),
                SourcedResult(result: RecipientResult(recipient: try! CalendarUserAddress("eve@example.com"), status: RequestStatus(parsing: "3.8;No authority"), busy: nil),
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

    @Test func icsIsReadableICalendar() throws {
        let ics = QueryOutput.ics(result, timestamp: UTCInstant(year: 2026, month: 11, day: 25)!)
        let vfbs = try #require(try Component.parse(ics).first).descendants(named: "VFREEBUSY")
        #expect(vfbs.count == 2)
        #expect(vfbs[0].property("FREEBUSY")?.value == "20261207T090000Z/20261207T100000Z")
        #expect(vfbs[1].property("REQUEST-STATUS")?.value == "3.8;No authority")
    }
}
