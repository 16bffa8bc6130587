import Testing
import FreeBusy
import ICalendar
import LocalTime
@testable import Planner

/// A large request answers batch by batch: each batch's rows are painted as
/// they come, the rest stay pending until their batch answers.
@Suite struct PlannerPartialAnswersTests {
    func state(_ count: Int) -> PlannerState {
        var s = PlannerState(windowStart: at(7, 0), accountLabel: "alice@127.0.0.1")
        s.attendees = (0..<count).map { AttendeeRow(address: CalendarUserAddress(uncheckedURI: "mailto:user\($0)@example.com")) }
        return s
    }

    func answers(_ s: PlannerState, _ range: Range<Int>) -> [FreeBusyAnswer] {
        range.map { i in
            FreeBusyAnswer(result: RecipientResult(recipient: s.attendees[i].address, status: RequestStatus(parsing: "2.0;Success"),
                                                   busy: [BusyPeriod(start: at(7, 9), end: at(7, 10))]),
                           source: .server, fetched: now)
        }
    }

    func isAnswered(_ a: RowAnswer) -> Bool { if case .answered = a { return true } else { return false } }

    @Test func theFirstBatchIsPaintedWhileTheRestArePending() throws {
        var s = state(4)
        let window = s.window
        s.receive(.started(window, at: now))
        s.receive(.answers(window, answers(s, 0..<2), organizer: nil, final: false, at: now))
        #expect(s.attendees.map { isAnswered($0.answer(for: window)) } == [true, true, false, false])
        #expect(s.attendees[2].answer(for: window) == .pending)
        guard case .inFlight = s.request else {
            Issue.record("a partial answer must leave the request in flight, was \(s.request)")
            return
        }
        // On screen: the answered rows show their status, the others the pending mark.
        let lines = PlannerRenderer.render(s, zone: utc, now: now, width: 100, height: 12).lines
        let row = { (i: Int) in lines.first { $0.hasPrefix("user\(i)@") } ?? "" }
        #expect(row(0).contains("2.0") && row(1).contains("2.0"))
        #expect(!row(2).contains("2.0") && row(2).contains("…"), "row 2 is still pending: \(row(2))")
        #expect(lines[0].contains("asking"))

        s.receive(.answers(window, answers(s, 2..<4), organizer: nil, final: false, at: now))
        #expect(s.attendees.allSatisfy { isAnswered($0.answer(for: window)) })
        s.receive(.answers(window, answers(s, 0..<4), organizer: "alice@example.com", final: true, at: now))
        guard case .done = s.request else {
            Issue.record("the final answer ends the request, was \(s.request)")
            return
        }
        #expect(PlannerRenderer.render(s, zone: utc, now: now, width: 100, height: 12).lines[0].contains("4/4 answered"))
    }
}
