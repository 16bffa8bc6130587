import Testing
import CalDAVClient
import Scheduling
@testable import AvailCommands

/// The CLI's end of RefreshFailure: a failure that may not stand in becomes
/// the command's failure with its own exit code; one that may, a warning.
@Suite struct RefreshFailureConcludeTests {
    @Test func concludeThrowsOnlyWhenTheOlderAnswerMayNotStandIn() throws {
        let auth = RefreshFailure(error: .authenticationFailed(user: "alice", url: "http://cal.example/"), refreshAsked: false,
                                  shownInstead: "showing cached answers")
        #expect(throws: CommandFailure.self) { try auth.conclude() }
        do { try auth.conclude() } catch { #expect(error.code == 3) }
        let down = RefreshFailure(error: .network(.cannotConnect("http://cal.example/", detail: "Connection refused")), refreshAsked: false,
                                  shownInstead: "showing cached answers")
        try down.conclude()
    }
}
