import Foundation
import HTTPClient

/// Starts `Tests/Servers/http_test_server.py` (a real HTTP server on loopback)
/// and stops it when the value is dropped (its stdin closes).
final class LocalHTTPServer: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    let port: Int

    struct CannotStart: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Servers/http_test_server.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let p = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw CannotStart(description: "the test HTTP server did not start (python3 \(script.path))")
        }
        port = p
    }

    func url(_ path: String, host: String = "127.0.0.1") -> HTTPURL {
        HTTPURL(string: "http://\(host):\(port)\(path)")!
    }

    /// Closing its stdin ends the server; no waiting here (Process.waitUntilExit
    /// was seen to hang under parallel tests).
    deinit {
        try? input.fileHandleForWriting.close()
    }
}
