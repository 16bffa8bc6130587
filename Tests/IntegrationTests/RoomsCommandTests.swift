import Foundation
import Testing

extension LocalServerSuites {
/// Rooms through the binary: DAViCal's Resource principals room1 (busy
/// Tuesday 2026-12-08 09:00-11:00 UTC) and room2 (free), seeded by
/// Tests/Servers/davical.sh; Cyrus has no resource principals.
@Suite(.serialized) struct RoomsCommandTests {
    func env(_ server: String) -> [String: String] {
        ["AVAIL_URL": server, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"]
    }

    func json(_ run: CommandRun) throws -> Any {
        do { return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) } catch {
            Issue.record("not JSON: \(run.stdout)\(run.stderr)")
            throw error
        }
    }

    @Test func whoRoomsFindsBothRoomsOnDAViCal() throws {
        let run = try runAvail(["who", "--rooms"], environment: env(try LocalServers.davicalURL().description))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Room 1 <room1@example.com>  (room, directory)\nRoom 2 <room2@example.com>  (room, directory)\n")
        let two = try runAvail(["who", "--rooms", "--format", "json", "2"], environment: env(try LocalServers.davicalURL().description))
        let rows = try #require(try json(two) as? [[String: Any]])
        #expect(rows.map { $0["address"] as? String } == ["room2@example.com"])
        #expect(rows.first?["kind"] as? String == "room" && rows.first?["source"] as? String == "directory")
    }

