/// One unfolded iCalendar content line (RFC 5545 §3.1):
/// `name *(";" param) ":" value`.
public struct ContentLine: Equatable, Sendable {
    public struct Parameter: Equatable, Sendable {
        public var name: String
        public var values: [String]
        public init(name: String, values: [String]) { self.name = name; self.values = values }

        /// `CN=name` for an ORGANIZER or ATTENDEE (RFC 5545 §3.2.2), none without a name.
        public static func commonName(_ name: String?) -> [Parameter] {
            guard let name, !name.isEmpty else { return [] }
            return [Parameter(name: "CN", values: [name])]
        }
    }

    /// Upper-cased: names are case-insensitive (RFC 5545 §2).
    public var name: String
    public var parameters: [Parameter]
    public var value: String

    public init(name: String, parameters: [Parameter] = [], value: String) {
        self.name = name.uppercased()
        self.parameters = parameters
        self.value = value
    }

    /// The first value of a parameter, looked up case-insensitively.
    public func parameter(_ name: String) -> String? {
        let wanted = name.uppercased()
        return parameters.first { $0.name == wanted }?.values.first
    }
}

extension ContentLine {
    /// Splits iCalendar text into unfolded logical lines. Accepts CRLF and bare LF
    /// (servers send both), and unfolds any line starting with a space or tab
    /// (RFC 5545 §3.1). Folding may split a UTF-8 sequence, so unfolding is done
    /// on bytes and decoded afterwards.
    public static func unfold(_ text: String) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var physical: [UInt8] = []
        func endPhysicalLine() {
            if physical.last == UInt8(ascii: "\r") { physical.removeLast() }
            if let first = physical.first, first == 0x20 || first == 0x09, !current.isEmpty {
                current.append(contentsOf: physical.dropFirst())
            } else {
                if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
                current = physical
            }
            physical.removeAll(keepingCapacity: true)
        }
        for b in text.utf8 {
            if b == UInt8(ascii: "\n") { endPhysicalLine() } else { physical.append(b) }
        }
        endPhysicalLine()
        if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
        return lines
    }

    /// Parses one unfolded line. Lenient where real servers are sloppy: an unquoted
    /// parameter value may contain characters RFC 5545 forbids (DAViCal echoes
    /// `CN=Smith, John` unquoted), and only the first unquoted `:` ends the parameters.
    public static func parse(_ line: String, lineNumber: Int = 0) throws(ICalendarError) -> ContentLine {
        let u = Array(line.utf8)
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D
        }
        while i < u.count, isNameByte(u[i]) { i += 1 }
        guard i > 0, i < u.count, u[i] == UInt8(ascii: ":") || u[i] == UInt8(ascii: ";") else {
            throw .malformedContentLine(line: lineNumber, text: line)
        }
        let name = String(decoding: u[0..<i], as: UTF8.self)
        var parameters: [Parameter] = []
        while i < u.count, u[i] == UInt8(ascii: ";") {
            i += 1
            let nameStart = i
            while i < u.count, isNameByte(u[i]) { i += 1 }
            guard i > nameStart, i < u.count, u[i] == UInt8(ascii: "=") else {
                throw .malformedContentLine(line: lineNumber, text: line)
            }
            let pname = String(decoding: u[nameStart..<i], as: UTF8.self).uppercased()
            i += 1
            var values: [String] = []
            while true {
                if i < u.count, u[i] == UInt8(ascii: "\"") {
                    i += 1
                    let start = i
                    while i < u.count, u[i] != UInt8(ascii: "\"") { i += 1 }
                    guard i < u.count else { throw .malformedContentLine(line: lineNumber, text: line) }
                    values.append(String(decoding: u[start..<i], as: UTF8.self))
                    i += 1
                } else {
                    let start = i
                    while i < u.count, u[i] != UInt8(ascii: ","), u[i] != UInt8(ascii: ";"), u[i] != UInt8(ascii: ":") { i += 1 }
                    values.append(String(decoding: u[start..<i], as: UTF8.self))
                }
                if i < u.count, u[i] == UInt8(ascii: ",") { i += 1; continue }
                break
            }
            parameters.append(Parameter(name: pname, values: values))
        }
        guard i < u.count, u[i] == UInt8(ascii: ":") else {
            throw .malformedContentLine(line: lineNumber, text: line)
        }
        let value = String(decoding: u[(i + 1)...], as: UTF8.self)
        return ContentLine(name: name, parameters: parameters, value: value)
    }
}
