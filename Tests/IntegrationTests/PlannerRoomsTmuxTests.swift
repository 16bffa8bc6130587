import Foundation
import Testing
import ICalendar

/// The planner's room section against DAViCal's two rooms (Tests/Servers/README.md:
/// room1 busy Tue 8 Dec 09:00–11:00Z, room2 free): both rooms show below the
/// people by their directory names, and the `all` row names the free one.
/// Cyrus has no room principals, so this runs on DAViCal only.
extension LocalServerSuites {
@Suite(.serialized) struct PlannerRoomsTmuxTests: TmuxDriven {
    let session = "avail-rooms-\(getpid())"

    @Test func bothRoomsShowAndTheAllRowNamesTheFreeOne() throws {
        let url = try LocalServers.davicalURL().description
        let bin = try LocalServers.availBinary().path
        // No config (HOME is empty): the names can only come from the directory.
        let script = "AVAIL_URL=\(url) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 HOME=\(try scratchHome()) "
            + "\(bin) --from 2026-12-07 --room room1@example.com --room room2@example.com bob@example.com; "
            + "echo AVAIL_EXIT=$?; sleep 30"
        try tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }

        let filled = try waitFor(15, "the rooms to be named and answered") { s in
            let lines = s.split(separator: "\n")
            return lines.contains { $0.hasPrefix("Room 1") && $0.contains("2.0 ok") }
                && lines.contains { $0.hasPrefix("Room 2") && $0.contains("2.0 ok") }
                && s.contains("\nalice@example.com")
        }
        let lines = filled.split(separator: "\n").map(String.init)
        let heading = try #require(lines.firstIndex { $0.hasPrefix("Rooms") }, "the room section's heading")
        let all = try #require(lines.firstIndex { $0.hasPrefix("all") })
        #expect(heading == all + 1, "the rooms come below the all row")
        // Tuesday's first column (08:00) is the 21st cell: 09:00–11:00 are cells 23–26.
        let room1 = lines[heading + 1], room2 = lines[heading + 2]
        let gridX = room1.distance(from: room1.startIndex, to: try #require(room1.range(of: "2.0 ok")).lowerBound) + 12
        let tuesday = { (line: String) in String(Array(line).dropFirst(gridX + 21).prefix(8)) }
        #expect(tuesday(room1) == "··████··", "room1 busy Tue 09:00–11:00: \(room1)")
        #expect(tuesday(room2) == "········", "room2 free: \(room2)")

        // The cursor stays on bob when alice's own row comes in above him: one
        // down is the all row; then Tuesday 09:00 (column 22).
        try tmux(["send-keys", "-t", session, "j"])
        for _ in 0..<22 { try tmux(["send-keys", "-t", session, "l"]) }
        _ = try waitFor(5, "the all row's sentence to name the free room") {
            $0.contains("all attendees, Tue 8 Dec 09:00–09:30") || $0.contains("all attendees, Tuesday 8 December 09:00 to 09:30")
        }
        let status = try screen().split(separator: "\n").map(String.init).first { $0.contains("all attendees,") } ?? ""
        #expect(status.hasSuffix("rooms free: Room 2"), "\(status)")
        try tmux(["send-keys", "-t", session, "q"])
        let after = try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=") }
        #expect(after.contains("AVAIL_EXIT=0"))
    }

