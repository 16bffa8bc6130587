import XMLTree
import TextUtilities

/// The body of a refused request: `<D:error>` holding precondition or
/// postcondition elements (RFC 4918 §16; RFC 3744 §7.1.1 need-privileges;
/// RFC 4791 §1.3; RFC 6638 §6 and draft-desruisseaux-caldav-sched-08 §7.2).
public struct PreconditionError: Equatable, Sendable {
    public struct Privilege: Equatable, Sendable {
        public var href: String
        public var privilege: QualifiedName?
    }

    public var conditions: [QualifiedName]
    /// From `DAV:need-privileges`: which resource lacked which privilege.
    public var missingPrivileges: [Privilege]
    public var responseDescription: String?

    /// Reads a `DAV:error` body; nil when the body is not one (HTML pages,
    /// plain text, empty), so the caller falls back to the status line.
    public static func parse(_ bytes: [UInt8]) -> PreconditionError? {
        guard let root = try? XML.parse(bytes), root.isNamed("error", in: Namespace.dav) else { return nil }
        var conditions: [QualifiedName] = []
        var privileges: [Privilege] = []
        var description: String? = nil
        for child in root.children {
            guard let ns = child.namespace else { continue }
            if child.isNamed("responsedescription", in: Namespace.dav) {
                description = child.allText.trimmingWhitespace
                continue
            }
            conditions.append(QualifiedName(ns, child.name))
            if child.isNamed("need-privileges", in: Namespace.dav) {
                for resource in child.children("resource", in: Namespace.dav) {
                    let href = resource.child("href", in: Namespace.dav)?.allText.trimmingWhitespace ?? ""
                    let priv = resource.child("privilege", in: Namespace.dav)?.children.first.flatMap { p in
                        p.namespace.map { QualifiedName($0, p.name) }
                    }
                    privileges.append(Privilege(href: href, privilege: priv))
                }
            }
        }
        // Some servers (SabreDAV) put a human message in s:message.
        if description == nil,
           let m = root.children.first(where: { $0.name == "message" && $0.namespace != Namespace.dav }) {
            description = m.allText.trimmingWhitespace
        }
        return PreconditionError(conditions: conditions, missingPrivileges: privileges,
                                 responseDescription: (description?.isEmpty ?? true) ? nil : description)
    }

    public func has(_ name: String) -> Bool { conditions.contains { $0.name == name } }
}
