import HTTPClient
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The request/response trace for bug reports (`--debug FILE`, `AVAIL_DEBUG`).
/// Credentials never reach it: authorization and cookie headers are replaced,
/// and the password, wherever it might appear, is replaced as a last guard.
public final class TraceLog: Sendable {
    private let fd: Int32
    private let secrets: [String]
    private let lock = Mutex(())

    /// Opens (creates, mode 0600) the file for appending; nil if it cannot.
    public init?(path: String, secrets: [String]) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.secrets = secrets.filter { $0.count >= 1 }
    }

    deinit { close(fd) }

    static let sensitiveHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    public func request(_ r: HTTPRequest) {
        var text = "> \(r.method) \(r.url)\n"
        if let c = r.credentials { text += "> Authorization: [redacted: \(c.scheme == .digest ? "Digest" : "Basic") for \(c.user)]\n" }
        for h in r.headers { text += "> \(h.name): \(Self.sensitiveHeaders.contains(h.name.lowercased()) ? "[redacted]" : h.value)\n" }
        if let body = r.body { text += Self.excerpt(body) }
        append(text)
    }

    public func response(_ r: HTTPResponse) {
        var text = "< \(r.status) \(r.reason) (\(r.url))\n"
        for h in r.headers { text += "< \(h.name): \(Self.sensitiveHeaders.contains(h.name.lowercased()) ? "[redacted]" : h.value)\n" }
        text += Self.excerpt(r.body)
        append(text)
    }

    public func note(_ s: String) { append("# \(s)\n") }

    static func excerpt(_ body: [UInt8]) -> String {
        let shown = String(decoding: body.prefix(8192), as: UTF8.self)
        return shown + (shown.last?.isNewline ?? true ? "" : "\n") + (body.count > 8192 ? "[… \(body.count - 8192) more bytes]\n" : "") + "\n"
    }

    /// The last guard: a secret that slipped into a URL or a body is still not written.
    func redacted(_ s: String) -> String {
        var out = censorCredentials(in: s)
        for secret in secrets { out = out.replacingOccurrences(of: secret, with: "[redacted]") }
        return out
    }

    private func append(_ text: String) {
        let bytes = Array(redacted(text).utf8)
        lock.withLock { _ in
            var rest = bytes[...]
            while !rest.isEmpty {
                let n = rest.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
                rest = rest.dropFirst(n)
            }
        }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[rest.startIndex..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
