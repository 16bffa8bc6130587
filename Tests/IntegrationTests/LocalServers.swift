import Foundation
import Testing
import HTTPClient
import CalDAVClient

/// Where the private test servers started by `Tests/Servers/*.sh` (through
/// `make test`) are. A missing server is a failure with instructions, never a skip.
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

    static func noCalDAVURL() throws -> String { try value("AVAIL_TEST_NOCALDAV_URL") }

    static func account(user: String = "alice", password: String? = nil) throws -> Account {
        Account(serverURL: try davicalURL(), credentials: Credentials(user: user, password: password ?? user + "pw"))
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
func runAvail(_ arguments: [String], environment: [String: String], timeout: Double = 60) throws -> CommandRun {
    let process = Process()
    process.executableURL = try LocalServers.availBinary()
    process.arguments = arguments
    var env = ["PATH": "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path, "TZ": "UTC", "LANG": "C.UTF-8"]
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes while it runs, so a large output cannot block it.
    nonisolated(unsafe) var outData = Data(), errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    if group.wait(timeout: .now() + timeout) == .timedOut {
        process.terminate()
        throw CommandTimedOut(arguments: arguments, seconds: timeout)
    }
    process.waitUntilExit()
    return CommandRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
}

struct CommandTimedOut: Error, CustomStringConvertible {
    var arguments: [String]
    var seconds: Double
    var description: String { "avail \(arguments.joined(separator: " ")) did not finish within \(seconds) s" }
}
