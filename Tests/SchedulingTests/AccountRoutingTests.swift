import Testing
import FreeBusy
import ICalendar
@testable import Scheduling

/// The routing decisions alone: which account is asked about whom, in what
/// order, and how the user's own row is merged. No server, no cache.
@Suite struct AccountRoutingTests {
    let work = AccountRouting.Member(name: "work", domains: ["work.example"], own: ["mailto:alice@work.example"],
                                     primary: CalendarUserAddress(uncheckedURI: "mailto:alice@work.example"))
    let home = AccountRouting.Member(name: "home", own: ["mailto:alice@home.example"],
                                     primary: CalendarUserAddress(uncheckedURI: "mailto:alice@home.example"))
    let club = AccountRouting.Member(name: "club", domains: ["Club.Example"])

    func who(_ s: String) -> CalendarUserAddress { CalendarUserAddress(uncheckedURI: "mailto:" + s) }
    let nothingLearned: (Int) -> AccountRouting.Knowledge = { _ in .neverAsked }

    @Test func aDomainRuleSendsTheAttendeeToThatAccountOnly() {
        let routing = AccountRouting([home, work, club])
        #expect(routing.plan(for: who("bob@work.example"), knowledge: nothingLearned) == .inTurn([1]))
        #expect(routing.plan(for: who("Bob@Sales.Work.Example"), knowledge: nothingLearned) == .inTurn([1]), "subdomains, any case")
        #expect(routing.plan(for: who("eve@club.example"), knowledge: nothingLearned) == .inTurn([2]), "domains are compared in lower case")
        #expect(routing.plan(for: who("bob@notwork.example"), knowledge: nothingLearned) == .inTurn([0, 1, 2]),
                "a domain that only ends in the same letters is not a match")
    }

    @Test func anyoneElseIsAskedInConfigOrderThoseThatAnsweredBeforeFirst() {
        let routing = AccountRouting([home, work, club])
        #expect(routing.plan(for: who("zoe@elsewhere.example"), knowledge: nothingLearned) == .inTurn([0, 1, 2]))
        let learned: (Int) -> AccountRouting.Knowledge = { [.doesNotKnow, .neverAsked, .knows][$0] }
        #expect(routing.plan(for: who("zoe@elsewhere.example"), knowledge: learned) == .inTurn([2, 1, 0]),
                "the one that answered first, the one that refused last (still asked: things change)")
    }

    @Test func theUsersOwnAddressIsAskedOnEveryAccountAboutItsOwnAddress() {
        let routing = AccountRouting([home, work, club])
        let plan = routing.plan(for: who("alice@work.example"), knowledge: nothingLearned)
        #expect(plan == .own([AccountRouting.Ask(account: 0, address: who("alice@home.example")),
                              AccountRouting.Ask(account: 1, address: who("alice@work.example"))]),
                "club does not know its user's address: it is not asked")
    }

    @Test func whatSendsTheQuestionOnToTheNextAccount() {
        func answer(_ status: RequestStatus, busy: [BusyPeriod]?) -> FreeBusyAnswer {
            FreeBusyAnswer(result: RecipientResult(recipient: who("bob@x.example"), status: status, busy: busy),
                           source: .server, fetched: nil)
        }
        #expect(!AccountRouting.triesNext(answer(RequestStatus(code: "2.0"), busy: [])))
        for status in ["3.7", "3.8", "5.1", "5.3"].map({ RequestStatus(code: $0) }) + [RequestStatus.noAnswer("No answer")] {
            #expect(AccountRouting.triesNext(answer(status, busy: nil)), "\(status.code)")
        }
        #expect(AccountRouting.triesNext(answer(RequestStatus(code: "2.0"), busy: nil)), "a 2.0 without readable data is no answer")
        // Nobody answered: 3.8 (exists, does not share) says more than 3.7, which says more than 5.x.
        #expect(AccountRouting.moreTelling(answer(RequestStatus(code: "3.8"), busy: nil), than: answer(RequestStatus(code: "5.1"), busy: nil)))
        #expect(AccountRouting.moreTelling(answer(RequestStatus(code: "3.7"), busy: nil), than: answer(RequestStatus.noAnswer("x"), busy: nil)))
        #expect(!AccountRouting.moreTelling(answer(RequestStatus(code: "5.1"), busy: nil), than: answer(RequestStatus(code: "5.3"), busy: nil)),
                "a tie keeps the earlier account's")
        #expect(AccountRouting.knowledge(fromStatuses: [RequestStatus(code: "3.7"), RequestStatus(code: "2.0")]) == .knows)
        #expect(AccountRouting.knowledge(fromStatuses: [RequestStatus(code: "5.1")]) == .doesNotKnow)
        #expect(AccountRouting.knowledge(fromStatuses: []) == .neverAsked)
    }

    @Test func theOwnRowIsTheUnionOfEveryAccountsBusyTime() throws {
        let window = try #require(TimeWindow(start: UTCInstant(year: 2030, month: 1, day: 7)!, end: UTCInstant(year: 2030, month: 1, day: 8)!))
        func at(_ h: Int, _ m: Int = 0) -> UTCInstant { UTCInstant(year: 2030, month: 1, day: 7, hour: h, minute: m)! }
        func answer(_ code: String, _ busy: [BusyPeriod]?) -> FreeBusyAnswer {
            FreeBusyAnswer(result: RecipientResult(recipient: who("alice@x.example"), status: RequestStatus(code: code), busy: busy),
                           source: .server, fetched: at(1))
        }
        let me = who("alice@work.example")
        let both = try #require(AccountRouting.merged([("work", answer("2.0", [BusyPeriod(start: at(9), end: at(10))])),
                                                       ("home", answer("2.0", [BusyPeriod(start: at(9, 30), end: at(11))]))],
                                                      recipient: me, window: window))
        #expect(both.result.busy == [BusyPeriod(start: at(9), end: at(11))])
        #expect(both.account == "work+home" && both.gaps.isEmpty && both.result.recipient == me)
        // One account did not answer: what is known stays, the rest of the window is unknown, never free.
        let half = try #require(AccountRouting.merged([("work", answer("2.0", [BusyPeriod(start: at(9), end: at(10))])),
                                                       ("home", answer("5.1", nil))], recipient: me, window: window))
        #expect(half.result.busy == [BusyPeriod(start: at(9), end: at(10))])
        #expect(half.gaps == [window] && half.account == "work")
        #expect(half.result.problem?.contains("home (5.1") == true)
    }
}
