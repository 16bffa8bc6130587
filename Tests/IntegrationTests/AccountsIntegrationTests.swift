import Foundation
import Testing

extension LocalServerSuites {
/// Two accounts in one query: the private Cyrus and the private DAViCal at
/// once, both as alice. Both know bob@example.com; only DAViCal knows
/// room1@example.com (Cyrus answers 5.1), so where an attendee was asked shows
/// in the answer, in the trace (POSTs per server) and in the two caches.
@Suite(.serialized) struct AccountsIntegrationTests {
    struct Home {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avail-accounts-\(UUID().uuidString)").path
        var trace: String { path + "/trace" }
        var environment: [String: String] { ["HOME": path, "XDG_CONFIG_HOME": path + "/config", "XDG_CACHE_HOME": path + "/cache"] }

        /// A config with Cyrus first and DAViCal second; `domains` lines per account name.
        func writeConfig(domains: [String: String] = [:]) throws {
            try FileManager.default.createDirectory(atPath: path + "/config/avail", withIntermediateDirectories: true)
            var text = "timeout = 20\n"
            for (name, url) in [("cyrus", try LocalServers.cyrusURL()), ("dav", try LocalServers.davicalURL())] {
                text += "\n[account \(name)]\nurl = \(url)\nuser = alice\npassword = alicepw\n"
                if let d = domains[name] { text += "domains = \(d)\n" }
            }
            let file = path + "/config/avail/config"
            try text.write(toFile: file, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }

        /// The free/busy POSTs in the trace, per server port.
        func posts() throws -> [String: Int] {
            let text = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
            var out: [String: Int] = [:]
            for line in text.split(separator: "\n") where line.hasPrefix("> POST ") {
                let port = try LocalServers.cyrusURL().port.map { line.contains(":\($0)/") } == true ? "cyrus" : "dav"
                out[port, default: 0] += 1
            }
            return out
        }
    }

    /// The seeded week (Tests/Servers/README.md).
    let week = ["--from", "2026-12-07", "--to", "2026-12-12"]

    func rows(_ json: String) throws -> [String: [String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(json)")
        let list = try #require(object["recipients"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { (($0["recipient"] as? String) ?? "", $0) })
    }

    func busy(_ row: [String: Any]?) -> [[String]] {
        ((row?["busy"] as? [[String: Any]]) ?? []).map { [($0["start"] as? String) ?? "", ($0["end"] as? String) ?? ""] }
    }

    @Test func anAttendeeTheFirstAccountDoesNotKnowIsAnsweredByTheSecond() throws {
        let home = Home()
        defer { home.remove() }
        try home.writeConfig()
        let run = try runAvail(["query", "--refresh", "--format", "json", "--debug", home.trace] + week + ["bob@example.com", "room1@example.com"],
                               environment: home.environment)
        #expect(run.status == 0, "\(run.stderr)")
        let r = try rows(run.stdout)
        #expect(r["mailto:bob@example.com"]?["status"] as? String == "2.0")
        #expect(r["mailto:bob@example.com"]?["account"] as? String == "cyrus")
        #expect(r["mailto:room1@example.com"]?["status"] as? String == "2.0", "DAViCal knows the room: \(run.stdout)")
        #expect(r["mailto:room1@example.com"]?["account"] as? String == "dav")
        #expect(busy(r["mailto:room1@example.com"]) == [["2026-12-08T09:00:00Z", "2026-12-08T11:00:00Z"]])
        #expect(try home.posts() == ["cyrus": 1, "dav": 1], "bob and the room to Cyrus, then the room alone to DAViCal")

        // dave: Cyrus does not know him (5.1), DAViCal does but he shares nothing (3.8): the 3.8 is shown.
        let dave = try runAvail(["query", "--refresh", "--format", "json"] + week + ["dave@example.com"], environment: home.environment)
        let daveRow = try rows(dave.stdout)["mailto:dave@example.com"]
        #expect(daveRow?["status"] as? String == "3.8" && daveRow?["account"] as? String == "dav", "\(dave.stdout)")

        // Each account keeps its own cache directory, and what it learned there:
        // the next query asks DAViCal first about the room, and Cyrus only about bob.
        let cacheDirs = try FileManager.default.contentsOfDirectory(atPath: home.path + "/cache/avail")
            .filter { FileManager.default.fileExists(atPath: home.path + "/cache/avail/\($0)/discovery") }
        #expect(cacheDirs.count == 2, "\(cacheDirs)")
        // `cache clear --account NAME` takes a name from the config: only that account's part goes.
        let copy = home.path + "/cache-copy"
        try FileManager.default.copyItem(atPath: home.path + "/cache", toPath: copy)
        var copyEnv = home.environment
        copyEnv["XDG_CACHE_HOME"] = copy
        let clear = try runAvail(["cache", "clear", "--account", "dav"], environment: copyEnv)
        #expect(clear.status == 0, "\(clear.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: copy + "/avail")
            .filter { FileManager.default.fileExists(atPath: copy + "/avail/\($0)/discovery") }
        #expect(left.count == 1 && clear.stdout.contains(" for http://127.0.0.1:58080 alice"), "\(clear.stdout) \(left)")
        try? FileManager.default.removeItem(atPath: home.trace)
        let again = try runAvail(["query", "--refresh", "--debug", home.trace] + week + ["bob@example.com", "room1@example.com"],
                                 environment: home.environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try home.posts() == ["cyrus": 1, "dav": 1])
        let trace = (try? String(contentsOfFile: home.trace, encoding: .utf8)) ?? ""
        #expect(trace.components(separatedBy: "room1@example.com").count - 1 <= 3, "the room went to DAViCal only")
        #expect(again.stdout.contains("[account cyrus]") && again.stdout.contains("[account dav]"), "\(again.stdout)")
    }

    @Test func aDomainRuleSendsEveryoneThereToThatAccountOnly() throws {
        let home = Home()
        defer { home.remove() }
        try home.writeConfig(domains: ["dav": "example.com"])
        let run = try runAvail(["query", "--refresh", "--format", "json", "--debug", home.trace] + week + ["bob@example.com", "carol@example.com"],
                               environment: home.environment)
        #expect(run.status == 0, "\(run.stderr)")
        let r = try rows(run.stdout)
        #expect(r.values.map { $0["account"] as? String } == ["dav", "dav"])
        #expect(try home.posts() == ["dav": 1], "Cyrus, first in the config, is not asked")
    }

    /// alice is the user on both servers: her row is asked on both and merged.
    @Test func theUsersOwnRowMergesBothAccounts() throws {
        let home = Home()
        defer { home.remove() }
        try home.writeConfig()
        let merged = try runAvail(["query", "--refresh", "--format", "json", "--debug", home.trace] + week + ["alice@example.com"],
                                  environment: home.environment)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try home.posts() == ["cyrus": 1, "dav": 1])
        let row = try rows(merged.stdout)["mailto:alice@example.com"]
        #expect(row?["account"] as? String == "cyrus+dav", "\(merged.stdout)")
        let union = busy(row)
        for name in ["cyrus", "dav"] {
            let one = try runAvail(["query", "--refresh", "--format", "json", "--account", name] + week + ["alice@example.com"],
                                   environment: home.environment)
            #expect(one.status == 0, "\(one.stderr)")
            let single = try rows(one.stdout)["mailto:alice@example.com"]
            #expect(single?["account"] == nil, "one account chosen: no account field")
            for p in busy(single) {
                #expect(union.contains { $0[0] <= p[0] && p[1] <= $0[1] }, "\(name)'s \(p) is inside the merged row \(union)")
            }
        }
    }

