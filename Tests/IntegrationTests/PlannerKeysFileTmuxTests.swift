import Foundation
import Testing

/// The user's keys file in the real planner (tmux), against DAViCal and Cyrus:
/// `bind next-slot f` makes f find the free slot and n an unknown key, the
/// help overlay lists f, and a bad line is reported with its file and line.
extension LocalServerSuites {
@Suite(.serialized) struct PlannerKeysFileTmuxTests: TmuxDriven {
    let session = "avail-keys-\(getpid())"

    @Test(arguments: ["davical", "cyrus"])
    func aKeysFileRebindsNextSlotToF(server: String) throws {
        let url = try (server == "davical" ? LocalServers.davicalURL() : LocalServers.cyrusURL()).description
        let bin = try LocalServers.availBinary().path
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("avail-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: config + "/avail", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: config) }
        try "# f for free\nbind next-slot f   # instead of n\nbind next-free g\n"
            .write(toFile: config + "/avail/keys", atomically: false, encoding: .utf8)
        let script = "AVAIL_URL=\(url) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 HOME=\(try scratchHome()) "
            + "XDG_CONFIG_HOME=\(config) \(bin) --from 2026-12-07 bob@example.com carol@example.com; "
            + "echo AVAIL_EXIT=$?; sleep 30"
        try tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }

        // Three rows: alice's own (first, with her meetings) and the two asked for.
        let filled = try waitFor(15, "the rows to fill in and the bad line to be reported") { s in
            s.components(separatedBy: "2.0 ok").count == 4 && s.contains("\nalice@example.com") && s.contains("keys: ")
        }
        #expect(filled.contains("keys: \(config)/avail/keys:3: unknown action `next-free`"), "status line: \(filled)")
        #expect(filled.contains("f next free"), "the legend shows f: \(filled)")
        try tmux(["send-keys", "-t", session, "n"])
        _ = try waitFor(5, "n to be an unknown key") { $0.contains("\"n\": no such key") }
        try tmux(["send-keys", "-t", session, "f"])
        _ = try waitFor(5, "f to find a free slot") { $0.contains("free: 30m from here") }
        try tmux(["send-keys", "-t", session, "?"])
        let help = try waitFor(5, "the help overlay") { $0.contains("Keys (any key closes)") }
        #expect(help.contains("f       next common free slot"), "help: \(help)")
        #expect(!help.contains("n       next common free slot"))
        try tmux(["send-keys", "-t", session, "x"]) // closes the help
        try tmux(["send-keys", "-t", session, "q"]) // quits
        let after = try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=") }
        #expect(after.contains("AVAIL_EXIT=0"))
    }

    /// `avail tui --help` lists the key table's default keys, and where to change them.
    @Test func tuiHelpListsTheDefaultKeys() throws {
        let help = try runAvail(["tui", "--help"], environment: [:])
        #expect(help.status == 0)
        for line in ["  ← h      previous time slot", "  H PgUp   previous window (week)", "  n        next common free slot", "  q        quit"] {
            #expect(help.stdout.contains(line + "\n"), "missing \(line.debugDescription) in:\n\(help.stdout)")
        }
        #expect(help.stdout.contains("$XDG_CONFIG_HOME/avail/keys"))
    }
}
}
