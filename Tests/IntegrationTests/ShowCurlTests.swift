import Foundation
import Testing

extension LocalServerSuites {
/// `--show-curl` against the real servers: the printed script, run by sh with
/// the real curl, gets the same free/busy answer avail gets, on DAViCal and
/// on Cyrus, and no password is ever in it.
@Suite(.serialized) struct ShowCurlTests {
    static func environment(_ server: String) throws -> [String: String] {
        let url = server == "cyrus" ? try LocalServers.cyrusURL() : try LocalServers.davicalURL()
        return ["AVAIL_URL": url.description, "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"]
    }

    /// Runs a script with sh and the real curl, the user and password from the environment.
    static func runScript(_ script: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("avail-showcurl-\(UUID().uuidString).sh").path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        return try spawn(["/bin/sh", path], environment: ["PATH": "/usr/bin:/bin", "AVAIL_USER": "alice", "AVAIL_PASSWORD": "alicepw"],
                         timeout: 60)
    }

    /// Busy time by FBTYPE, as merged minute ranges inside [start, end):
    /// servers may split, overlap or run over the window; avail merges and
    /// clips, so only the time covered is compared.
    static func coverage(_ periods: [(start: Int, end: Int, type: String)], start: Int, end: Int) -> [String: [ClosedRange<Int>]] {
        var byType: [String: [ClosedRange<Int>]] = [:]
        for p in periods.sorted(by: { $0.start < $1.start }) {
            let s = max(p.start, start), e = min(p.end, end)
            guard s < e else { continue }
            var list = byType[p.type, default: []]
            if let last = list.last, s <= last.upperBound + 1 {
                list[list.count - 1] = last.lowerBound...max(last.upperBound, e - 1)
            } else {
                list.append(s...(e - 1))
            }
            byType[p.type] = list
        }
        return byType
    }

    /// Minutes since the epoch of `20261207T080000Z` (or ISO `2026-12-07T08:00:00Z`).
    static func minutes(_ text: String) -> Int? {
        let digits = text.filter(\.isNumber)
        guard digits.count >= 12 else { return nil }
        let d = Array(digits)
        func n(_ r: Range<Int>) -> Int? { Int(String(d[r])) }
        guard let y = n(0..<4), let mo = n(4..<6), let day = n(6..<8), let h = n(8..<10), let mi = n(10..<12) else { return nil }
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour, c.minute) = (y, mo, day, h, mi)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let date = calendar.date(from: c) else { return nil }
        return Int(date.timeIntervalSince1970) / 60
    }

    /// Minutes of an RFC 5545 §3.3.6 duration such as P1D, PT1H30M or P1W.
    static func durationMinutes(_ text: String) -> Int? {
        var total = 0, number = 0, inTime = false
        for c in text.dropFirst() {
            if let d = c.wholeNumberValue { number = number * 10 + d; continue }
            switch c {
            case "T": inTime = true
            case "W": total += number * 7 * 1440
            case "D": total += number * 1440
            case "H": total += number * 60
            case "M" where inTime: total += number
            case "S": total += number / 60
            default: return nil
            }
            number = 0
        }
        return total
    }

