import Foundation
import Testing
import CalDAVClient
import FreeBusy
import HTTPClient
import ICalendar

/// Rooms from the server's directory: DAViCal's Resource principals room1 and
/// room2 (Tests/Servers/davical.sh seeds them; room1 is busy Tuesday
/// 09:00-11:00 UTC), and Cyrus, which has none.
extension LocalServerSuites {
@Suite(.serialized) struct RoomsIntegrationTests {
    static func session(_ server: HTTPURL) async throws -> (CalDAVSession, DiscoveryResult) {
        let session = CalDAVSession(account: try LocalServers.account(server: server), http: HTTPClient())
        return (session, try await session.discover())
    }

    @Test func davicalFindsBothRoomsAndNoPeople() async throws {
        let (session, d) = try await Self.session(try LocalServers.davicalURL())
        let rooms = try await session.findRooms(principal: d.principalURL)
        #expect(rooms.map(\.address.uri).sorted() == ["mailto:room1@example.com", "mailto:room2@example.com"])
        #expect(rooms.allSatisfy { $0.calendarUserType == .resource && $0.isRoom })
        #expect(rooms.map { $0.displayName ?? "" }.sorted() == ["Room 1", "Room 2"])
        let two = try await session.findRooms(principal: d.principalURL, matching: "room 2")
        #expect(two.map(\.address.uri) == ["mailto:room2@example.com"])
    }

    @Test func davicalSearchByNameSaysWhoIsARoom() async throws {
        let (session, d) = try await Self.session(try LocalServers.davicalURL())
        let rooms = try await session.searchDirectory(.text("Room"), principal: d.principalURL)
        #expect(rooms.map(\.address.uri).sorted() == ["mailto:room1@example.com", "mailto:room2@example.com"])
        #expect(rooms.allSatisfy { $0.isRoom })
        let bob = try await session.searchDirectory(.text("bob"), principal: d.principalURL)
        #expect(bob.map(\.address.uri) == ["mailto:bob@example.com"])
        #expect(bob.first?.calendarUserType == .individual)
    }

    @Test func aRoomsFreeBusyThroughAlicesOutbox() async throws {
        let (session, d) = try await Self.session(try LocalServers.davicalURL())
        let rooms = try ["room1@example.com", "room2@example.com"].map { try CalendarUserAddress($0) }
        var request = FreeBusyRequest(organizer: d.organizer, attendees: rooms, window: DAViCalTests.week,
                                      uid: "avail-rooms-\(UInt32.random(in: 0...UInt32.max))",
                                      timestamp: UTCInstant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))
        for r in rooms { request.calendarUserTypes[r.matchKey] = .room }
        #expect(request.iCalendarText.contains("ATTENDEE;CUTYPE=ROOM:mailto:room1@example.com"))
        let result = try await session.queryFreeBusy(request, outbox: d.outboxURL)
        #expect(result.recipients.map(\.status.code) == ["2.0", "2.0"])
        #expect(result.recipients[0].busy == [BusyPeriod(start: DAViCalTests.at(8, 9), end: DAViCalTests.at(8, 11), type: .busy)])
        #expect(result.recipients[1].busy == [])
    }

    /// Cyrus has only user principals: no rooms, and people are INDIVIDUAL.
    @Test func cyrusHasNoRooms() async throws {
        let (session, d) = try await Self.session(try LocalServers.cyrusURL())
        #expect(try await session.findRooms(principal: d.principalURL) == [])
        let bob = try await session.searchDirectory(.text("bo"), principal: d.principalURL)
        #expect(bob.map(\.address.uri) == ["mailto:bob@example.com"])
        #expect(bob.first?.calendarUserType == .individual)
    }
}
}
