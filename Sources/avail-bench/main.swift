// avail-bench: the planner's costs without a terminal or a network, for `make bench`.
// Prints one line per case: name, iterations, CPU microseconds per iteration.
import CalDAVClient
import FreeBusy
import FreeBusyCache
import ICalendar
import LocalTime
import Foundation
import Planner
import Slots
import WebDAV
import XMLTree
#if canImport(Glibc)
import Glibc
#endif

func cpuMicros() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e6 + Double(ts.tv_nsec) / 1e3
}

/// A state with `count` attendees over a week, each with a few meetings a day.
func state(attendees count: Int, zone: DisplayZone) -> PlannerState {
    let start = UTCInstant(year: 2026, month: 12, day: 7)!
    var s = PlannerState(windowStart: start, accountLabel: "bench")
    var recipients: [RecipientResult] = []
    var seed: UInt64 = 42
    for i in 0..<count {
        let address = CalendarUserAddress(uncheckedURI: "mailto:person\(i)@example.com")
        s.attendees.append(AttendeeRow(address: address))
        var busy: [BusyPeriod] = []
        for day in 0..<7 {
            for _ in 0..<4 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let begin = start.adding(seconds: Int64(day) * 86_400 + 28_800 + Int64((seed >> 33) % 20) * 1800)
                busy.append(BusyPeriod(start: begin, end: begin.adding(seconds: 1800 * Int64(1 + (seed >> 50) % 3)),
                                       type: (seed >> 13) % 5 == 0 ? .busyTentative : .busy))
            }
        }
        let window = TimeWindow(start: start, end: start.adding(seconds: 7 * 86_400))!
        recipients.append(RecipientResult(recipient: address, status: RequestStatus(code: "2.0"), busy: busy.normalized(within: window)))
    }
    s.receive(.answers(s.window, recipients.map { FreeBusyAnswer(result: $0, source: .server, fetched: start) },
                       organizer: "a@example.com", final: true, at: start))
    return s
}

/// `avail-bench cache-writer ROOT N`: rewrites the same cache entries N times
/// as fast as it can; the crash tests kill it at random moments.
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "cache-writer", let n = Int(CommandLine.arguments[3]) {
    let cache = FreeBusyCache(root: CommandLine.arguments[2], account: "http://127.0.0.1:1 writer")
    let start = UTCInstant(year: 2026, month: 12, day: 7)!
    let window = TimeWindow(start: start, end: start.adding(seconds: 7 * 86_400))!
    for i in 0..<n {
        let periods = (0..<(1 + i % 300)).map { k in
            BusyPeriod(start: start.adding(seconds: Int64(k) * 1800), end: start.adding(seconds: Int64(k) * 1800 + 900))
        }
        for who in ["bob", "carol"] {
            let entry = CacheEntry(account: cache.account, recipient: CalendarUserAddress(uncheckedURI: "mailto:\(who)@example.com"),
                                   window: window, fetched: start.adding(seconds: Int64(i)), status: RequestStatus(code: "2.0"), busy: periods)
            do { try cache.store(entry) } catch { print("write failed: \(error)"); exit(1) }
        }
    }
    exit(0)
}

/// `avail-bench scale ATTENDEES DAYS`: the whole path after the network for a
/// big answer: a generated CALDAV:schedule-response (about two meetings a day
/// each, as DAViCal writes it) parsed (XML, then each VFREEBUSY), merged and
/// clipped, then laid out and rendered as the planner's first frame (160x48).
/// Prints periods and CPU milliseconds per stage.
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "scale",
   let people = Int(CommandLine.arguments[2]), let days = Int(CommandLine.arguments[3]) {
    let start = UTCInstant(year: 2026, month: 12, day: 7)!
    let window = TimeWindow(start: start, end: start.adding(seconds: Int64(days) * 86_400))!
    var seed: UInt64 = 7
    var periods = 0
    var xml = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<C:schedule-response xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\n"
    let attendees = (0..<people).map { CalendarUserAddress(uncheckedURI: "mailto:person\($0)@example.com") }
    for a in attendees {
        xml += " <C:response>\n  <C:recipient><href>\(a.uri)</href></C:recipient>\n  <C:request-status>2.0;Success</C:request-status>\n  <C:calendar-data>"
        xml += "BEGIN:VCALENDAR&#13;\nVERSION:2.0&#13;\nMETHOD:REPLY&#13;\nBEGIN:VFREEBUSY&#13;\nDTSTAMP:20261201T000000Z&#13;\n"
        xml += "DTSTART:\(window.start.iCalendarString)&#13;\nDTEND:\(window.end.iCalendarString)&#13;\n"
        for day in 0..<days {
            for _ in 0..<2 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let begin = start.adding(seconds: Int64(day) * 86_400 + 25_200 + Int64((seed >> 33) % 24) * 1800)
                let end = begin.adding(seconds: 1800 * Int64(1 + (seed >> 50) % 3))
                let type = (seed >> 13) % 6 == 0 ? "BUSY-TENTATIVE" : "BUSY"
                xml += "FREEBUSY;FBTYPE=\(type):\(begin.iCalendarString)/\(end.iCalendarString)&#13;\n"
                periods += 1
            }
        }
        xml += "END:VFREEBUSY&#13;\nEND:VCALENDAR&#13;\n</C:calendar-data>\n </C:response>\n"
    }
    xml += "</C:schedule-response>\n"
    let bytes = Array(xml.utf8)
    // avail loads libxml2 while the request waits for the server: not the parse's time.
    if let problem = XMLLibrary.load() { print("scale: \(problem)"); exit(1) }
    let t0 = cpuMicros()
    guard let response = try? ScheduleResponse.parse(bytes) else { print("scale: the generated answer does not parse"); exit(1) }
    let t1 = cpuMicros()
    let results = response.recipientResults(for: attendees, window: window)
    let t2 = cpuMicros()
    let zone = DisplayZone.named("UTC")!
    var state = PlannerState(windowStart: start, accountLabel: "bench")
    state.windowDays = days
    state.attendees = attendees.map { AttendeeRow(address: $0) }
    state.receive(.answers(state.window, results.map { FreeBusyAnswer(result: $0, source: .server, fetched: start) },
                           organizer: "a@example.com", final: true, at: start))
    let screen = PlannerRenderer.render(state, zone: zone, now: start, width: 160, height: 48)
    let t3 = cpuMicros()
    let known = results.filter { $0.busy != nil }.count
    guard known == people, screen.cells.count == 160 * 48 else { print("scale: \(known) of \(people) answers read"); exit(1) }
    func ms(_ a: Double, _ b: Double) -> String { String(format: "%.1f", (b - a) / 1000) }
    print("scale \(people) attendees x \(days) days\t\(periods)\t\(bytes.count / 1024)\t\(ms(t0, t1))\t\(ms(t1, t2))\t\(ms(t2, t3))\t\(ms(t0, t3))")
    exit(0)
}