    /// slots routes the same way: the room's busy time comes from DAViCal, bob's from Cyrus.
    @Test func slotsPlansAroundAnswersFromBothAccounts() throws {
        let home = Home()
        defer { home.remove() }
        try home.writeConfig()
        let run = try runAvail(["slots", "--refresh", "--debug", home.trace, "--from", "2026-12-08", "--to", "2026-12-08", "--hours", "08:00-12:00",
                                "room1@example.com", "bob@example.com"], environment: home.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Free for 30m or longer, in UTC:\nTue 8 Dec 08:30–09:00 (30m)\nTue 8 Dec 11:00–12:00 (1h)\n", "\(run.stdout)")
        #expect(try home.posts() == ["cyrus": 1, "dav": 1])
    }

    @Test func anAccountNotInTheConfigIsOneLineAndExit2() throws {
        let home = Home()
        defer { home.remove() }
        try home.writeConfig()
        let run = try runAvail(["query", "--account", "gym", "bob@example.com"], environment: home.environment)
        #expect(run.status == 2)
        #expect(run.stderr == "avail: no account \"gym\" in the config (accounts: cyrus, dav)\n", "\(run.stderr)")
        let env = try runAvail(["book", "--dry-run", "--title", "Gym", "--at", "2031-03-03T10:00", "bob@example.com"],
                               environment: home.environment.merging(["AVAIL_ACCOUNT": "gym"]) { $1 })
        #expect(env.status == 2 && env.stderr.contains("no account \"gym\""), "\(env.stderr)")

        // A mistake in a section: one line naming the file and line, exit 2, on every command.
        let file = home.path + "/config/avail/config"
        try "timeout = 20\n[account home]\nuser = alice\n".write(toFile: file, atomically: false, encoding: .utf8)
        for command in [["query", "bob@example.com"], ["meetings"], ["tui", "bob@example.com"]] {
            let bad = try runAvail(command, environment: home.environment)
            #expect(bad.status == 2, "\(command)")
            #expect(bad.stderr == "avail: \(file):2: [account home] has no url\n", "\(command): \(bad.stderr)")
        }
    }
}

/// The planner over both accounts: each row's status names the account that answered.
@Suite(.serialized) struct AccountsPlannerTmuxTests: TmuxDriven {
    let session = "avail-accounts-\(getpid())"

    @Test func theStatusColumnNamesTheAccount() throws {
        let home = AccountsIntegrationTests.Home()
        defer { home.remove() }
        try home.writeConfig()
        let bin = try LocalServers.availBinary().path
        let script = "HOME=\(home.path) XDG_CONFIG_HOME=\(home.path)/config XDG_CACHE_HOME=\(home.path)/cache TZ=UTC LANG=C.UTF-8 "
            + "\(bin) --from 2026-12-07 --days 5 bob@example.com room1@example.com; sleep 30"
        try tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        let filled = try waitFor(20, "three rows answered, each naming its account") { s in
            s.contains("2.0 @cyrus+") && s.contains("2.0 @cyrus ") && s.contains("2.0 @dav ")
        }
        let lines = filled.split(separator: "\n").map(String.init)
        #expect(lines.first { $0.hasPrefix("bob@example.com") }?.contains("2.0 @cyrus ") == true, "\(filled)")
        #expect(lines.first { $0.hasPrefix("room1@example.com") }?.contains("2.0 @dav ") == true, "\(filled)")
        #expect(lines.first { $0.hasPrefix("alice@example.com") }?.contains("2.0 @cyrus+") == true, "your own row, merged: \(filled)")
        let room = lines.first { $0.hasPrefix("room1@example.com") } ?? ""
        #expect(room.contains("█"), "the room's Tuesday 09:00-11:00 from DAViCal: \(room)")
    }
}
}
