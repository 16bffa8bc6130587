import Foundation
import Testing

extension LocalServerSuites {
/// The planner asks who the user is from several places at its start (the
/// query's discovery, the meetings on the user's own row, the meetings
/// reader): one look-up serves them all, so /.well-known/caldav is asked once
/// (three times before), on DAViCal and on Cyrus.
@Suite(.serialized) struct PlannerDiscoveryTmuxTests: TmuxDriven {
    let session = "avail-disc-\(getpid())"
    typealias Server = DiscoveryRoundTripsIntegrationTests.Server

    @Test(arguments: Server.allCases)
    func thePlannersStartLooksThePrincipalUpOnce(server: Server) throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-disc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let trace = home + "/trace"
        let bin = try LocalServers.availBinary().path
        let script = "AVAIL_URL=\(try server.url().description) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 "
            + "HOME=\(home) XDG_CACHE_HOME=\(home)/cache \(bin) --debug \(trace) --from 2026-12-07 bob@example.com carol@example.com; "
            + "echo AVAIL_EXIT=$?; sleep 30"
        _ = try? tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }

        _ = try waitFor(15, "bob's and carol's rows answered") { s in
            s.split(separator: "\n").filter { ($0.hasPrefix("bob@") || $0.hasPrefix("carol@")) && $0.contains("2.0 ok") }.count == 2
        }
        // The meetings are read last: the scheduling Inbox's REPORT.
        let inbox = server == .davical ? "/caldav.php/alice/.in/" : "/dav/calendars/user/alice/Inbox/"
        let deadline = Date().addingTimeInterval(15)
        func requests() -> [String] {
            ((try? String(contentsOfFile: trace, encoding: .utf8)) ?? "").split(separator: "\n")
                .filter { $0.hasPrefix("> ") && $0.dropFirst(2).first?.isUppercase == true && $0.contains(" http") }.map(String.init)
        }
        while Date() < deadline, !requests().contains(where: { $0.hasPrefix("> REPORT ") && $0.hasSuffix(inbox) }) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        try tmux(["send-keys", "-t", session, "q"])
        _ = try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=0") }

        let sent = requests()
        #expect(sent.contains { $0.hasPrefix("> REPORT ") && $0.hasSuffix(inbox) }, "the meetings were read: \(sent)")
        #expect(sent.filter { $0.hasSuffix("/.well-known/caldav") }.count == 1, "on \(server): \(sent)")
        #expect(sent.filter { $0.hasPrefix("> POST ") }.count >= 1, "on \(server): \(sent)")
    }

    /// With the discovery cached, the user's address is known before anything
    /// is asked: their row is at the top from the first frame and in the first
    /// free/busy request, not asked alone after the meetings read names it.
    @Test(arguments: Server.allCases)
    func withTheDiscoveryCachedTheUsersRowIsInTheFirstRequest(server: Server) throws {
        let home = try scratchHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let env = ["AVAIL_URL": try server.url().description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw", "HOME": home, "TZ": "UTC"]
        let first = try runAvail(["query", "--from", "2026-12-07", "--days", "1", "dave@example.com"], environment: env)
        try #require(first.status == 0 || first.status == 5, "the cold query: \(first.stderr)") // dave is unknown on Cyrus
        let trace = home + "/trace"
        let bin = try LocalServers.availBinary().path
        let script = "AVAIL_URL=\(try server.url().description) AVAIL_USER=alice AVAIL_PASSWORD=alicepw TZ=UTC LANG=C.UTF-8 "
            + "HOME=\(home) \(bin) --debug \(trace) --from 2026-12-07 bob@example.com carol@example.com; echo AVAIL_EXIT=$?; sleep 30"
        _ = try? tmux(["kill-session", "-t", session])
        try tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "30", script])
        defer { _ = try? tmux(["kill-session", "-t", session]) }
        let screen = try waitFor(15, "alice's, bob's and carol's rows answered") { s in
            s.split(separator: "\n").filter { ($0.hasPrefix("alice@") || $0.hasPrefix("bob@") || $0.hasPrefix("carol@")) && $0.contains("2.0 ok") }
                .count == 3
        }
        let rows = screen.split(separator: "\n").filter { $0.hasPrefix("alice@") || $0.hasPrefix("bob@") || $0.hasPrefix("carol@") }
        #expect(rows.first?.hasPrefix("alice@") == true, "the user's row first: \(screen)")
        // Every request is in the trace once the meetings are read (the Inbox's REPORT comes last).
        let inbox = server == .davical ? "/caldav.php/alice/.in/" : "/dav/calendars/user/alice/Inbox/"
        let deadline = Date().addingTimeInterval(15)
        var text = ""
        while Date() < deadline {
            text = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
            if text.contains("> REPORT ") && text.contains(inbox) { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        try tmux(["send-keys", "-t", session, "q"])
        _ = try waitFor(5, "avail to exit") { $0.contains("AVAIL_EXIT=0") }
        // The free/busy POSTs, each with the attendees it asked about.
        let posts = text.components(separatedBy: "\n> POST ").dropFirst().map { block in
            // Bodies end their lines in CRLF: one Character to Swift, a newline either way.
            block.split(whereSeparator: \.isNewline).prefix { !$0.hasPrefix("< ") }.filter { $0.hasPrefix("ATTENDEE") }
        }
        #expect(posts.count == 1, "one POST for everyone on \(server): \(posts)")
        #expect(posts.first?.contains { $0.hasSuffix("mailto:alice@example.com") } == true, "alice asked with the others: \(posts)")
        #expect(posts.first?.count == 3, "\(posts)")
        // The meetings are read once everyone's time has answered, not beside it:
        // nothing but the POST goes out before its answer.
        let lines = text.split(whereSeparator: \.isNewline)
        let answered = lines.firstIndex { $0.hasPrefix("< 200 ") && ($0.contains("/.out/") || $0.contains("/Outbox/")) }
        let firstOther = lines.firstIndex { $0.hasPrefix("> ") && $0.contains(" http") && !$0.hasPrefix("> POST ") }
        #expect(answered != nil && firstOther != nil && answered! < firstOther!, "the free/busy answer before any other request: \(text)")
    }
}
}