    /// b with rooms in view books the first free one with the people:
    /// DAViCal delivers it to the room, whose time is then busy.
    @Test func bookingFromThePlannerTakesTheFreeRoom() throws {
        let url = try LocalServers.davicalURL().description
        let bin = try LocalServers.availBinary().path
        // One HOME for the queries and the planner: the booking must leave no
        // stale answer for room1 in the cache they share.
        let home = try scratchHome()
        let e = ["AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw", "HOME": home]
        // A far day of its own (2028-2037, Cyrus-safe years, away from others' tests) whose
        // 10:00 is free for bob and room1, checked first (earlier runs' meetings stay).
        var day: UTCInstant? = nil
        for _ in 0..<20 {
            let d = UTCInstant(year: Int.random(in: 2028...2037), month: Int.random(in: 1...12), day: Int.random(in: 1...28))!
            let ten = d.adding(seconds: 10 * 3600)
            let check = try runAvail(["query", "--from", ten.iso8601String, "--to", ten.adding(seconds: 1800).iso8601String, "--format", "json",
                                      "bob@example.com", "room1@example.com"], environment: e)
            let rows = (try? JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])?["recipients"] as? [[String: Any]] ?? []
            if rows.count == 2, rows.allSatisfy({ ($0["busy"] as? [Any])?.isEmpty == true }) { day = d; break }
        }
        let d = try #require(day, "no free day found")
        let c = d.components
        let from = String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
        let script = "AVAIL_URL=\(url) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 HOME=\(home) "
            + "\(bin) --from \(from) --room room1@example.com --room room2@example.com bob@example.com; echo AVAIL_EXIT=$?; sleep 30"
        try tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        _ = try waitFor(15, "everyone and both rooms to answer") { s in
            s.components(separatedBy: "2.0 ok").count == 5 && s.contains("\nalice@example.com") && s.contains("\nRoom 1")
        }
        // Column 4 is 10:00 (08:00 + four half hours); the cursor is on bob's row.
        try tmux(["send-keys", "-t", session, "l", "l", "l", "l", "b"])
        _ = try waitFor(5, "the booking form with the room") { $0.contains("Book a meeting") && $0.contains("room: Room 1") }
        try tmux(["send-keys", "-t", session, "-l", "Room from the planner"])
        try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor(5, "the confirmation naming the room") { $0.contains("Book this meeting?") && $0.contains("10:00–10:30 UTC  in Room 1") }
        try tmux(["send-keys", "-t", session, "y"])
        let booked = try waitFor(15, "the booking to be reported") { $0.contains("booked “Room from the planner”") }
        #expect(booked.contains("2 of 2 invitations delivered"), "bob and the room: \(booked)")
        _ = try waitFor(10, "Room 1's row to show the meeting") { s in
            s.split(separator: "\n").first { $0.hasPrefix("Room 1") }?.contains("····█") == true
        }
        try tmux(["send-keys", "-t", session, "q"])
        #expect(try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=") }.contains("AVAIL_EXIT=0"))
        let ten = d.adding(seconds: 10 * 3600)
        let after = try runAvail(["query", "--from", ten.iso8601String, "--to", ten.adding(seconds: 1800).iso8601String, "--format", "json",
                                  "room1@example.com"], environment: e)
        let rows = (try? JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])?["recipients"] as? [[String: Any]] ?? []
        #expect((rows.first?["busy"] as? [Any])?.count == 1, "room1 busy at 10:00 after the booking: \(after.stdout)")
    }

    /// R brings the config's rooms in, by the config's name and size.
    @Test func theConfigsRoomsComeInWithR() throws {
        let url = try LocalServers.davicalURL().description
        let bin = try LocalServers.availBinary().path
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-planner-rooms-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/.config/avail", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "room = Board room <room1@example.com> capacity 8\n".write(toFile: home + "/.config/avail/config", atomically: true, encoding: .utf8)
        let script = "AVAIL_URL=\(url) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 HOME=\(home) XDG_CACHE_HOME=\(home)/cache "
            + "\(bin) --from 2026-12-07 bob@example.com; echo AVAIL_EXIT=$?; sleep 30"
        try tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        let before = try waitFor(15, "bob's row") { $0.contains("bob@example.com") && $0.contains("2.0 ok") }
        #expect(!before.contains("Rooms"), "no room section until asked for")
        try tmux(["send-keys", "-t", session, "R"])
        let shown = try waitFor(10, "the config's room to show and answer") { s in
            s.split(separator: "\n").contains { $0.hasPrefix("Board room (8)") && $0.contains("2.0 ok") }
        }
        #expect(shown.contains("rooms: Board room"))
        try tmux(["send-keys", "-t", session, "R"])
        _ = try waitFor(5, "R again to hide the rooms") { !$0.contains("Board room (8)") && $0.contains("rooms hidden") }
        try tmux(["send-keys", "-t", session, "q"])
        #expect(try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=") }.contains("AVAIL_EXIT=0"))
        // The room asked about is remembered with the people, for completion.
        let cacheFiles = FileManager.default.enumerator(atPath: home + "/cache")?.compactMap { $0 as? String } ?? []
        let recent = try #require(cacheFiles.first { $0.hasSuffix("recent-attendees") }, "no recent-attendees in \(cacheFiles)")
        let remembered = try String(contentsOfFile: home + "/cache/" + recent, encoding: .utf8)
        #expect(remembered.contains("\nroom1@example.com\n") && remembered.contains("\nbob@example.com\n"), "\(remembered)")
    }

    /// A room group the config does not have is a usage error, before the terminal is needed.
    @Test func anUnknownRoomGroupIsAUsageError() throws {
        let run = try runAvail(["tui", "--rooms", "floor9", "bob@example.com"],
                               environment: ["AVAIL_URL": try LocalServers.davicalURL().description, "AVAIL_USER": "alice",
                                             "AVAIL_PASSWORD": "alicepw", "HOME": try scratchHome(), "PATH": "/usr/bin:/bin"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("avail: no room group \"floor9\" in the config"), "\(run.stderr)")
    }
}
}
