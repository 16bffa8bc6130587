import Testing
import HTTPClient
@testable import CalDAVClient

@Suite struct SameResourceTests {
    func url(_ s: String) -> HTTPURL { HTTPURL(string: s)! }

    @Test func aTrailingSlashDoesNotMakeAnotherResource() {
        #expect(url("http://h/caldav.php/alice/").isSameResource(as: url("http://h/caldav.php/alice")))
        #expect(url("http://h/").isSameResource(as: url("http://h")))
    }

    @Test func anotherPathOriginOrCaseIs() {
        #expect(!url("http://h/caldav.php/").isSameResource(as: url("http://h/caldav.php/alice/")))
        #expect(!url("http://h/caldav.php/alice/").isSameResource(as: url("https://h/caldav.php/alice/")))
        #expect(!url("http://h/caldav.php/alice/").isSameResource(as: url("http://h:8080/caldav.php/alice/")))
        #expect(!url("http://h/dav/Alice/").isSameResource(as: url("http://h/dav/alice/")))
    }

    @Test func aResourceLiesUnderACollectionOnlyStrictlyInsideIt() {
        let alice = url("http://h/caldav.php/alice/")
        #expect(url("http://h/caldav.php/alice/.out/").lies(under: alice))
        #expect(url("http://h/caldav.php/alice/calendar/x.ics").lies(under: url("http://h/caldav.php/alice")))
        for other in ["http://h/caldav.php/alice/", "http://h/caldav.php/alice", "http://h/caldav.php/alice2/.out/",
                      "http://h/caldav.php/alice/../bob/", "http://h/caldav.php/alice/%2E%2E/bob/", "http://h/caldav.php/alice/./",
                      "https://h/caldav.php/alice/.out/", "http://h:81/caldav.php/alice/.out/", "http://h/caldav.php/Alice/.out/"] {
            #expect(!url(other).lies(under: alice), "\(other)")
        }
    }
}