    /// The FREEBUSY periods in a schedule-response (RFC 6638 §3.2.9), read
    /// plainly: lines unfolded (RFC 5545 §3.1), a value may list several periods.
    static func freeBusyPeriods(_ answer: String) -> [(start: Int, end: Int, type: String)] {
        let text = answer.replacingOccurrences(of: "&#13;", with: "").replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "\n ", with: "").replacingOccurrences(of: "\n\t", with: "")
        var out: [(start: Int, end: Int, type: String)] = []
        for line in text.split(separator: "\n") where line.hasPrefix("FREEBUSY") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let params = line[line.startIndex..<colon].uppercased()
            let type = params.range(of: "FBTYPE=").map { String(params[$0.upperBound...].prefix { $0 != ";" }) } ?? "BUSY"
            for period in line[line.index(after: colon)...].split(separator: ",") {
                let parts = period.split(separator: "/")
                guard parts.count == 2, let s = minutes(String(parts[0])) else { continue }
                // RFC 5545 §3.3.9: a period ends at a time or lasts a duration (Cyrus writes P1D).
                let tail = String(parts[1])
                guard let e = tail.hasPrefix("P") ? durationMinutes(tail).map({ s + $0 }) : minutes(tail) else { continue }
                out.append((s, e, type))
            }
        }
        return out
    }

    @Test(arguments: ["davical", "cyrus"])
    func queryScriptGetsAvailsAnswer(server: String) throws {
        let env = try Self.environment(server)
        let window = ["--from", "2026-12-07", "--days", "5"]
        let shown = try runAvail(["query", "--show-curl"] + window + ["bob@example.com"], environment: env)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.hasPrefix("#!/bin/sh\n"))
        #expect(!shown.stdout.contains("alicepw"), "the password is in the script")
        #expect(shown.stdout.contains("-X 'POST'"))

        let ran = try Self.runScript(shown.stdout)
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout.contains("schedule-response"), "\(ran.stdout.suffix(500))")

        let asked = try runAvail(["query", "--format", "json"] + window + ["bob@example.com"], environment: env)
        #expect(asked.status == 0, "\(asked.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(asked.stdout.utf8)) as? [String: Any])
        let row = try #require((json["recipients"] as? [[String: Any]])?.first)
        let busy = try #require(row["busy"] as? [[String: Any]])
        let avails: [(start: Int, end: Int, type: String)] = busy.compactMap {
            guard let s = ($0["start"] as? String).flatMap(Self.minutes), let e = ($0["end"] as? String).flatMap(Self.minutes),
                  let t = $0["type"] as? String else { return nil }
            return (s, e, t)
        }
        let start = try #require(Self.minutes("20261207T000000Z")), end = try #require(Self.minutes("20261212T000000Z"))
        let fromScript = Self.coverage(Self.freeBusyPeriods(ran.stdout), start: start, end: end)
        #expect(!avails.isEmpty, "bob's seeded week is busy")
        #expect(fromScript == Self.coverage(avails, start: start, end: end))
    }

    @Test(arguments: ["davical", "cyrus"])
    func discoverScriptRunsTheDiscoveryChain(server: String) throws {
        let shown = try runAvail(["discover", "--show-curl"], environment: try Self.environment(server))
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("-X 'PROPFIND'"))
        #expect(!shown.stdout.contains("alicepw"))
        let ran = try Self.runScript(shown.stdout)
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout.contains("schedule-outbox-URL"), "\(ran.stdout.prefix(800))")
    }

    /// A dry-run booking shows its free/busy check and the PUT of the event,
    /// with a hostile title kept out of harm's way; nothing is stored by avail,
    /// and running the script stores exactly that event (then removed again).
    @Test(arguments: ["davical", "cyrus"])
    func bookDryRunShowsTheCheckAndThePut(server: String) throws {
        let env = try Self.environment(server)
        let title = "O'Brien `touch /tmp/avail-pwned` $(id) \\ \"x\""
        let uid = "showcurl-\(UUID().uuidString)"
        // A day of its own each run: Cyrus was seen to go on counting a
        // cancelled and deleted copy busy, which would block the next run.
        var c = DateComponents()
        (c.year, c.month, c.day) = (2027, 1, 1 + Int.random(in: 0..<700))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let date = try #require(calendar.date(from: c))
        let formatter = DateFormatter()
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        let day = formatter.string(from: date)
        let shown = try runAvail(["book", "--dry-run", "--show-curl", "--at", day + "T15:00", "--duration", "30m",
                                  "--uid", uid, "--title", title, "bob@example.com"], environment: env)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("-X 'POST'"))
        #expect(shown.stdout.contains("-X 'PUT'"))
        #expect(!shown.stdout.contains("alicepw"))
        let before = try runAvail(["meetings", "--from", day, "--days", "1", "--format", "json"], environment: env)
        #expect(!before.stdout.contains(uid), "--show-curl stored the event")

        let ran = try Self.runScript(shown.stdout)
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout.contains("schedule-response"))
        let after = try runAvail(["meetings", "--from", day, "--days", "1", "--format", "json"], environment: env)
        #expect(after.stdout.contains(uid), "the script's PUT did not store the event: \(ran.stdout.suffix(400))")
        #expect(after.stdout.contains("touch /tmp/avail-pwned"), "the title arrived changed")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/avail-pwned"))
        let cancel = try runAvail(["cancel", "--from", day, uid], environment: env)
        #expect(cancel.status == 0, "\(cancel.stderr)")
        if server == "cyrus" {
            // Cyrus keeps bob's copy, STATUS:CANCELLED, and still counts it busy:
            // removed, so that the next run finds bob free again.
            let url = try LocalServers.cyrusURL().description + "dav/calendars/user/bob/Default/\(uid).ics"
            let removed = try spawn(["/usr/bin/curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-u", "bob:bobpw", "-X", "DELETE", url],
                                    environment: ["PATH": "/usr/bin:/bin"])
            #expect(removed.stdout == "204", "bob's cancelled copy on Cyrus: \(removed.stdout) \(removed.stderr)")
        }
    }

    /// bob is busy on Monday 09:00 in the seeded week: the booking stops at
    /// its check, as it would without --show-curl (exit 7, one line), and the
    /// script shows the requests up to there.
    @Test(arguments: ["davical", "cyrus"])
    func bookingThatFindsSomeoneBusyShowsItsCheckAndFails(server: String) throws {
        let shown = try runAvail(["book", "--show-curl", "--at", "2026-12-07T09:00", "--duration", "30m", "--title", "Busy",
                                  "bob@example.com"], environment: try Self.environment(server))
        #expect(shown.status == 7, "\(shown.stderr)")
        #expect(shown.stderr.contains("nothing booked"))
        #expect(shown.stdout.contains("-X 'POST'"))
        #expect(!shown.stdout.contains("-X 'PUT'"))
    }

    @Test(arguments: ["davical", "cyrus"])
    func meetingsScriptRepeatsTheCalendarQuery(server: String) throws {
        let shown = try runAvail(["meetings", "--show-curl", "--from", "2026-12-07", "--days", "5"], environment: try Self.environment(server))
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("-X 'REPORT'"))
        let ran = try Self.runScript(shown.stdout)
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout.contains("multistatus"), "\(ran.stdout.suffix(500))")
        // The REPORT is the last request; its answer is a multistatus (RFC 4791 §7.8), not a refusal.
        let last = try #require(ran.stdout.components(separatedBy: "<?xml").last)
        #expect(last.contains("multistatus") && !last.contains("error"), "\(last.prefix(500))")
    }

    @Test func offlineAndShowCurlContradict() throws {
        let run = try runAvail(["query", "--offline", "--show-curl", "bob@example.com"], environment: try Self.environment("davical"))
        #expect(run.status == 2)
        #expect(run.stderr.contains("--show-curl"))
    }
}
}
