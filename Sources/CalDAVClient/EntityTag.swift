import TextUtilities

/// An ETag as a server sends it (RFC 9110 §8.8.3): `"xyz"` (strong) or
/// `W/"xyz"` (weak: the server promises only that the content is equivalent).
///
/// The difference matters for a change made "only if it is still the version
/// read": `If-Match` compares strongly (RFC 9110 §13.1.1, §8.8.3.2), so a weak
/// ETag never matches and a write guarded by one is always refused (412),
/// which avail would report as "changed by someone else" every time.
public struct EntityTag: Equatable, Sendable {
    public var opaqueTag: String
    public var isWeak: Bool

    /// Any header value: a malformed one is kept whole as a strong tag (sent
    /// back as it came; the server decides).
    public init(_ header: String) {
        let v = String(header.trimmingWhitespace)
        if v.hasPrefix("W/") || v.hasPrefix("w/") {
            opaqueTag = String(v.dropFirst(2))
            isWeak = true
        } else {
            opaqueTag = v
            isWeak = false
        }
    }

    /// RFC 9110 §8.8.3.2 weak comparison: the opaque tags are the same,
    /// whether either is weak or not.
    public func weaklyMatches(_ other: EntityTag) -> Bool { opaqueTag == other.opaqueTag }

    /// The precondition a write of the version this tag names can carry.
    public enum WriteGuard: Equatable, Sendable {
        /// `If-Match` with the strong tag: the server refuses (412) any other version.
        case ifMatch(String)
        /// A weak tag cannot guard a write: read the resource again just
        /// before, and write only if its ETag still weakly matches.
        case rereadFirst
    }

    public var writeGuard: WriteGuard { isWeak ? .rereadFirst : .ifMatch(opaqueTag) }
}
