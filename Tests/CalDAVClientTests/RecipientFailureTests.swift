import Testing
import HTTPClient
import CalDAVClient

/// Which failures of a whole POST are bisected (CalDAVError.mayLieWithRecipients).
@Suite struct RecipientFailureTests {
    static func refused(_ status: Int) -> CalDAVError { .refused(status: status, url: "u", message: "m") }

    @Test(arguments: [413, 500, 502, 504, 507, 599])
    func failuresARecipientCanCauseAreBisected(status: Int) {
        #expect(Self.refused(status).mayLieWithRecipients)
    }

    @Test(arguments: [400, 401, 403, 404, 405, 409, 412, 415, 423, 501, 503, 505, 511])
    func failuresAboutTheUserTheOutboxOrTheWholeServerAreNot(status: Int) {
        #expect(!Self.refused(status).mayLieWithRecipients)
    }

    @Test func networkFailures() {
        #expect(CalDAVError.network(.timedOut("u", seconds: 30)).mayLieWithRecipients)
        #expect(CalDAVError.network(.transport("u", detail: "Recv failure: Connection reset by peer")).mayLieWithRecipients)
        #expect(CalDAVError.network(.responseTooLarge("u", limit: 16 << 20)).mayLieWithRecipients)
        #expect(!CalDAVError.network(.cannotConnect("u", detail: "refused")).mayLieWithRecipients)
        #expect(!CalDAVError.network(.connectTimedOut("u", seconds: 10)).mayLieWithRecipients)
        #expect(!CalDAVError.network(.cannotResolveHost("h")).mayLieWithRecipients)
        #expect(!CalDAVError.network(.tls("u", detail: "expired")).mayLieWithRecipients)
        #expect(!CalDAVError.network(.shutDown).mayLieWithRecipients)
    }

    @Test func answersAvailCannotReadAndAuthenticationAreNot() {
        #expect(!CalDAVError.badAnswer(url: "u", detail: "not XML").mayLieWithRecipients)
        #expect(!CalDAVError.authenticationFailed(user: "alice", url: "u").mayLieWithRecipients)
        #expect(!CalDAVError.tooManyRedirects(url: "u").mayLieWithRecipients)
    }
}
