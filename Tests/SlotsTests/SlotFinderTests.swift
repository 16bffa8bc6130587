import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Slots

func at(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> UTCInstant {
    UTCInstant(year: 2026, month: month, day: day, hour: hour, minute: minute)!
}
func dec(_ day: Int, _ hour: Int, _ minute: Int = 0) -> UTCInstant { at(12, day, hour, minute) }
func addr(_ s: String) -> CalendarUserAddress { try! CalendarUserAddress(s) }
let utc = DisplayZone.named("UTC")!
let seededWeek = TimeWindow(start: dec(7, 0), end: dec(12, 0))!

/// The busy time DAViCal gives for the seeded week (Tests/Servers/README.md).
let bobBusy = [
    BusyPeriod(start: dec(7, 0), end: dec(7, 1)), BusyPeriod(start: dec(7, 8), end: dec(7, 8, 30)),
    BusyPeriod(start: dec(7, 9), end: dec(7, 10)), BusyPeriod(start: dec(7, 11), end: dec(7, 12), type: .busyTentative),
    BusyPeriod(start: dec(8, 8), end: dec(8, 8, 30)), BusyPeriod(start: dec(8, 14), end: dec(8, 15)),
    BusyPeriod(start: dec(10, 0), end: dec(11, 0)), BusyPeriod(start: dec(11, 8), end: dec(11, 8, 30)),
    BusyPeriod(start: dec(11, 10), end: dec(11, 11, 30)),
]
let carolBusy = [BusyPeriod(start: dec(8, 10), end: dec(8, 12)), BusyPeriod(start: dec(9, 13), end: dec(9, 15))]

@Suite struct SlotFinderTests {
    func query(_ required: [Participant], optional: [Participant] = [], duration: Int64 = 3600, step: Int64 = 1800,
               hours: WorkingHours = WorkingHours(), count: Int = 50, tentativeFree: Bool = false, ignoreUnknown: Bool = false,
               window: TimeWindow = seededWeek, zone: DisplayZone = utc) -> SlotResult {
        SlotFinder.find(SlotQuery(window: window, duration: duration, step: step, hours: hours, zone: zone, required: required,
                                  optional: optional, tentativeIsFree: tentativeFree, ignoreUnknown: ignoreUnknown, count: count))
    }

    /// Worked by hand: one hour for bob and carol, 09:00–17:00 UTC, Mon–Fri, step 30 min.
    @Test func seededWeekByHand() {
        let r = query([Participant(address: addr("bob@example.com"), busy: bobBusy),
                       Participant(address: addr("carol@example.com"), busy: carolBusy)], count: 6)
        // Monday: 09–10 bob busy, 11–12 bob tentative (busy by default) → 10:00 fits (10–11), then 12:00.
        #expect(r.slots.map(\.start) == [dec(7, 10), dec(7, 12), dec(7, 12, 30), dec(7, 13), dec(7, 13, 30), dec(7, 14)])
        #expect(r.note == nil && r.requiredKnown == 2)
        // Tuesday (first slot on the 8th): carol 10–12, bob 14–15 → 09:00 fits, 12:00 next.
        let tuesday = query([Participant(address: addr("bob@example.com"), busy: bobBusy),
                             Participant(address: addr("carol@example.com"), busy: carolBusy)],
                            window: TimeWindow(start: dec(8, 0), end: dec(9, 0))!)
        #expect(tuesday.slots.map(\.start) == [dec(8, 9), dec(8, 12), dec(8, 12, 30), dec(8, 13), dec(8, 15), dec(8, 15, 30), dec(8, 16)])
        // Thursday is bob's all-day event: nothing.
        let thursday = query([Participant(address: addr("bob@example.com"), busy: bobBusy)], window: TimeWindow(start: dec(10, 0), end: dec(11, 0))!)
        #expect(thursday.slots.isEmpty && thursday.note != nil)
    }

    @Test func tentativeCanCountAsFree() {
        let r = query([Participant(address: addr("bob@example.com"), busy: bobBusy)], count: 2, tentativeFree: true,
                      window: TimeWindow(start: dec(7, 10, 30), end: dec(7, 13))!)
        // 12:00 is free for bob; 10:30 and 11:00 overlap his tentative 11–12, counted as free but ranked after.
        #expect(r.slots.map(\.start) == [dec(7, 12), dec(7, 10, 30)])
        #expect(r.slots.map(\.reasons) == [[.everyoneFree], [.tentative(addr("bob@example.com"))]])
    }

    @Test func timeNoAnswerCoversBlocksLikeBusyTime() {
        let hole = TimeWindow(start: dec(7, 9), end: dec(7, 12))!
        let window = TimeWindow(start: dec(7, 9), end: dec(7, 17))!
        let r = query([Participant(address: addr("carol@example.com"), busy: [], unknownTime: [hole])], count: 1, window: window)
        #expect(r.slots.first?.start == dec(7, 12))
        // For an optional attendee, unknown time makes them count as not free there: unknown, and said so.
        let o = query([Participant(address: addr("carol@example.com"), busy: [])],
                      optional: [Participant(address: addr("bob@example.com"), busy: [], unknownTime: [hole])], count: 20, window: window)
        #expect(o.slots.first?.start == dec(7, 12))
        #expect(o.slots.first { $0.start == dec(7, 9) }?.unknown == [addr("bob@example.com")])
        #expect(o.slots.first { $0.start == dec(7, 9) }?.reasons == [.unknown(addr("bob@example.com"))])
    }

    @Test func unknownIsNotFree() {
        let people = [Participant(address: addr("bob@example.com"), busy: bobBusy), Participant(address: addr("dave@example.com"), busy: nil)]
        let strict = query(people)
        #expect(strict.slots.isEmpty)
        #expect(strict.note?.hasPrefix("1 of 2 required attendees known (unknown: dave@example.com)") == true)
        let around = query(people, count: 1, ignoreUnknown: true)
        #expect(around.slots.first?.start == dec(7, 10))
        #expect(around.slots.first?.unknown == [addr("dave@example.com")])
        #expect(around.note == "1 of 2 required attendees known; planned around the known ones")
    }

    @Test func moreOptionalAttendeesFreeRanksFirst() {
        let r = query([Participant(address: addr("carol@example.com"), busy: carolBusy)],
                      optional: [Participant(address: addr("bob@example.com"), busy: bobBusy)], count: 3,
                      window: TimeWindow(start: dec(7, 0), end: dec(8, 0))!)
        // 09:00 has bob busy; 10:00 is the first where bob (optional) is free too.
        #expect(r.slots.map(\.start) == [dec(7, 10), dec(7, 12), dec(7, 12, 30)])
        #expect(r.slots[0].free == [addr("carol@example.com"), addr("bob@example.com")])
        let withBusyOptional = query([Participant(address: addr("carol@example.com"), busy: carolBusy)],
                                     optional: [Participant(address: addr("bob@example.com"), busy: bobBusy)], count: 50,
                                     window: TimeWindow(start: dec(7, 0), end: dec(8, 0))!)
        #expect(withBusyOptional.slots.last?.busy == [addr("bob@example.com")])
    }

    /// Working hours stay local across the European and US changes of 2026.
    @Test(arguments: [
        ("Europe/Berlin", 3, 27, 3, 30, 8, 7),   // Fri 09:00 CET = 08:00Z; Mon 09:00 CEST = 07:00Z
        ("Europe/Berlin", 10, 23, 10, 26, 7, 8), // Fri 09:00 CEST = 07:00Z; Mon 09:00 CET = 08:00Z
        ("America/New_York", 3, 6, 3, 9, 14, 13), // Fri 09:00 EST = 14:00Z; Mon 09:00 EDT = 13:00Z
        ("America/New_York", 10, 30, 11, 2, 13, 14), // Fri EDT, Mon EST
    ])
    func acrossDST(zoneName: String, m1: Int, d1: Int, m2: Int, d2: Int, utcHourBefore: Int, utcHourAfter: Int) throws {
        let zone = try #require(DisplayZone.named(zoneName))
        let window = TimeWindow(start: at(m1, d1, 0), end: at(m2, d2, 23))!
        let r = query([Participant(address: addr("a@example.com"), busy: [])], duration: 1800, count: 1000, window: window, zone: zone)
        let firstDay = r.slots.filter { zone.local($0.start).day == d1 }
        let lastDay = r.slots.filter { zone.local($0.start).day == d2 }
        #expect(firstDay.first?.start == at(m1, d1, utcHourBefore))
        #expect(lastDay.first?.start == at(m2, d2, utcHourAfter))
        #expect(firstDay.count == 16 && lastDay.count == 16) // 09:00–17:00 in 30-min steps, 30-min slots
        #expect(r.slots.allSatisfy { zone.local($0.start).weekday < 5 }) // no weekend
    }

    @Test func anAttendeesOwnZoneLimitsTheirDay() {
        let ny = DisplayZone.named("America/New_York")!
        let berlin = DisplayZone.named("Europe/Berlin")!
        // Berlin 09–17 is 08–16Z; New York 09–17 is 14–22Z: overlap 14–16Z.
        let r = query([Participant(address: addr("b@example.com"), busy: []), Participant(address: addr("n@example.com"), busy: [], zone: ny)],
                      duration: 3600, count: 100, window: TimeWindow(start: dec(7, 0), end: dec(8, 0))!, zone: berlin)
        #expect(r.slots.map(\.start) == [dec(7, 14), dec(7, 14, 30), dec(7, 15)])
    }
}

/// Generated cases: every slot satisfies the rules, none is skipped, and the
/// order of attendees does not matter.
@Suite struct SlotFinderPropertyTests {
    struct Rng: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    @Test func invariantsHoldOnGeneratedWeeks() {
        var rng = Rng(state: 7)
        for _ in 0..<150 {
            let window = TimeWindow(start: dec(7, 0), end: dec(7 + Int.random(in: 1...5, using: &rng), 0))!
            let people = (0..<Int.random(in: 1...5, using: &rng)).map { i -> Participant in
                let busy = (0..<Int.random(in: 0...12, using: &rng)).map { _ -> BusyPeriod in
                    let s = window.start.adding(seconds: Int64.random(in: 0..<window.seconds, using: &rng) / 900 * 900)
                    let types: [BusyType] = [.busy, .busyTentative, .busyUnavailable]
                    return BusyPeriod(start: s, end: s.adding(seconds: Int64.random(in: 1...12, using: &rng) * 900),
                                      type: types[Int.random(in: 0..<3, using: &rng)])
                }
                return Participant(address: addr("p\(i)@example.com"), busy: busy)
            }
            let hours = WorkingHours(startMinute: 60 * Int.random(in: 6...10, using: &rng), endMinute: 60 * Int.random(in: 14...20, using: &rng),
                                     weekdays: Set((0..<7).filter { _ in Bool.random(using: &rng) }))
            let duration = Int64.random(in: 1...6, using: &rng) * 900
            let step = Int64([900, 1800][Int.random(in: 0...1, using: &rng)])
            let tentativeFree = Bool.random(using: &rng)
            let q = SlotQuery(window: window, duration: duration, step: step, hours: hours, zone: utc, required: people,
                              tentativeIsFree: tentativeFree, count: 10_000)
            let r = SlotFinder.find(q)
            let spans = hours.spans(in: window, zone: utc)
            for slot in r.slots {
                #expect(slot.end.secondsSinceEpoch - slot.start.secondsSinceEpoch == duration)
                #expect(slot.start >= window.start && slot.end <= window.end)
                #expect(spans.contains { $0.start <= slot.start && slot.end <= $0.end }, "outside the hours")
                #expect(hours.weekdays.contains(utc.local(slot.start).weekday))
                for p in people {
                    let blocking = (p.busy ?? []).filter { !(tentativeFree && $0.type == .busyTentative) }
                    #expect(!blocking.contains { $0.start < slot.end && $0.end > slot.start }, "overlaps \(p.address)")
                }
            }
            // Brute force: every valid step-aligned start is found, in order.
            var expected: [UTCInstant] = []
            for span in spans {
                var t = span.start
                while t.adding(seconds: duration) <= span.end {
                    let e = t.adding(seconds: duration)
                    let clash = people.contains { p in
                        (p.busy ?? []).contains { !(tentativeFree && $0.type == .busyTentative) && $0.start < e && $0.end > t }
                    }
                    if !clash { expected.append(t) }
                    t = t.adding(seconds: step)
                }
            }
            // Ranked: tentative time counted as free comes after; as a set, every valid start.
            #expect(r.slots.map(\.start).sorted() == expected)
            // The order of attendees does not matter.
            let shuffled = SlotFinder.find(SlotQuery(window: window, duration: duration, step: step, hours: hours, zone: utc,
                                                     required: people.shuffled(using: &rng), tentativeIsFree: tentativeFree, count: 10_000))
            #expect(shuffled.slots.map(\.start).sorted() == r.slots.map(\.start).sorted())
        }
    }
}
