import Foundation
import HTTPClient

/// Starts `Tests/Servers/http_test_server.py` (a real HTTP server on loopback)
/// and stops it when the value is dropped (its stdin closes).
final class LocalHTTPServer: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    let port: Int
    /// With `tls: "expired"`: the CA that issued the certificate, to trust.
    let caFile: String?

    struct CannotStart: Error, CustomStringConvertible {
        var description: String
    }

    /// `tls`: nil for plain HTTP, or "self-signed" / "expired" for a certificate a client must refuse.
    init(tls: String? = nil) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Servers/http_test_server.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + (tls.map { ["--tls", $0] } ?? [])
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let fields = String(decoding: line, as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
        caFile = fields.count > 1 && !fields[1].isEmpty ? String(fields[1]) : nil
        guard let p = fields.first.flatMap({ Int($0) }) else {
            process.terminate()
            throw CannotStart(description: "the test HTTP server did not start (python3 \(script.path))")
        }
        port = p
        if tls != nil { scheme = "https" }
    }

    var scheme = "http"

    func url(_ path: String, host: String = "127.0.0.1") -> HTTPURL {
        HTTPURL(string: "\(scheme)://\(host):\(port)\(path)")!
    }

    /// Closing its stdin ends the server; no waiting here (Process.waitUntilExit
    /// was seen to hang under parallel tests).
    deinit {
        try? input.fileHandleForWriting.close()
    }
}
