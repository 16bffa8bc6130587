import Foundation
import Testing
import HTTPClient

extension LocalServerSuites {
/// A cold `avail query` makes only the exchanges whose answers are not yet in
/// hand: on DAViCal the first PROPFIND already names the user's outbox and
/// addresses (tied to the principal), so it is that PROPFIND and the POST;
/// Cyrus names only the principal there, which is asked as before. What is
/// cached is what a full discovery finds, so warm runs are as before.
@Suite(.serialized) struct DiscoveryRoundTripsIntegrationTests {
    enum Server: String, CaseIterable, CustomStringConvertible {
        case davical, cyrus
        var description: String { rawValue }
        func url() throws -> HTTPURL { self == .davical ? try LocalServers.davicalURL() : try LocalServers.cyrusURL() }

        /// The requests of a cold query, by method and path, as this server makes avail send them.
        var coldQuery: [String] {
            self == .davical
                ? ["PROPFIND /.well-known/caldav", "POST /caldav.php/alice/.out/"]
                // /.well-known/caldav is a 301 to /dav/calendars, which names only the principal.
                : ["PROPFIND /.well-known/caldav", "PROPFIND /dav/calendars", "PROPFIND /dav/principals/user/alice/",
                   "POST /dav/calendars/user/alice/Outbox/"]
        }
    }

    struct Home {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avail-roundtrips-\(UUID().uuidString)").path
        var trace: String { path + "/trace" }

        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false) }

        func environment(_ url: String) -> [String: String] {
            ["HOME": path, "XDG_CONFIG_HOME": path + "/config", "XDG_CACHE_HOME": path + "/cache",
             "AVAIL_URL": url, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"]
        }

        /// The requests in the trace, "METHOD /path", in order; the trace is emptied for the next run.
        func requests() throws -> [String] {
            let text = try String(contentsOfFile: trace, encoding: .utf8)
            try FileManager.default.removeItem(atPath: trace)
            return text.split(separator: "\n").filter { $0.hasPrefix("> ") && $0.dropFirst(2).first?.isUppercase == true && $0.contains(" http") }
                .map { line in
                    let parts = line.dropFirst(2).split(separator: " ")
                    let path = parts.count > 1 ? HTTPURL(string: String(parts[1]))?.path ?? String(parts[1]) : ""
                    return "\(parts.first ?? "") \(path)"
                }
        }

        /// The discovery file's fields (`principal`, `outbox`, `organizer`, `display-name`, `address`…), each with its values.
        func cachedDiscovery() throws -> [String: [String]] {
            let root = path + "/cache/avail"
            let dirs = try FileManager.default.contentsOfDirectory(atPath: root).filter {
                FileManager.default.fileExists(atPath: root + "/" + $0 + "/discovery")
            }
            #expect(dirs.count == 1, "\(dirs)")
            let text = try String(contentsOfFile: root + "/" + (dirs.first ?? "") + "/discovery", encoding: .utf8)
            var fields: [String: [String]] = [:]
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[String(line[..<colon]), default: []].append(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            return fields
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    let week = ["--from", "2026-12-07", "--to", "2026-12-12"]

    @Test(arguments: Server.allCases)
    func aColdQueryAsksOnlyWhatItDoesNotKnowAndCachesAFullDiscovery(server: Server) throws {
        let home = try Home()
        defer { home.remove() }
        let env = home.environment(try server.url().description)
        let cold = try runAvail(["query", "--debug", home.trace] + week + ["bob@example.com"], environment: env)
        #expect(cold.status == 0, "on \(server): \(cold.stderr)")
        #expect(cold.stdout.contains("bob@example.com"), "on \(server): \(cold.stdout)")
        #expect(try home.requests() == server.coldQuery, "on \(server)")

        // The cache holds what `avail discover` (which asks the principal) finds.
        let full = try runAvail(["discover", "--json", "--debug", home.trace], environment: env)
        #expect(full.status == 0, "on \(server): \(full.stderr)")
        let found = try #require(try JSONSerialization.jsonObject(with: Data(full.stdout.utf8)) as? [String: Any])
        let cached = try home.cachedDiscovery()
        #expect(cached["principal"] == [found["principal"] as? String ?? "-"], "on \(server)")
        #expect(cached["outbox"] == [found["outbox"] as? String ?? "-"], "on \(server)")
        #expect(cached["organizer"] == [found["organizer"] as? String ?? "-"], "on \(server)")
        #expect(cached["address"] == found["addresses"] as? [String], "on \(server)")
        // `avail discover` still shows the principal's own name.
        #expect(found["displayName"] as? String == (server == .davical ? "Alice Example" : "alice"), "on \(server)")
        // DAViCal: /.well-known/caldav and the principal; Cyrus: as in the query.
        #expect(try home.requests().filter { $0.hasPrefix("PROPFIND") }.count == (server == .davical ? 2 : 3), "on \(server)")

        // Warm: the discovery comes from the cache, only the POST goes out.
        let warm = try runAvail(["query", "--debug", home.trace] + week + ["carol@example.com"], environment: env)
        #expect(warm.status == 0, "on \(server): \(warm.stderr)")
        #expect(try home.requests() == [server.coldQuery.last ?? "-"], "on \(server)")
    }

    /// A booking after such a query still names the organizer as the principal
    /// does (ORGANIZER;CN=…): the name is asked for where it is shown.
    @Test func aBookingAfterAColdQueryStillNamesTheOrganizer() throws {
        let home = try Home()
        defer { home.remove() }
        let env = home.environment(try Server.davical.url().description)
        let cold = try runAvail(["query"] + week + ["bob@example.com"], environment: env)
        #expect(cold.status == 0, "\(cold.stderr)")
        #expect(try home.cachedDiscovery()["display-name"] == nil, "the query did not ask the principal")
        let dry = try runAvail(["book", "--dry-run", "--at", "2033-03-07T10:00Z", "--title", "Names", "bob@example.com"], environment: env)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("ORGANIZER;CN=Alice Example:mailto:alice@example.com\r\n"), "\(dry.stdout)")
    }

    /// Without scheduling, discovery ends as before: the principal asked, then
    /// OPTIONS for what the server announces, exit 4.
    @Test(arguments: ["AVAIL_TEST_RADICALE_URL", "AVAIL_TEST_XANDIKOS_URL"])
    func serversWithoutSchedulingAreAskedAsBefore(server: String) throws {
        let home = try Home()
        defer { home.remove() }
        let run = try runAvail(["query", "--debug", home.trace, "bob@example.com"], environment: home.environment(try LocalServers.value(server)))
        #expect(run.status == 4, "\(server): \(run.stderr)")
        let principal = server == "AVAIL_TEST_RADICALE_URL" ? "/alice/" : "/user/"
        #expect(try home.requests() == ["PROPFIND /.well-known/caldav", "PROPFIND /", "PROPFIND \(principal)", "OPTIONS \(principal)"], "\(server)")
    }
}
}
