import Testing
import ICalendar
import FreeBusy
import LocalTime
@testable import AvailCommands

/// Typed local times on the two nights a year the wall clock jumps, in a zone
/// that changes at 02:00 local on both edges (Europe/Berlin) and one that goes
/// back at 02:00 EDT to 01:00 (America/New_York). RFC 5545 §3.3.5: a time in
/// the gap is read as the time after it, a repeated time as the first.
@Suite struct DSTEdgeTests {
    struct Edge: CustomStringConvertible, Sendable {
        var zone: String
        var typed: String
        var utc: String
        var note: String
        var later: String?
        var description: String { "\(zone) \(typed)" }
    }

    static let edges: [Edge] = [
        Edge(zone: "Europe/Berlin", typed: "2028-03-26T02:30", utc: "2028-03-26T01:30:00Z",
             note: "02:30 does not exist on 2028-03-26 in Europe/Berlin (clocks go forward); using 03:30 CEST"),
        Edge(zone: "Europe/Berlin", typed: "2028-10-29T02:30", utc: "2028-10-29T00:30:00Z",
             note: "02:30 happens twice on 2028-10-29 in Europe/Berlin (clocks go back); using the first, 02:30 CEST (for the second, 02:30 CET, write 2028-10-29T02:30+01:00)",
             later: "2028-10-29T01:30:00Z"),
        Edge(zone: "America/New_York", typed: "2028-03-12T02:30", utc: "2028-03-12T07:30:00Z",
             note: "02:30 does not exist on 2028-03-12 in America/New_York (clocks go forward); using 03:30 EDT"),
        Edge(zone: "America/New_York", typed: "2028-11-05T01:30", utc: "2028-11-05T05:30:00Z",
             note: "01:30 happens twice on 2028-11-05 in America/New_York (clocks go back); using the first, 01:30 EDT (for the second, 01:30 EST, write 2028-11-05T01:30-05:00)",
             later: "2028-11-05T06:30:00Z"),
    ]

    @Test(arguments: edges)
    func typedTimesOnAClockChangeFollowRFC5545AndSaySo(edge: Edge) throws {
        let zone = try #require(DisplayZone.named(edge.zone))
        let now = try #require(UTCInstant(year: 2026, month: 11, day: 25, hour: 10))
        let argument = try #require(TimeArgument.parse(edge.typed, now: now, zone: zone))
        let (instant, resolution) = try #require(argument.resolveStart(in: zone))
        #expect(instant.iso8601String == edge.utc)
        #expect(resolution?.note(in: zone) == edge.note)
        if let later = edge.later {
            guard case let .repeated(second)? = resolution?.kind else { Issue.record("not seen as repeated: \(String(describing: resolution))"); return }
            #expect(second.iso8601String == later)
            // The offset the note suggests picks the second occurrence.
            let explicit = try #require(TimeArgument.parse(edge.typed + (edge.zone == "Europe/Berlin" ? "+01:00" : "-05:00"), now: now, zone: zone))
            #expect(explicit.start(in: zone)?.iso8601String == later)
        } else {
            #expect(resolution?.kind == .skipped(gap: 3600))
        }
    }

    @Test func ordinaryTimesAndExplicitInstantsCarryNoNote() throws {
        let berlin = try #require(DisplayZone.named("Europe/Berlin"))
        let now = try #require(UTCInstant(year: 2026, month: 11, day: 25, hour: 10))
        for text in ["2028-10-29T01:30", "2028-10-29T03:00", "2028-03-26T03:00", "2028-03-26T01:59", "2028-10-29", "2028-10-29T02:30Z"] {
            let r = try #require(TimeArgument.parse(text, now: now, zone: berlin)?.resolveStart(in: berlin), "\(text)")
            #expect(r.resolution?.note(in: berlin) == nil, "\(text)")
        }
    }

    @Test func aWindowFromASkippedTimeStartsAfterTheGap() throws {
        let ny = try #require(DisplayZone.named("America/New_York"))
        let now = try #require(UTCInstant(year: 2026, month: 11, day: 25, hour: 10))
        let w = try WindowOptions.window(from: "2028-03-12T02:30", to: "2028-03-12T04:00", days: nil, now: now, zone: ny)
        #expect(w.start.iso8601String == "2028-03-12T07:30:00Z")
        #expect(w.seconds == 30 * 60)
    }
}