    /// A config room joins the directory's, with its name and capacity.
    @Test func configRoomsJoinTheDirectorys() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-rooms-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/.config/avail", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "room = Board room <room1@example.com> capacity 8\nroom = Annex <annex@example.com>\n"
            .write(toFile: home + "/.config/avail/config", atomically: true, encoding: .utf8)
        var e = env(try LocalServers.davicalURL().description)
        e["HOME"] = home
        let run = try runAvail(["who", "--rooms"], environment: e)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Board room <room1@example.com>  (room, capacity 8, config)\nAnnex <annex@example.com>  (room, config)\n"
            + "Room 2 <room2@example.com>  (room, directory)\n")
    }

    @Test func cyrusHasNoRooms() throws {
        let run = try runAvail(["who", "--rooms"], environment: env(try LocalServers.cyrusURL().description))
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "avail: no rooms: the server's directory lists no room or resource principals, and the config has no matching `room = NAME <ADDRESS>` line\n")
        // Asking for a room Cyrus does not know: no room's time is known, so no slot is promised.
        let slots = try runAvail(["slots", "--from", "2026-12-08T09:00Z", "--to", "2026-12-08T11:00Z", "--tz", "UTC", "--duration", "1h",
                                  "--room", "room1@example.com", "--format", "json", "bob@example.com"],
                                 environment: env(try LocalServers.cyrusURL().description))
        let answer = try #require(try json(slots) as? [String: Any])
        #expect((answer["slots"] as? [Any])?.isEmpty == true)
        #expect(answer["note"] as? String == "no room's time is known (room1@example.com)")
    }

    /// room1 is busy 09:00-11:00: every suggestion names room2.
    @Test func slotsNameTheFreeRoom() throws {
        let args = ["slots", "--from", "2026-12-08T09:00Z", "--to", "2026-12-08T11:00Z", "--tz", "UTC", "--duration", "1h", "--step", "1h",
                    "--starts", "--room", "room1@example.com", "--room", "room2@example.com", "bob@example.com"]
        let text = try runAvail(args, environment: env(try LocalServers.davicalURL().description))
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout == """
        1h slots, 09:00–17:00 UTC, 1 of 1 required attendees known, in any one of 2 rooms
          Tue 2026-12-08 09:00 – 10:00   room2@example.com   everyone free
          Tue 2026-12-08 10:00 – 11:00   room2@example.com   everyone free

        """)
        let run = try runAvail(args + ["--format", "json"], environment: env(try LocalServers.davicalURL().description))
        let answer = try #require(try json(run) as? [String: Any])
        let slots = try #require(answer["slots"] as? [[String: Any]])
        #expect(slots.map { $0["room"] as? String } == ["mailto:room2@example.com", "mailto:room2@example.com"])
        #expect(slots.map { $0["score"] as? Int } == [100, 100])
        #expect(answer["rooms"] as? [String] == ["mailto:room1@example.com", "mailto:room2@example.com"])
        // room1 alone: nothing before 11:00.
        let busy = try runAvail(["slots", "--from", "2026-12-08T09:00Z", "--to", "2026-12-08T11:00Z", "--tz", "UTC", "--duration", "1h",
                                 "--room", "room1@example.com", "--format", "json", "bob@example.com"],
                                environment: env(try LocalServers.davicalURL().description))
        let none = try #require(try json(busy) as? [String: Any])
        #expect((none["slots"] as? [Any])?.isEmpty == true)
        #expect(none["note"] as? String == "no free slot of that length where everyone required and one of the rooms is free")
    }

    /// A config room group stands for its rooms; the config's names label the suggestions.
    @Test func aRoomGroupFromTheConfig() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-rooms-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/.config/avail", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "room = Board room <room1@example.com> capacity 8\nroom = Annex <room2@example.com>\nrooms = floor2: Board room, room2@example.com\n"
            .write(toFile: home + "/.config/avail/config", atomically: true, encoding: .utf8)
        var e = env(try LocalServers.davicalURL().description)
        e["HOME"] = home
        let run = try runAvail(["slots", "--from", "2026-12-08T09:00Z", "--to", "2026-12-08T12:00Z", "--tz", "UTC", "--duration", "1h",
                                "--step", "1h", "--starts", "--rooms", "floor2", "bob@example.com"], environment: e)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
        1h slots, 09:00–17:00 UTC, 1 of 1 required attendees known, in any one of 2 rooms
          Tue 2026-12-08 09:00 – 10:00   Annex <room2@example.com>   everyone free
          Tue 2026-12-08 10:00 – 11:00   Annex <room2@example.com>   everyone free
          Tue 2026-12-08 11:00 – 12:00   Board room <room1@example.com>   everyone free

        """)
        let unknown = try runAvail(["slots", "--rooms", "floor3", "bob@example.com"], environment: e)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "avail: no room group \"floor3\" in the config (known: floor2) (see `avail slots --help`)\n")
    }

    /// A booking with --room invites the room as CUTYPE=ROOM; DAViCal delivers
    /// it to the room's calendar, whose free/busy then shows the time busy.
    @Test func bookingWithARoomLandsInItsCalendar() throws {
        let e = env(try LocalServers.davicalURL().description)
        // A free far-future hour of its own each run (2028-2037), so runs never collide.
        let year = Int.random(in: 2028...2037), month = Int.random(in: 1...12), day = Int.random(in: 1...28), hour = Int.random(in: 8...16)
        let at = "\(year)-\(month.zeroPadded)-\(day.zeroPadded)T\(hour.zeroPadded):\(["00", "15", "30", "45"].randomElement()!)"
        let window = ["--from", at + "Z", "--to", "\(year)-\(month.zeroPadded)-\(day.zeroPadded)T23:59Z"]
        let before = try runAvail(["query", "--format", "json"] + window + ["room2@example.com"], environment: e)
        let beforeRows = try #require((try json(before) as? [String: Any])?["recipients"] as? [[String: Any]])
        try #require((beforeRows.first?["busy"] as? [Any])?.isEmpty == true, "room2 is already busy at \(at): \(before.stdout)")

        let book = try runAvail(["book", "--at", at, "--tz", "UTC", "--duration", "30m", "--title", "Room check",
                                 "--room", "room2@example.com", "--format", "json", "bob@example.com"], environment: e)
        #expect(book.status == 0, "\(book.stderr)")
        let booked = try #require(try json(book) as? [String: Any])
        let attendees = try #require(booked["attendees"] as? [[String: Any]])
        let room = try #require(attendees.first { $0["address"] as? String == "mailto:room2@example.com" })
        #expect(room["room"] as? Bool == true)
        #expect(room["delivered"] as? Bool == true, "\(room)")
        #expect(room["busy_now"] as? Bool == true, "\(room)")

        let after = try runAvail(["query", "--format", "json"] + window + ["room2@example.com"], environment: e)
        let afterRows = try #require((try json(after) as? [String: Any])?["recipients"] as? [[String: Any]])
        let busy = try #require(afterRows.first?["busy"] as? [[String: Any]])
        #expect(busy.map { $0["start"] as? String } == ["\(at):00Z"], "\(after.stdout)")

        // The room is now taken: a second booking there is refused as a conflict.
        let again = try runAvail(["book", "--at", at, "--tz", "UTC", "--duration", "30m", "--title", "Room check",
                                  "--room", "room2@example.com", "carol@example.com"], environment: e)
        #expect(again.status == 7)
        #expect(again.stderr.contains("room2@example.com is busy then"), "\(again.stderr)")
    }
}
}

private extension Int {
    var zeroPadded: String { self < 10 ? "0\(self)" : "\(self)" }
}
