import Testing
import FreeBusy
import ICalendar
@testable import Planner

/// With several accounts, the status column says which one answered.
@Suite struct AccountStatusTests {
    func answer(_ code: String, busy: [BusyPeriod]?, account: String?) -> RowAnswer {
        .answered(FreeBusyAnswer(result: RecipientResult(recipient: CalendarUserAddress(uncheckedURI: "mailto:bob@example.com"),
                                                         status: RequestStatus(code: code), busy: busy),
                                 source: .server, fetched: nil, account: account))
    }

    @Test func anAnsweredRowNamesItsAccount() {
        #expect(PlannerRenderer.shortStatus(answer("2.0", busy: [], account: "work")) == ("2.0 @work", .statusOK))
        #expect(PlannerRenderer.shortStatus(answer("2.0", busy: [], account: "work+home")) == ("2.0 @work+home", .statusOK))
        #expect(PlannerRenderer.shortStatus(answer("2.0", busy: [], account: nil)) == ("2.0 ok", .statusOK), "one account: as before")
        #expect(PlannerRenderer.shortStatus(answer("3.7", busy: nil, account: "work")) == ("3.7 unknown", .statusBad),
                "a refusal keeps its meaning: the column is too narrow for both")
    }
}
