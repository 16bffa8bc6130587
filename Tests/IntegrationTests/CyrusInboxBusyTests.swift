import Foundation
import Testing
import CalDAVClient
import FreeBusy
import ICalendar
import Meetings

/// Why Cyrus keeps reporting attendees busy at a meeting's old time after a
/// move or a cancel (Tests/Servers/README.md): their calendar copy moves (or
/// turns CANCELLED, which is not counted), but the first invitation, a
/// METHOD:REQUEST in their scheduling Inbox at the old time, stays there until
/// their own client deals with it, and Cyrus counts it in their free/busy.
/// Pinned here so that a Cyrus that stops doing this is noticed.
extension LocalServerSuites {
@Suite(.serialized) struct CyrusInboxBusyTests {
    typealias Server = BookingIntegrationTests.Server
    let life = MeetingLifecycleTests()

    func busy(at slot: String) throws -> [[String: String]] {
        try BookingIntegrationTests().busy(.cyrus, at: slot, ["bob@example.com"])["bob@example.com"] ?? []
    }

    @Test func theOldTimeIsBusyUntilTheInboxRequestIsGone() async throws {
        let slot = try BookingIntegrationTests().freeSlot(.cyrus)
        let start = try MeetingLifecycleTests.instant(slot)
        let uid = "avail-inboxbusy-\(UUID().uuidString)"
        let env = try Server.cyrus.env()
        let book = try runAvail(["book", "--at", slot + "Z", "--duration", "1h", "--title", "Inbox busy", "--uid", uid, "bob@example.com"], environment: env)
        try #require(book.status == 0, "\(book.stderr)")
        let cancel = try runAvail(["cancel", uid], environment: env)
        try #require(cancel.status == 0, "\(cancel.stderr)")

        // Bob's copy is CANCELLED, yet his free/busy still says busy then.
        let bob = try await life.person("bob", on: .cyrus)
        let copy = try #require(try await life.copy(of: uid, for: bob, from: start, to: start.adding(seconds: 3600)))
        #expect(try Meeting(try CalendarObject(parsing: copy.text)).isCancelled)
        #expect(!(try busy(at: slot)).isEmpty, "Cyrus no longer counts the Inbox REQUEST: update Tests/Servers/README.md")

        // The REQUEST in his Inbox is what is counted: gone, the time is free.
        let requests = try await bob.session.scheduleInboxItems(principal: bob.principal).filter { item in
            guard let object = try? CalendarObject(parsing: item.text) else { return false }
            return object.method == "REQUEST" && (try? Meeting(object))?.uid == uid
        }
        try #require(!requests.isEmpty, "no REQUEST for \(uid) in bob's Inbox")
        for r in requests {
            let gone = try await bob.session.perform(method: "DELETE", url: r.url)
            #expect((200...299).contains(gone.status))
        }
        #expect(try busy(at: slot).isEmpty, "bob is still busy at the cancelled time with the Inbox REQUEST gone")
    }
}
}
