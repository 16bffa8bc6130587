import Foundation
import Testing
import HTTPClient
import CalDAVClient

/// Where the private test servers started by `Tests/Servers/*.sh` (through
/// `make test`) are. A missing server is a failure with instructions, never a skip.
/// Every suite that uses the local servers runs inside this one, one test at a
/// time: some tests stop the server on purpose (Tests/Servers/davical.sh pause).
@Suite(.serialized) struct LocalServerSuites {}

enum LocalServers {
    struct Missing: Error, CustomStringConvertible {
        var variable: String
        var description: String {
            "\(variable) is not set: the integration tests need the local CalDAV servers; run `make test` (or `make servers` and source /tmp/avail-test-servers/davical.env)"
        }
    }

    static func value(_ name: String) throws -> String {
        guard let v = ProcessInfo.processInfo.environment[name], !v.isEmpty else { throw Missing(variable: name) }
        return v
    }

    static func davicalURL() throws -> HTTPURL {
        let text = try value("AVAIL_TEST_DAVICAL_URL")
        guard let url = HTTPURL(string: text) else { throw Missing(variable: "AVAIL_TEST_DAVICAL_URL (unparseable: \(text))") }
        return url
    }

    static func cyrusURL() throws -> HTTPURL {
        let text = try value("AVAIL_TEST_CYRUS_URL")
        guard let url = HTTPURL(string: text) else { throw Missing(variable: "AVAIL_TEST_CYRUS_URL (unparseable: \(text))") }
        return url
    }

    static func noCalDAVURL() throws -> String { try value("AVAIL_TEST_NOCALDAV_URL") }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Servers/davical.sh").path

    /// Stops or starts DAViCal's Apache (the data stays).
    static func davical(_ verb: String) throws {
        let r = try spawn([script, verb], environment: nil, mergeStandardError: true, timeout: 60)
        guard r.status == 0 else { throw Missing(variable: "davical.sh \(verb) failed: \(r.stdout)") }
    }

    static func account(user: String = "alice", password: String? = nil, server: HTTPURL? = nil) throws -> Account {
        Account(serverURL: try server ?? davicalURL(), credentials: Credentials(user: user, password: password ?? user + "pw"))
    }

    /// The `avail` executable built by SwiftPM next to the test bundle.
    static func availBinary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["AVAIL_BIN"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = root.appendingPathComponent(".build/debug/avail")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else { throw Missing(variable: "AVAIL_BIN") }
        return candidate
    }
}

struct CommandRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the real `avail` binary with a clean environment plus `environment`.
/// Each run gets a HOME of its own (so an empty cache) unless `environment` names one.
func runAvail(_ arguments: [String], environment: [String: String], timeout: Double = 60) throws -> CommandRun {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("avail-home-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: home) }
    var env = ["PATH": "/usr/bin:/bin", "HOME": home, "TZ": "UTC", "LANG": "C.UTF-8"]
    env.merge(environment) { $1 }
    let r = try spawn([try LocalServers.availBinary().path] + arguments, environment: env, timeout: timeout)
    return CommandRun(status: r.status, stdout: r.stdout, stderr: r.stderr)
}
