import Testing
import CalDAVClient
import HTTPClient
@testable import Scheduling

/// How a command ends when the server could not give a newer answer and an
/// older one was shown instead (issue: a wrong password behind a warm cache
/// used to exit 0).
@Suite struct RefreshFailureTests {
    let auth = CalDAVError.authenticationFailed(user: "alice", url: "http://cal.example/caldav.php/alice/.out/")
    let down = CalDAVError.network(.cannotConnect("http://cal.example/", detail: "Connection refused"))

    func failure(_ e: CalDAVError, refresh: Bool = false) -> RefreshFailure {
        RefreshFailure(error: e, refreshAsked: refresh, shownInstead: "showing cached answers (from 3 min ago)")
    }

    @Test func aWrongPasswordIsNeverHiddenByTheCache() {
        #expect(failure(auth).exitCode == 3)
        #expect(failure(auth, refresh: true).exitCode == 3)
        #expect(failure(auth).message
            == "authentication failed for alice at http://cal.example/caldav.php/alice/.out/; showing cached answers (from 3 min ago)")
    }

    @Test func aServerThatIsDownForNowLetsTheCacheStandInUnlessRefreshWasAsked() throws {
        #expect(failure(down).exitCode == 0)
        #expect(failure(down).message.hasPrefix("warning: showing cached answers (from 3 min ago): cannot connect"))
        #expect(failure(down, refresh: true).exitCode == 5)
        for e: CalDAVError in [.network(.timedOut("u", seconds: 30)), .network(.cannotResolveHost("cal.example")),
                               .network(.transport("u", detail: "reset")), .refused(status: 503, url: "u", message: "503 Service Unavailable")] {
            #expect(failure(e).exitCode == 0, "\(e)")
            #expect(failure(e, refresh: true).exitCode == e.exitCode, "\(e)")
        }
    }

    @Test func failuresThatDoNotPassByThemselvesKeepTheirCode() {
        let lasting: [(CalDAVError, Int32)] = [
            (.refused(status: 403, url: "u", message: "403 Forbidden"), 6),
            (.badAnswer(url: "u", detail: "not XML"), 6),
            (.network(.tls("u", detail: "certificate expired")), 5),
            (.notCalDAV(url: "u", detail: "no DAV header"), 4),
            (.noScheduling(server: "s", principal: "p"), 4),
            (.invalidConfiguration("ca_file: no such file"), 2),
        ]
        for (e, code) in lasting {
            #expect(failure(e).exitCode == code, "\(e)")
            #expect(!failure(e).message.hasPrefix("warning:"), "\(e)")
        }
    }
}
