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
}
