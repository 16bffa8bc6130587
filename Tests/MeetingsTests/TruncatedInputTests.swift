import Testing
import FreeBusy
import ICalendar
import Meetings

/// Every fixture cut short at every line, and with every line dropped in
/// turn: reading, listing and changing give a value or a typed error, never a
/// crash (RFC 5545 data from a server is outside input).
@Suite struct TruncatedInputTests {
    @Test(arguments: ["davical-organizer-copy.ics", "cyrus-organizer-copy.ics", "thunderbird-style.ics", "all-day.ics",
                      "davical-inbox-reply.ics", "cyrus-inbox-reply.ics"])
    func cutAndDamagedObjects(fixture: String) throws {
        // Split on the scalar: "\r\n" is one Character, so a Character split would miss it.
        let lines = try Fixture.text(fixture).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        var variants: [String] = []
        for i in lines.indices {
            variants.append(lines[..<i].joined(separator: "\n"))
            var dropped = lines
            dropped.remove(at: i)
            variants.append(dropped.joined(separator: "\n"))
        }
        let now = UTCInstant(secondsSinceEpoch: 1_796_000_000)
        let start = UTCInstant(secondsSinceEpoch: 1_961_000_000)
        var readable = 0
        for text in variants {
            _ = MeetingList(objects: [.init(resource: "/x.ics", etag: nil, text: text)], inbox: [text],
                            organizer: [CalendarUserAddress(uncheckedURI: "mailto:alice@example.com")])
            guard let object = try? CalendarObject(parsing: text) else { continue }
            _ = InboxReply.replies(in: object)
            guard (try? Meeting(object)) != nil else { continue }
            readable += 1
            _ = try? object.moved(start: start, end: start.adding(seconds: 3600), now: now)
            _ = try? object.cancelledKeepingIt(now: now)
            _ = try? ITIPMessage(.request, of: object, for: [])
        }
        // Dropping an optional line leaves a readable meeting: the loop did real work.
        #expect(readable > lines.count / 2, "\(fixture): \(readable) of \(variants.count)")
    }
}
