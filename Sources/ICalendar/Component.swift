/// An iCalendar component (`BEGIN:NAME` … `END:NAME`, RFC 5545 §3.4, §3.6) with
/// its properties in order and its sub-components.
public struct Component: Equatable, Sendable {
    public var name: String
    public var properties: [ContentLine]
    public var components: [Component]

    public init(name: String, properties: [ContentLine] = [], components: [Component] = []) {
        self.name = name.uppercased()
        self.properties = properties
        self.components = components
    }

    public func properties(named name: String) -> [ContentLine] {
        let wanted = name.uppercased()
        return properties.filter { $0.name == wanted }
    }

    public func property(_ name: String) -> ContentLine? {
        let wanted = name.uppercased()
        return properties.first { $0.name == wanted }
    }

    /// All components with this name, at any depth, in document order.
    public func descendants(named name: String) -> [Component] {
        let wanted = name.uppercased()
        var found: [Component] = []
        for c in components {
            if c.name == wanted { found.append(c) }
            found.append(contentsOf: c.descendants(named: wanted))
        }
        return found
    }

    /// Parses iCalendar text into its top-level components (normally one VCALENDAR).
    /// Nesting deeper than `maxDepth` is refused rather than followed: no legitimate
    /// object nests more than a few levels.
    public static func parse(_ text: String, maxDepth: Int = 16) throws(ICalendarError) -> [Component] {
        var stack: [Component] = []
        var top: [Component] = []
        for (index, raw) in ContentLine.unfold(text).enumerated() {
            if raw.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let line = try ContentLine.parse(raw, lineNumber: index + 1)
            switch line.name {
            case "BEGIN":
                guard stack.count < maxDepth else { throw .unbalancedComponent(line.value) }
                stack.append(Component(name: line.value))
            case "END":
                guard let open = stack.popLast(), open.name == line.value.uppercased() else {
                    throw .unbalancedComponent(line.value)
                }
                if stack.isEmpty { top.append(open) } else { stack[stack.count - 1].components.append(open) }
            default:
                guard !stack.isEmpty else { throw .malformedContentLine(line: index + 1, text: raw) }
                stack[stack.count - 1].properties.append(line)
            }
        }
        if let open = stack.last { throw .unbalancedComponent(open.name) }
        return top
    }
}
