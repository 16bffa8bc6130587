import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Scheduling
import Testing

/// Config `room` lines, room groups and what `--room`/`--rooms` resolve to.
@Suite struct RoomTests {
    let room1 = CalendarUserAddress(uncheckedURI: "mailto:room1@example.com")
    let room2 = CalendarUserAddress(uncheckedURI: "mailto:room2@example.com")

    @Test func roomLinesParse() throws {
        let full = try Room.parse("Room 1 <room1@example.com> capacity 8").get()
        #expect(full == Room(name: "Room 1", address: room1, capacity: 8))
        #expect(full.label == "Room 1 <room1@example.com>")
        #expect(try Room.parse("room2@example.com").get() == Room(name: nil, address: room2))
        #expect(try Room.parse("<mailto:room2@example.com>").get() == Room(name: nil, address: room2))
        #expect(try Room.parse("Big  room <room2@example.com>").get().name == "Big room")
    }

    @Test func badRoomLinesSayWhy() {
        func problem(_ text: String) -> String? {
            if case let .failure(p) = Room.parse(text) { return p.message }
            return nil
        }
        #expect(problem("Room 1 <room1@example.com> capacity eight") == "capacity must be a whole number of people, e.g. `capacity 8`")
        #expect(problem("Room 1 <room1@example.com> capacity 0") == "capacity must be a whole number of people, e.g. `capacity 8`")
        #expect(problem("Room 1 room1@example.com") == "expected `NAME <ADDRESS> [capacity N]`, e.g. room = Room 1 <room1@example.com> capacity 8")
        #expect(problem("Room 1 <room1@example.com") == "the address must be in <…> after the name, e.g. Room 1 <room1@example.com>")
        #expect(problem("Room 1 <not an address>") == "\"not an address\" is not an email address or mailto: URI")
        #expect(problem("") != nil)
    }

    /// Odd lines return a room or a problem, never trap.
    @Test func oddRoomLinesAreTotal() throws {
        for text in ["capacity", "capacity 8", "<>", "<", ">", "< >", "x capacity 99999999999999999999", "Raum \u{1F3E2} <raum@example.com>",
                     "a <b@example.com> <c@example.com>", "\t<room1@example.com>\t", String(repeating: "<", count: 10_000)] {
            switch Room.parse(text) {
            case let .success(room): #expect(!room.address.uri.isEmpty)
            case let .failure(problem): #expect(!problem.message.isEmpty && !problem.message.contains("\n"))
            }
        }
        #expect(try Room.parse("Raum \u{1F3E2} <raum@example.com>").get().name == "Raum \u{1F3E2}")
    }

    @Test func roomsResolveByNameAddressAndGroup() throws {
        let catalog = RoomCatalog(rooms: [Room(name: "Room 1", address: room1, capacity: 8)],
                                  groups: ["floor2": ["Room 1", "room2@example.com"]])
        #expect(try catalog.resolve(rooms: ["room 1"], groups: []).map(\.address) == [room1])
        #expect(try catalog.resolve(rooms: ["room2@example.com"], groups: []).first?.name == nil)
        // The config's name and capacity come with an address the config names.
        #expect(try catalog.resolve(rooms: ["mailto:ROOM1@example.com"], groups: []).first?.capacity == 8)
        // A group, then single rooms; each room once.
        #expect(try catalog.resolve(rooms: ["room1@example.com"], groups: ["FLOOR2"]).map(\.address) == [room1, room2])
        #expect(throws: RoomCatalog.Problem(message: "no room group \"floor3\" in the config (known: floor2)")) {
            try catalog.resolve(rooms: [], groups: ["floor3"])
        }
        #expect(throws: RoomCatalog.Problem(message: "room \"Room 9\" is neither a room of the config nor an email address")) {
            try catalog.resolve(rooms: ["Room 9"], groups: [])
        }
    }

    /// A room named twice, or also as an attendee, is invited once, as a room.
    @Test func aBookingInvitesEachRoomOnceAsARoom() throws {
        let bob = CalendarUserAddress(uncheckedURI: "mailto:bob@example.com")
        var request = BookingRequest(start: UTCInstant(year: 2030, month: 1, day: 7, hour: 9)!, end: UTCInstant(year: 2030, month: 1, day: 7, hour: 10)!,
                                     title: "Sync", location: nil, description: nil, required: [bob, room2], optional: [room1], uid: nil,
                                     zone: try #require(DisplayZone.named("UTC")))
        request.book(rooms: [room2, room1, CalendarUserAddress(uncheckedURI: "mailto:ROOM2@example.com")])
        #expect(request.required == [bob] && request.optional.isEmpty)
        #expect(request.rooms == [room2, room1])
        #expect(request.everyone == [bob, room2, room1])
        #expect(request.calendarUserTypes == [room1.matchKey: .room, room2.matchKey: .room])
    }

    @Test func directoryRoomsFollowTheConfigs() {
        let catalog = RoomCatalog(rooms: [Room(name: "Room 1", address: room1, capacity: 8)])
        let merged = catalog.merged(withDirectory: [Room(name: "room1", address: room1, source: .directory),
                                                    Room(name: "Room Two", address: room2, source: .directory)])
        #expect(merged.map(\.address) == [room1, room2])
        #expect(merged.map(\.source) == [.config, .directory])
        #expect(merged.first?.capacity == 8)
    }
}

/// `who --rooms` below the CLI: the directory's rooms and the config's.
@Suite struct RoomSearchTests {
    @Test func directoryAndConfigRoomsTogether() async throws {
        let f = try ServiceFixture()
        defer { f.remove() }
        let room2 = CalendarUserAddress(uncheckedURI: "mailto:room2@example.com")
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())],
                                          rooms: .success([DirectoryEntry(displayName: "Room Two", address: room2, calendarUserType: .resource)])))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let catalog = RoomCatalog(rooms: [Room(name: "Room 1", address: CalendarUserAddress(uncheckedURI: "mailto:room1@example.com"))])
        let all = await RoomSearch(freeBusy: service, catalog: catalog).find(nil, now: f.now)
        #expect(all.rooms.map(\.label) == ["Room 1 <room1@example.com>", "Room Two <room2@example.com>"])
        #expect(all.directoryError == nil)
        let two = await RoomSearch(freeBusy: service, catalog: catalog).find("two", now: f.now)
        #expect(two.rooms.map(\.address) == [room2])
        #expect(server.count(.findRooms) == 2)
    }

    @Test func theConfigsRoomsAnswerWhenTheDirectoryFails() async throws {
        let f = try ServiceFixture()
        defer { f.remove() }
        let server = RecordedServer(.init(discoveries: [.success(f.discovery())], rooms: .failure(ServiceFixture.down)))
        let service = FreeBusyService(server: server, cache: f.cache, policy: CachePolicy())
        let catalog = RoomCatalog(rooms: [Room(name: "Room 1", address: CalendarUserAddress(uncheckedURI: "mailto:room1@example.com"))])
        let found = await RoomSearch(freeBusy: service, catalog: catalog).find("", now: f.now)
        #expect(found.rooms.map(\.name) == ["Room 1"])
        #expect(found.directoryError == ServiceFixture.down)
        #expect(found.failure?.exitCode == 0, "a directory down for now is a warning")
    }
}
