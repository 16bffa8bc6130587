import FreeBusy
import ICalendar
import TextUtilities

/// One recipient's answer for one window, as kept on disk. The file is text a
/// person can read with `cat`: a small header, then the VFREEBUSY as iCalendar.
///
///     # avail free/busy cache entry, format 1
///     account: http://127.0.0.1:58080 alice
///     recipient: mailto:bob@example.com
///     window: 2026-12-07T00:00:00Z/2026-12-12T00:00:00Z
///     fetched: 2026-11-25T03:00:00Z
///     status: 2.0;Success
///     body-bytes: 412
///     ---
///     BEGIN:VCALENDAR …
///     # end
///
/// `body-bytes` and the closing `# end` make a truncated file fail to parse
/// rather than pass for an answer with fewer busy periods.
public struct CacheEntry: Equatable, Sendable {
    public static let formatVersion = 1
    static let firstLine = "# avail free/busy cache entry, format \(formatVersion)"

    public var account: String
    public var recipient: CalendarUserAddress
    public var window: TimeWindow
    public var fetched: UTCInstant
    public var status: RequestStatus
    /// Normalised busy periods; nil when the answer gave none (a failure).
    public var busy: [BusyPeriod]?
    public var problem: String?

    public init(account: String, recipient: CalendarUserAddress, window: TimeWindow, fetched: UTCInstant,
                status: RequestStatus, busy: [BusyPeriod]?, problem: String? = nil) {
        self.account = account
        self.recipient = recipient
        self.window = window
        self.fetched = fetched
        self.status = status
        self.busy = busy
        self.problem = problem
    }

    public var isGood: Bool { status.isSuccess && busy != nil }

    public func serialized() -> String {
        var body = ""
        if let busy {
            body = ContentLineWriter.calendar(productID: "-//avail//cache//EN") { w in
                VFreeBusyWriter.component(attendee: recipient, organizer: nil, window: window, periods: busy,
                                          requestStatus: nil, uid: "avail-cache", timestamp: fetched, into: &w)
            }
        }
        var head = Self.firstLine + "\n"
        head += "account: \(Self.oneLine(account))\n"
        head += "recipient: \(Self.oneLine(recipient.uri))\n"
        head += "window: \(window.start.iso8601String)/\(window.end.iso8601String)\n"
        head += "fetched: \(fetched.iso8601String)\n"
        head += "status: \(Self.oneLine(status.description))\n"
        if let problem { head += "problem: \(Self.oneLine(problem))\n" }
        head += "body-bytes: \(body.utf8.count)\n"
        return head + "---\n" + body + "# end\n"
    }

    static func oneLine(_ s: String) -> String {
        TerminalText.oneLine(s)
    }

    public enum FormatError: Error, Equatable, Sendable, CustomStringConvertible {
        case notACacheEntry
        case futureVersion(String)
        case missing(String)
        case invalid(String)
        case truncated

        public var description: String {
            switch self {
            case .notACacheEntry: return "not an avail cache entry"
            case let .futureVersion(line): return "written by a newer avail (\(line))"
            case let .missing(key): return "no \(key) line"
            case let .invalid(key): return "unreadable \(key)"
            case .truncated: return "truncated"
            }
        }
    }

    public static func parse(_ text: String) throws(FormatError) -> CacheEntry {
        let bytes = Array(text.utf8)
        guard let separator = findSeparator(bytes) else {
            throw text.hasPrefix("# avail free/busy cache entry") ? .truncated : .notACacheEntry
        }
        let head = String(decoding: bytes[0..<separator.headEnd], as: UTF8.self)
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, first.hasPrefix("# avail free/busy cache entry") else { throw .notACacheEntry }
        guard first == firstLine else { throw .futureVersion(first) }
        lines.removeFirst()
        var fields: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw .invalid("header line") }
            fields[String(line[line.startIndex..<colon])] = String(line[line.index(after: colon)...]).trimmingWhitespace
        }
        func field(_ k: String) throws(FormatError) -> String {
            guard let v = fields[k] else { throw .missing(k) }
            return v
        }
        guard let count = Int(try field("body-bytes")), count >= 0 else { throw .invalid("body-bytes") }
        let bodyStart = separator.bodyStart
        let trailer = Array("# end\n".utf8)
        guard bytes.count == bodyStart + count + trailer.count, Array(bytes[(bodyStart + count)...]) == trailer else {
            throw .truncated
        }
        let body = String(decoding: bytes[bodyStart..<(bodyStart + count)], as: UTF8.self)
        let account = try field("account")
        let recipient = CalendarUserAddress(uncheckedURI: try field("recipient"))
        let windowParts = try field("window").split(separator: "/")
        guard windowParts.count == 2, let ws = parseISO(windowParts[0]), let we = parseISO(windowParts[1]),
              let window = TimeWindow(start: ws, end: we) else { throw .invalid("window") }
        guard let fetched = parseISO(try field("fetched")) else { throw .invalid("fetched") }
        let status = RequestStatus(parsing: try field("status"))
        var busy: [BusyPeriod]? = nil
        if count > 0 {
            do { busy = try FreeBusyData.parse(body).periods.normalized(within: window) } catch { throw .invalid("iCalendar body") }
        }
        return CacheEntry(account: account, recipient: recipient, window: window, fetched: fetched, status: status,
                          busy: busy, problem: fields["problem"])
    }

    private static func findSeparator(_ bytes: [UInt8]) -> (headEnd: Int, bodyStart: Int)? {
        let marker = Array("\n---\n".utf8)
        guard bytes.count >= marker.count else { return nil }
        for i in 0...(bytes.count - marker.count) where bytes[i] == 0x0A && Array(bytes[i..<(i + marker.count)]) == marker {
            return (i, i + marker.count)
        }
        return nil
    }

    /// `2026-12-07T00:00:00Z`
    static func parseISO(_ s: some StringProtocol) -> UTCInstant? {
        let u = Array(s.utf8)
        guard u.count == 20, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A, u[19] == 0x5A else { return nil }
        func n(_ a: Int, _ b: Int) -> Int? {
            var v = 0
            for i in a..<b { guard u[i] >= 0x30, u[i] <= 0x39 else { return nil }; v = v * 10 + Int(u[i] - 0x30) }
            return v
        }
        guard let y = n(0, 4), let mo = n(5, 7), let d = n(8, 10), let h = n(11, 13), let mi = n(14, 16), let sec = n(17, 19) else { return nil }
        return UTCInstant(year: y, month: mo, day: d, hour: h, minute: mi, second: sec)
    }
}
