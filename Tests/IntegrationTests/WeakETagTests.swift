import Foundation
import Testing
import CalDAVClient
import HTTPClient

/// A server that sends weak ETags (W/"…"), recorded as answers on a
/// loopback socket: If-Match compares strongly (RFC 9110 §13.1.1), so avail
/// must not send the weak tag there (every change would be refused as "changed
/// by someone else"); it reads the event again and writes only if the tag
/// still weakly matches.
@Suite(.serialized) struct WeakETagTests {
    static func answer(_ status: String, _ headers: [String], body: String = "") -> [UInt8] {
        Array(("HTTP/1.1 \(status)\r\n" + (headers + ["Content-Length: \(body.utf8.count)", "Connection: close"]).joined(separator: "\r\n")
               + "\r\n\r\n" + body).utf8)
    }

    static let event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:w1\r\nDTSTART:20340101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

    func session(_ port: Int) throws -> (CalDAVSession, HTTPURL) {
        let base = try #require(HTTPURL(string: "http://127.0.0.1:\(port)/"))
        let url = try #require(base.resolving("/cal/w1.ics"))
        return (CalDAVSession(account: Account(serverURL: base, credentials: nil), http: HTTPClient()), url)
    }

    @Test func aWeakTagThatStillMatchesIsWrittenWithoutIfMatch() async throws {
        let listener = try LoopbackListener(.answeringInTurn([
            Self.answer("200 OK", ["ETag: W/\"7\"", "Last-Modified: Tue, 01 Dec 2026 10:00:00 GMT", "Content-Type: text/calendar"], body: Self.event),
            Self.answer("204 No Content", []),
            Self.answer("200 OK", ["ETag: W/\"8\"", "Content-Type: text/calendar"], body: Self.event),
        ]))
        let (session, url) = try session(listener.port)
        let stored = try await session.replaceObject(Self.event, at: url, ifMatch: "W/\"7\"")
        #expect(stored.etag == "W/\"8\"")
        let requests = listener.requests
        #expect(requests.map { String($0.prefix { $0 != " " }) } == ["GET", "PUT", "GET"], "\(requests)")
        let put = requests.count > 1 ? requests[1].lowercased() : ""
        #expect(!put.contains("if-match"), "a weak tag was sent in If-Match: \(put)")
        #expect(put.contains("if-unmodified-since: tue, 01 dec 2026 10:00:00 gmt"), "\(put)")
    }

    @Test func aWeakTagThatChangedIsRefusedBeforeWriting() async throws {
        let listener = try LoopbackListener(.answeringInTurn([
            Self.answer("200 OK", ["ETag: W/\"9\"", "Content-Type: text/calendar"], body: Self.event),
        ]))
        let (session, url) = try session(listener.port)
        let error = await #expect(throws: CalDAVError.self) { try await session.deleteObject(at: url, ifMatch: "W/\"7\"") }
        if case .changedSinceRead? = error {} else { Issue.record("not changedSinceRead: \(String(describing: error))") }
        #expect(listener.requests.map { String($0.prefix { $0 != " " }) } == ["GET"], "the DELETE was sent: \(listener.requests)")
    }

    @Test func aStrongTagGoesInIfMatchAsItIs() async throws {
        let listener = try LoopbackListener(.answeringInTurn([Self.answer("204 No Content", [])]))
        let (session, url) = try session(listener.port)
        try await session.deleteObject(at: url, ifMatch: "\"7\"")
        #expect(listener.requests.first?.contains("If-Match: \"7\"\r\n") == true, "\(listener.requests)")
    }
}
