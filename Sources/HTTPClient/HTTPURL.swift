import TextUtilities
/// An absolute http(s) URL split into the parts avail needs: where to connect
/// (scheme, host, port) and what to ask for (path and query). Credentials written
/// into a URL are split off (`userinfo`) so they never reach a message or a log.
public struct HTTPURL: Hashable, Sendable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int?
    /// Starts with `/`; includes the query, if any.
    public var pathAndQuery: String
    /// `user[:password]` as written in the URL, percent-encoded; never printed.
    public var userinfo: String?

    public init?(string: String) {
        let s = string.trimmingWhitespace
        // RFC 3986 §2: spaces and control characters are never part of a URL;
        // libcurl refuses them, so they are refused here, where the caller can
        // still say where the text came from.
        guard !s.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        guard let schemeEnd = s.firstRange(of: "://") else { return nil }
        let scheme = s[s.startIndex..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = s[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var authority = rest[rest.startIndex..<authorityEnd]
        var path = String(rest[authorityEnd...])
        if let hash = path.firstIndex(of: "#") { path = String(path[path.startIndex..<hash]) }
        if path.isEmpty || path.first == "?" { path = "/" + path }
        if let at = authority.lastIndex(of: "@") {
            userinfo = String(authority[authority.startIndex..<at])
            authority = authority[authority.index(after: at)...]
        } else {
            userinfo = nil
        }
        var host = Substring(authority)
        var port: Int? = nil
        if host.first == "[" { // IPv6 literal
            guard let close = host.firstIndex(of: "]") else { return nil }
            let after = host[host.index(after: close)...]
            if after.first == ":" {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else { return nil }
                port = p
            } else if !after.isEmpty { return nil }
            host = host[host.startIndex...close]
        } else if let colon = host.lastIndex(of: ":") {
            let portText = host[host.index(after: colon)...]
            if !portText.isEmpty {
                guard let p = Int(portText), (1...65535).contains(p) else { return nil }
                port = p
            }
            host = host[host.startIndex..<colon]
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" || $0 == "\\" }) else { return nil }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.pathAndQuery = path
    }

    public var effectivePort: Int { port ?? (scheme == "https" ? 443 : 80) }

    /// Same scheme, host and port: the only case where credentials may follow a redirect.
    public func hasSameOrigin(as other: HTTPURL) -> Bool {
        scheme == other.scheme && host == other.host && effectivePort == other.effectivePort
    }

    /// The URL without credentials: safe for messages and for curl.
    public var description: String {
        "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")\(pathAndQuery)"
    }

    public var path: String {
        if let q = pathAndQuery.firstIndex(of: "?") { return String(pathAndQuery[pathAndQuery.startIndex..<q]) }
        return pathAndQuery
    }

    public func withPath(_ newPath: String) -> HTTPURL {
        var copy = self
        copy.pathAndQuery = newPath.hasPrefix("/") ? newPath : "/" + newPath
        return copy
    }

    /// Resolves an href from a server (RFC 3986 §5.2, in the forms servers send:
    /// absolute, scheme-relative `//host/…`, absolute path, or relative path).
    public func resolving(_ reference: String) -> HTTPURL? {
        let r = reference.trimmingWhitespace
        if r.isEmpty { return self }
        if r.contains("://") { return HTTPURL(string: r) }
        if r.hasPrefix("//") { return HTTPURL(string: scheme + ":" + r) }
        var copy = self
        copy.userinfo = nil
        if r.hasPrefix("/") {
            copy.pathAndQuery = r
        } else {
            let base = path
            let dir = base.hasSuffix("/") ? base : String(base[base.startIndex...(base.lastIndex(of: "/") ?? base.startIndex)])
            copy.pathAndQuery = dir + r
        }
        copy.pathAndQuery = Self.removeDotSegments(copy.pathAndQuery)
        return copy
    }

    static func removeDotSegments(_ p: String) -> String {
        let (path, query): (Substring, Substring) = {
            if let q = p.firstIndex(of: "?") { return (p[p.startIndex..<q], p[q...]) }
            return (Substring(p), "")
        }()
        var out: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for (i, part) in parts.enumerated() {
            if part == "." { if i == parts.count - 1 { out.append("") }; continue }
            if part == ".." {
                if out.count > 1 { out.removeLast() }
                if i == parts.count - 1 { out.append("") }
                continue
            }
            out.append(part)
        }
        var joined = out.joined(separator: "/")
        if !joined.hasPrefix("/") { joined = "/" + joined }
        return joined + query
    }
}

/// Removes `user:password@` from any URL inside a message (newsboat's censor_url).
public func censorCredentials(in text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let r = rest.firstRange(of: "://") {
        result += rest[rest.startIndex..<r.upperBound]
        rest = rest[r.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == " " || $0 == "?" || $0 == "#" || $0 == "\"" || $0 == "'" || $0.isWhitespace }) ?? rest.endIndex
        let authority = rest[rest.startIndex..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            result += "***@"
            rest = rest[rest.index(after: at)...]
        }
    }
    return result + rest
}
