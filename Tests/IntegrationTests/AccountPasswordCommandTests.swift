import Foundation
import Testing

extension LocalServerSuites {
/// With several accounts, a command runs only the password_command of the
/// accounts it talks to: each account's command leaves a marker file, and the
/// markers after a run say which ran. Both private servers, each in turn the
/// one a `domains` rule sends everyone to.
@Suite(.serialized) struct AccountPasswordCommandTests {
    struct Home {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avail-passcmd-\(UUID().uuidString)").path
        var environment: [String: String] { ["HOME": path, "XDG_CONFIG_HOME": path + "/config", "XDG_CACHE_HOME": path + "/cache"] }

        /// Cyrus and DAViCal as alice, the configured organizer on both (so who
        /// the user is there is known without asking); `domains` per name.
        func writeConfig(domains: [String: String]) throws {
            try FileManager.default.createDirectory(atPath: path + "/config/avail", withIntermediateDirectories: true)
            var text = "timeout = 20\n"
            for (name, url) in [("cyrus", try LocalServers.cyrusURL()), ("dav", try LocalServers.davicalURL())] {
                text += "\n[account \(name)]\nurl = \(url)\nuser = alice\norganizer = mailto:alice@example.com\n"
                text += "password_command = sh -c 'touch \(path)/ran-\(name); echo alicepw'\n"
                if let d = domains[name] { text += "domains = \(d)\n" }
            }
            let file = path + "/config/avail/config"
            try text.write(toFile: file, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }

        /// The accounts whose password_command ran since the last call (markers removed).
        func ran() throws -> [String] {
            let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix("ran-") }.sorted()
            for n in names { try FileManager.default.removeItem(atPath: path + "/" + n) }
            return names.map { String($0.dropFirst(4)) }
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test(arguments: ["cyrus", "dav"]) func onlyTheAccountsACommandTalksToRunTheirPasswordCommand(_ ruled: String) throws {
        let home = Home()
        defer { home.remove() }
        let other = ruled == "cyrus" ? "dav" : "cyrus"
        try home.writeConfig(domains: [ruled: "example.com", other: "elsewhere.example"])
        let week = ["--from", "2026-12-07", "--to", "2026-12-08"]

        let query = try runAvail(["query", "--refresh", "--format", "json"] + week + ["bob@example.com", "carol@example.com"], environment: home.environment)
        #expect(query.status == 0, "\(query.stderr)")
        #expect(try home.ran() == [ruled], "everyone is \(ruled)'s by its domains: \(other)'s password_command must not run")
        let rows = try #require((try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [String: Any])?["recipients"] as? [[String: Any]])
        #expect(rows.map { $0["status"] as? String } == ["2.0", "2.0"] && rows.allSatisfy { $0["account"] as? String == ruled }, "\(query.stdout)")

        let slots = try runAvail(["slots", "--refresh", "--from", "2026-12-08", "--to", "2026-12-08", "--hours", "08:00-12:00", "bob@example.com"],
                                 environment: home.environment)
        #expect(slots.status == 0, "\(slots.stderr)")
        #expect(try home.ran() == [ruled])

        // The user's own row asks every account: both run.
        let own = try runAvail(["query", "--refresh"] + week + ["alice@example.com"], environment: home.environment)
        #expect(own.status == 0, "\(own.stderr)")
        #expect(try home.ran() == ["cyrus", "dav"])

        // The commands that act on one account run only its command.
        for command in [["discover", "--account", other], ["book", "--dry-run", "--account", other, "--title", "Marker",
                                                           "--at", "2034-03-06T10:00", "bob@example.com"]] {
            let run = try runAvail(command, environment: home.environment)
            #expect(run.status == 0, "\(command): \(run.stderr)")
            #expect(try home.ran() == [other], "\(command)")
        }
        // discover without --account shows, so connects, every account.
        let every = try runAvail(["discover"], environment: home.environment)
        #expect(every.status == 0, "\(every.stderr)")
        #expect(try home.ran() == ["cyrus", "dav"])
    }

    /// password_command runs when a request needs the password: a query the
    /// cache answers whole runs none, one that asks the server runs its
    /// account's once.
    @Test(arguments: ["cyrus", "dav"]) func aQueryTheCacheAnswersRunsNoPasswordCommand(_ ruled: String) throws {
        let home = Home()
        defer { home.remove() }
        let other = ruled == "cyrus" ? "dav" : "cyrus"
        try home.writeConfig(domains: [ruled: "example.com", other: "elsewhere.example"])
        let asked = ["query", "--from", "2026-12-07", "--to", "2026-12-08", "bob@example.com"]
        let cold = try runAvail(asked, environment: home.environment)
        #expect(cold.status == 0, "\(cold.stderr)")
        #expect(try home.ran() == [ruled], "the cold query asked \(ruled)")
        let warm = try runAvail(asked, environment: home.environment)
        #expect(warm.status == 0 && warm.stdout.contains("bob@example.com"), "\(warm.stdout)\(warm.stderr)")
        #expect(try home.ran() == [], "answered from the cache: no password asked")
        let refreshed = try runAvail(asked + ["--refresh"], environment: home.environment)
        #expect(refreshed.status == 0, "\(refreshed.stderr)")
        #expect(try home.ran() == [ruled])
    }
}
}
