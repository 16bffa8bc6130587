import Testing
@testable import ICalendar

@Suite struct RequestStatusOutcomeTests {
    func outcome(_ raw: String) -> RequestStatus.Outcome { RequestStatus(parsing: raw).outcome }

    @Test func classesFollowTheFirstDigit() {
        #expect(outcome("1.1;Sent") == .pending)
        #expect(outcome("2.0;Success") == .success)
        #expect(outcome("2.8") == .success)
        #expect(outcome("2") == .success)
        #expect(outcome("3.7;Invalid calendar user") == .noSuchUser)
        #expect(outcome("3.8") == .noAuthority)
        #expect(outcome("3.1") == .notAccepted)
        #expect(outcome("3.7.1") == .notAccepted)
        #expect(outcome("5.1") == .failed)
        #expect(outcome("5.3;No scheduling support") == .failed)
        #expect(outcome("4.0") == .unrecognised)
        #expect(outcome("20.1") == .unrecognised)
        #expect(outcome("garbage") == .noAnswer)
        #expect(outcome("") == .noAnswer)
    }

    @Test func noAnswerIsOneConstructor() {
        let s = RequestStatus.noAnswer("Not in the cache")
        #expect(s.outcome == .noAnswer && !s.isSuccess)
        #expect(s.code == "?" && s.meaning == "Not in the cache")
        // Written and read again (the cache does this), it is still no answer.
        #expect(RequestStatus(parsing: s.description).outcome == .noAnswer)
    }

    @Test func onlySuccessIsSuccess() {
        for raw in ["1.2", "3.7", "3.8", "3.1", "4.0", "5.1", "?"] { #expect(!RequestStatus(parsing: raw).isSuccess, "\(raw)") }
        #expect(RequestStatus(parsing: "2.0").isSuccess)
    }

    @Test func publishedFreeBusyOnlyWhereTheServerCouldNotTell() {
        #expect(RequestStatus(parsing: "3.7").leavesRoomForPublished)
        #expect(RequestStatus(parsing: "5.2").leavesRoomForPublished)
        #expect(RequestStatus.noAnswer("No answer").leavesRoomForPublished)
        // 3.8: the person chose not to share; their published time is not asked for behind their back.
        #expect(!RequestStatus(parsing: "3.8").leavesRoomForPublished)
        #expect(!RequestStatus(parsing: "2.0").leavesRoomForPublished)
        #expect(!RequestStatus(parsing: "3.1").leavesRoomForPublished)
        #expect(!RequestStatus(parsing: "1.0").leavesRoomForPublished)
    }

    @Test func meaningsFromTheCodeWhenNoTextCame() {
        #expect(RequestStatus(parsing: "2.4").meaning == "Success")
        #expect(RequestStatus(parsing: "3.7").meaning == "Invalid calendar user")
        #expect(RequestStatus(parsing: "3.8").meaning == "No authority")
        #expect(RequestStatus(parsing: "3.2").meaning == "Request not accepted")
        #expect(RequestStatus(parsing: "5.1").meaning == "Could not deliver")
        #expect(RequestStatus(parsing: "5.9").meaning == "Delivery or service failure")
        #expect(RequestStatus(parsing: "4.0").meaning == "Unknown status")
    }
}
