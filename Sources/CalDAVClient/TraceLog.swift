import HTTPClient
import Synchronization
import TextUtilities
#if canImport(Glibc)
import Glibc
#endif

/// The request/response trace for bug reports (`--debug FILE`, `AVAIL_DEBUG`).
///
/// Credentials never reach it, by structure rather than by search-and-replace:
/// the Authorization, Proxy-Authorization and cookie headers are replaced
/// whole; anywhere else (a header the server echoes back, a body, a URL), a
/// token equal to one of the credentials' written forms (the password,
/// `user:password`, its Basic base64 of RFC 7617 §2) is replaced. A token is
/// only ever replaced whole: a short password's letters inside other words
/// (`e` in `/.well-known`) are left alone, which would otherwise point at it.
public final class TraceLog: Sendable {
    private let fd: Int32
    private let secrets: [Secret]
    private let lock = Mutex(())

    /// One written form of a credential, and the bytes that may not touch it on
    /// either side for a match to be that token.
    struct Secret: Sendable {
        var bytes: [UInt8]
        var base64: Bool
    }

    /// Opens the file for appending: created 0600, or an existing one made 0600.
    /// It must be a regular file of the user's, reached without a symbolic link
    /// (a link planted where the trace goes would send it elsewhere), and its
    /// open may not block (a FIFO).
    public init(path: String, credentials: Credentials?) throws(OutsideFile.Refusal) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0o600)
        guard fd >= 0 else {
            let e = errno
            switch e {
            case ELOOP: throw .symbolicLink
            case ENXIO: throw .notRegular(kind: "a FIFO or socket")
            default: throw .unreadable(errno: e)
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let e = errno; close(fd); throw .unreadable(errno: e) }
        guard st.st_mode & S_IFMT == S_IFREG else { close(fd); throw .notRegular(kind: "not a regular file") }
        guard st.st_uid == geteuid() else { close(fd); throw .foreignOwner(uid: st.st_uid) }
        // An existing file may have been readable by others; from now on it holds our requests.
        if st.st_mode & 0o077 != 0, fchmod(fd, 0o600) != 0 { let e = errno; close(fd); throw .unreadable(errno: e) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.fd = fd
        secrets = Self.secrets(of: credentials)
    }

    deinit { close(fd) }

    static let sensitiveHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    /// The forms a credential is written in: as it is, `user:password`, and the
    /// Basic token with and without its `=` padding. Longest first, so that a
    /// longer form is replaced before a shorter one inside it.
    static func secrets(of credentials: Credentials?) -> [Secret] {
        guard let c = credentials, !c.password.isEmpty else { return [] }
        let pair = Array("\(c.user):\(c.password)".utf8)
        let basic = base64(pair)
        var forms = [Secret(bytes: Array(c.password.utf8), base64: false), Secret(bytes: pair, base64: false),
                     Secret(bytes: basic, base64: true)]
        let unpadded = Array(basic.prefix { $0 != UInt8(ascii: "=") })
        if unpadded.count != basic.count { forms.append(Secret(bytes: unpadded, base64: true)) }
        return forms.sorted { $0.bytes.count > $1.bytes.count }
    }

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

    /// URL credentials censored, then every whole-token credential replaced.
    func redacted(_ s: String) -> String {
        var bytes = Array(censorCredentials(in: s).utf8)
        for secret in secrets { bytes = Self.replacingTokens(secret, in: bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Occurrences of the secret that stand as a token of their own: the bytes
    /// just before and after are not letters or digits (nor base64 characters,
    /// for a base64 form; nor part of a multi-byte character).
    static func replacingTokens(_ secret: Secret, in text: [UInt8]) -> [UInt8] {
        let s = secret.bytes
        guard !s.isEmpty, text.count >= s.count else { return text }
        func joins(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b >= 0x80
                || (secret.base64 && (b == UInt8(ascii: "+") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=")))
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            if i + s.count <= text.count, text[i] == s[0], text[i..<(i + s.count)].elementsEqual(s),
               i == 0 || !joins(text[i - 1]), i + s.count == text.count || !joins(text[i + s.count]) {
                out += Array("[redacted]".utf8)
                i += s.count
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return out
    }

    /// RFC 4648 §4 base64, as Basic authentication writes `user:password`.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            let b0 = bytes[i], b1 = n > 1 ? bytes[i + 1] : 0, b2 = n > 2 ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(n > 1 ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(n > 2 ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
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