/// `avail-bench slots ATTENDEES DAYS`: the slot finder over generated busy time
/// (about four meetings a weekday each); prints periods, slots and CPU time.
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "slots",
   let people = Int(CommandLine.arguments[2]), let days = Int(CommandLine.arguments[3]) {
    let zone = DisplayZone.named("Europe/Berlin")!
    let start = UTCInstant(year: 2026, month: 12, day: 7)!
    let window = TimeWindow(start: start, end: start.adding(seconds: Int64(days) * 86_400))!
    var seed: UInt64 = 99
    var periods = 0
    let participants = (0..<people).map { i -> Participant in
        var busy: [BusyPeriod] = []
        for day in 0..<days {
            for _ in 0..<4 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let begin = start.adding(seconds: Int64(day) * 86_400 + 25_200 + Int64((seed >> 33) % 24) * 1800)
                busy.append(BusyPeriod(start: begin, end: begin.adding(seconds: 1800 * Int64(1 + (seed >> 50) % 2))))
            }
        }
        periods += busy.count
        return Participant(address: CalendarUserAddress(uncheckedURI: "mailto:p\(i)@example.com"), busy: busy)
    }
    let t0 = cpuMicros()
    // Required: the first 5; the rest optional, so every busy period is looked at.
    let result = SlotFinder.find(SlotQuery(window: window, duration: 1800, step: 900, hours: WorkingHours(), zone: zone,
                                           required: Array(participants.prefix(5)), optional: Array(participants.dropFirst(5)),
                                           count: 10))
    let ms = (cpuMicros() - t0) / 1000
    print("slots \(people) attendees x \(days) days\t\(periods)\t\(result.slots.count)\t\(String(format: "%.1f", ms))")
    exit(0)
}

/// N key presses (right/left) with a full render each, 50 attendees over a week.
func keyPresses(width: Int, height: Int, iterations: Int) -> (micros: Double, sink: Int) {
    let zone = DisplayZone.named("UTC")!
    let now = UTCInstant(year: 2026, month: 12, day: 7, hour: 9)!
    var s = state(attendees: 50, zone: zone)
    let layout = PlannerLayout(width: width, height: height)
    var sink = 0
    let t0 = cpuMicros()
    for i in 0..<iterations {
        _ = s.handle(i % 200 < 100 ? .right : .left, zone: zone, now: now, layout: layout)
        sink &+= PlannerRenderer.render(s, zone: zone, now: now, width: width, height: height).cells.count
    }
    return (cpuMicros() - t0, sink)
}

/// `avail-bench keys WIDTH HEIGHT N`: only the key presses, for callgrind
/// (instruction counts: run it with N and with 0, and divide the difference).
if CommandLine.arguments.count == 5, CommandLine.arguments[1] == "keys",
   let w = Int(CommandLine.arguments[2]), let h = Int(CommandLine.arguments[3]), let n = Int(CommandLine.arguments[4]) {
    let r = keyPresses(width: w, height: h, iterations: n)
    print("keys \(n)\t\(r.sink % 7)")
    exit(0)
}

for (width, height) in [(80, 24), (160, 48)] {
    let iterations = 2000
    let r = keyPresses(width: width, height: height, iterations: iterations)
    print("keypress+render 50 attendees x 7 days \(width)x\(height)\t\(iterations)\t\(String(format: "%.1f", r.micros / Double(iterations)))\t(\(r.sink % 7))")
}
