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

    /// Whether this URL names a resource strictly inside the collection
    /// `parent` (same origin; `/caldav.php/alice/.out/` under
    /// `/caldav.php/alice/`, but not `/caldav.php/alice2/` nor a path that climbs
    /// back out through a `..` segment, written plainly or percent-encoded).
    func lies(under parent: HTTPURL) -> Bool {
        guard hasSameOrigin(as: parent) else { return false }
        let base = parent.path.hasSuffix("/") ? parent.path : parent.path + "/"
        guard path.hasPrefix(base) else { return false }
        let rest = path.dropFirst(base.count)
        let segments = rest.split(separator: "/")
        guard !segments.isEmpty else { return false }
        return !segments.contains { segment in
            let plain = segment.lowercased().replacingOccurrences(of: "%2e", with: ".")
            return plain == "." || plain == ".."
        }
    }
}
