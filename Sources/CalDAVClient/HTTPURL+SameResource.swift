import HTTPClient

extension HTTPURL {
    /// Whether two URLs name the same WebDAV resource: same origin and path, a
    /// collection's trailing slash aside (servers write hrefs both ways, RFC 4918 §8.3).
    func isSameResource(as other: HTTPURL) -> Bool {
        func trimmed(_ p: String) -> Substring {
            var s = Substring(p)
            while s.count > 1, s.hasSuffix("/") { s = s.dropLast() }
            return s
        }
        return hasSameOrigin(as: other) && trimmed(path) == trimmed(other.path)
    }
}
