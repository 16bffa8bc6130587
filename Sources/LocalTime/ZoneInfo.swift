#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ICalendar

/// One local time type of a zone: its offset east of UTC, whether it is
/// daylight saving time, and its abbreviation ("CET", "CEST").
public struct LocalTimeType: Equatable, Sendable {
    public var offset: Int
    public var isDST: Bool
    public var abbreviation: String

    public init(offset: Int, isDST: Bool, abbreviation: String) {
        self.offset = offset
        self.isDST = isDST
        self.abbreviation = abbreviation
    }
}

/// A time zone's rules as the system's zoneinfo files hold them (TZif,
/// RFC 8536): a table of transitions, then a POSIX TZ string for every time
/// after the table. Read directly instead of through Foundation's TimeZone,
/// which pulls ICU into the process (megabytes of memory and milliseconds of
/// start-up for what is a table look-up).
public struct ZoneRules: Equatable, Sendable {
    public var identifier: String
    /// Transition instants (seconds since the epoch, UTC), ascending.
    var transitions: [Int64]
    /// The local time type that starts at each transition.
    var transitionTypes: [Int]
    var types: [LocalTimeType]
    /// For times after the last transition (RFC 8536 §3.3 footer).
    var footer: PosixTZ?

    public init(identifier: String, transitions: [Int64], transitionTypes: [Int], types: [LocalTimeType], footer: PosixTZ?) {
        self.identifier = identifier
        self.transitions = transitions
        self.transitionTypes = transitionTypes
        self.types = types
        self.footer = footer
    }

    public static func utc(_ identifier: String = "UTC") -> ZoneRules {
        ZoneRules(identifier: identifier, transitions: [], transitionTypes: [],
                  types: [LocalTimeType(offset: 0, isDST: false, abbreviation: "UTC")], footer: nil)
    }

    /// The local time type in force at `t`.
    public func type(at t: Int64) -> LocalTimeType {
        if let last = transitions.last, t >= last, let footer {
            return footer.type(at: t)
        }
        if transitions.isEmpty {
            if let footer { return footer.type(at: t) }
            return types.first ?? LocalTimeType(offset: 0, isDST: false, abbreviation: "UTC")
        }
        // The last transition at or before t.
        var lo = 0, hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if transitions[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        if lo == 0 {
            // Before the first transition: the first non-DST type (RFC 8536 §3.2: type 0).
            return types.first { !$0.isDST } ?? types[0]
        }
        return types[transitionTypes[lo - 1]]
    }

    /// The first change of offset, DST flag or abbreviation after `t`.
    public func nextTransition(after t: Int64) -> Int64? {
        var lo = 0, hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if transitions[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        var i = lo
        while i < transitions.count {
            // Skip table entries that change nothing people see.
            if types[transitionTypes[i]] != type(at: transitions[i] - 1) { return transitions[i] }
            i += 1
        }
        guard let footer else { return nil }
        return footer.nextTransition(after: max(t, transitions.last ?? t))
    }

    // MARK: Reading

    public enum LoadError: Error, Equatable, Sendable {
        case notFound(String)
        case invalid(String)
    }

    /// Rules for `TZ`-style names: a zoneinfo name ("Europe/Berlin", ":Europe/Berlin"),
    /// "UTC", or a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3"). Nil or empty
    /// means the system's zone (/etc/localtime), else UTC.
    public static func load(_ name: String?, zoneinfo: String = defaultZoneinfoDirectory) -> ZoneRules? {
        guard var id = name, !id.isEmpty else {
            if let bytes = readFile("/etc/localtime"), var rules = try? parse(bytes, identifier: "localtime") {
                rules.identifier = localtimeIdentifier(zoneinfo: zoneinfo) ?? "localtime"
                return rules
            }
            return .utc()
        }
        if id.hasPrefix(":") { id.removeFirst() }
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "UCT", "Zulu", "Universal", "Etc/Universal", "Etc/Zulu", "Etc/UCT", "GMT0", "Etc/GMT0"]
            .contains(id) {
            return .utc(id)
        }
        // A name, never a path out of the zoneinfo folder.
        let safe = !id.hasPrefix("/") && !id.split(separator: "/").contains("..") && !id.contains("\0")
        if safe, let bytes = readFile(zoneinfo + "/" + id), let rules = try? parse(bytes, identifier: id) {
            return rules
        }
        if let posix = PosixTZ.parse(id) {
            return ZoneRules(identifier: id, transitions: [], transitionTypes: [], types: [posix.standard], footer: posix)
        }
        return nil
    }

    public static var defaultZoneinfoDirectory: String {
        if let d = getenv("TZDIR"), d.pointee != 0 { return String(cString: d) }
        return "/usr/share/zoneinfo"
    }

    /// "Europe/Berlin" from /etc/localtime -> /usr/share/zoneinfo/Europe/Berlin.
    static func localtimeIdentifier(zoneinfo: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/etc/localtime", &buffer, buffer.count - 1)
        guard n > 0 else {
            // Debian also writes the name to /etc/timezone.
            if let b = readFile("/etc/timezone") {
                let name = String(decoding: b, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == " " }).first.map(String.init)
                return name
            }
            return nil
        }
        let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let parts = target.split(separator: "/")
        guard let i = parts.lastIndex(of: "zoneinfo"), i + 1 < parts.count else { return nil }
        return parts[(i + 1)...].joined(separator: "/")
    }

    static func readFile(_ path: String, limit: Int = 1 << 20) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while out.count <= limit {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return out }
            out += chunk[0..<n]
        }
        return nil
    }

    /// Reads a TZif file (RFC 8536): version 1 data is skipped for the 64-bit
    /// version 2+ block when there is one; the footer gives the rules after it.
    public static func parse(_ b: [UInt8], identifier: String) throws(LoadError) -> ZoneRules {
        func u32(_ i: Int) throws(LoadError) -> Int {
            guard i + 4 <= b.count else { throw .invalid("\(identifier): truncated") }
            return Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3])
        }
        func i32(_ i: Int) throws(LoadError) -> Int64 { Int64(Int32(truncatingIfNeeded: try u32(i))) }
        func i64(_ i: Int) throws(LoadError) -> Int64 {
            guard i + 8 <= b.count else { throw .invalid("\(identifier): truncated") }
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(b[i + k]) }
            return Int64(bitPattern: v)
        }
        struct Header { var isut, isstd, leap, time, type, char: Int }
        func header(_ at: Int) throws(LoadError) -> Header {
            guard at + 44 <= b.count, b[at] == 0x54, b[at + 1] == 0x5A, b[at + 2] == 0x69, b[at + 3] == 0x66 else {
                throw .invalid("\(identifier): not a TZif file")
            }
            let h = Header(isut: try u32(at + 20), isstd: try u32(at + 24), leap: try u32(at + 28),
                           time: try u32(at + 32), type: try u32(at + 36), char: try u32(at + 40))
            guard h.type >= 1, h.type <= 256, h.time <= 100_000, h.char <= 100_000, h.leap <= 100_000 else {
                throw .invalid("\(identifier): implausible counts")
            }
            return h
        }
        var h = try header(0)
        let version = b[4]
        var at = 44
        var timeSize = 4
        if version >= 0x32 { // '2' and later: skip the 32-bit block
            at += h.time * 4 + h.time + h.type * 6 + h.char + h.leap * 8 + h.isstd + h.isut
            h = try header(at)
            at += 44
            timeSize = 8
        }
        var transitions: [Int64] = []
        transitions.reserveCapacity(h.time)
        for k in 0..<h.time { transitions.append(timeSize == 8 ? try i64(at + k * 8) : try i32(at + k * 4)) }
        at += h.time * timeSize
        guard at + h.time + h.type * 6 + h.char <= b.count else { throw .invalid("\(identifier): truncated") }
        let indices = (0..<h.time).map { Int(b[at + $0]) }
        guard indices.allSatisfy({ $0 < h.type }) else { throw .invalid("\(identifier): bad type index") }
        at += h.time
        var raw: [(offset: Int, dst: Bool, abbrIndex: Int)] = []
        for k in 0..<h.type {
            let o = at + k * 6
            raw.append((Int(try i32(o)), b[o + 4] != 0, Int(b[o + 5])))
        }
        at += h.type * 6
        let chars = Array(b[at..<(at + h.char)])
        at += h.char
        let types = raw.map { r -> LocalTimeType in
            var end = r.abbrIndex
            while end < chars.count, chars[end] != 0 { end += 1 }
            let abbr = r.abbrIndex < chars.count ? String(decoding: chars[r.abbrIndex..<end], as: UTF8.self) : ""
            return LocalTimeType(offset: r.offset, isDST: r.dst, abbreviation: abbr)
        }
        var footer: PosixTZ? = nil
        if timeSize == 8 {
            at += h.leap * 12 + h.isstd + h.isut
            if at < b.count, b[at] == 0x0A, let end = b[(at + 1)...].firstIndex(of: 0x0A) {
                footer = PosixTZ.parse(String(decoding: b[(at + 1)..<end], as: UTF8.self))
            }
        }
        return ZoneRules(identifier: identifier, transitions: transitions, transitionTypes: indices, types: types, footer: footer)
    }
}

/// A POSIX TZ string (POSIX.1-2017 §8.3, with RFC 8536 §3.3.1's extensions:
/// hours up to ±167 in rule times): "CET-1CEST,M3.5.0,M10.5.0/3".
public struct PosixTZ: Equatable, Sendable {
    public var standard: LocalTimeType
    public var daylight: LocalTimeType?
    var start: Rule?
    var end: Rule?

    /// The start and end rules, for a reader that writes them as yearly rules.
    var rules: (start: Rule, end: Rule)? { start.flatMap { s in end.map { (s, $0) } } }

    enum Rule: Equatable, Sendable {
        /// Jn: day 1...365, February 29 never counted.
        case julianNoLeap(Int, time: Int)
        /// n: day 0...365, counting February 29.
        case dayOfYear(Int, time: Int)
        /// Mm.w.d: weekday d (0 Sunday) of week w (5 = last) of month m.
        case monthWeekDay(month: Int, week: Int, weekday: Int, time: Int)

        /// Seconds from the start of `year` (local midnight, January 1) to the rule's moment.
        func secondsIntoYear(_ year: Int) -> Int64 {
            switch self {
            case let .julianNoLeap(n, time):
                var day = n - 1
                if CivilDate.isLeap(year) && n >= 60 { day += 1 }
                return Int64(day) * 86_400 + Int64(time)
            case let .dayOfYear(n, time):
                return Int64(n) * 86_400 + Int64(time)
            case let .monthWeekDay(month, week, weekday, time):
                let jan1 = CivilDate.daysFromCivil(year: year, month: 1, day: 1)
                let first = CivilDate.daysFromCivil(year: year, month: month, day: 1)
                // 1970-01-01 was a Thursday (weekday 4, Sunday 0).
                let firstWeekday = Int(((first % 7) + 11) % 7)
                var day = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
                let length = CivilDate.daysIn(month: month, year: year)
                while day > length { day -= 7 }
                return (first - jan1 + Int64(day - 1)) * 86_400 + Int64(time)
            }
        }
    }

    /// The instants (UTC) DST starts and ends in `year`.
    func transitions(in year: Int) -> (start: Int64, end: Int64)? {
        guard let daylight, let start, let end else { return nil }
        let jan1 = CivilDate.daysFromCivil(year: year, month: 1, day: 1) * 86_400
        // The start rule is in standard local time, the end rule in daylight time.
        return (jan1 + start.secondsIntoYear(year) - Int64(standard.offset),
                jan1 + end.secondsIntoYear(year) - Int64(daylight.offset))
    }

    func type(at t: Int64) -> LocalTimeType {
        guard let daylight else { return standard }
        let year = UTCInstant(secondsSinceEpoch: t).components.year
        guard let (s, e) = transitions(in: year) else { return standard }
        // Southern hemisphere rules end before they start.
        let inDST = s < e ? (t >= s && t < e) : !(t >= e && t < s)
        return inDST ? daylight : standard
    }

    func nextTransition(after t: Int64) -> Int64? {
        let year = UTCInstant(secondsSinceEpoch: t).components.year
        var candidates: [Int64] = []
        for y in (year - 1)...(year + 1) {
            guard let (s, e) = transitions(in: y) else { return nil }
            candidates += [s, e]
        }
        return candidates.filter { $0 > t }.min()
    }

    public static func parse(_ text: String) -> PosixTZ? {
        var s = Substring(text)
        func name() -> String? {
            if s.first == "<" {
                guard let close = s.firstIndex(of: ">") else { return nil }
                let n = String(s[s.index(after: s.startIndex)..<close])
                s = s[s.index(after: close)...]
                return n.isEmpty ? nil : n
            }
            let n = s.prefix { $0.isLetter && $0.isASCII }
            guard n.count >= 3 else { return nil }
            s = s.dropFirst(n.count)
            return String(n)
        }
        /// [+-]hh[:mm[:ss]] in seconds.
        func hms(maxHours: Int) -> Int? {
            var sign = 1
            if s.first == "+" { s = s.dropFirst() } else if s.first == "-" { sign = -1; s = s.dropFirst() }
            var parts: [Int] = []
            while parts.count < 3 {
                let digits = s.prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty, digits.count <= 3, let v = Int(digits) else { return nil }
                parts.append(v)
                s = s.dropFirst(digits.count)
                if s.first == ":" { s = s.dropFirst() } else { break }
            }
            guard parts[0] <= maxHours, parts.count < 2 || parts[1] < 60, parts.count < 3 || parts[2] < 60 else { return nil }
            return sign * (parts[0] * 3600 + (parts.count > 1 ? parts[1] * 60 : 0) + (parts.count > 2 ? parts[2] : 0))
        }
        func rule() -> Rule? {
            var date: (Int) -> Rule
            if s.first == "J" {
                s = s.dropFirst()
                let d = s.prefix { $0.isASCII && $0.isNumber }
                guard let n = Int(d), (1...365).contains(n) else { return nil }
                s = s.dropFirst(d.count)
                date = { .julianNoLeap(n, time: $0) }
            } else if s.first == "M" {
                s = s.dropFirst()
                let fields = s.prefix { ($0.isASCII && $0.isNumber) || $0 == "." }.split(separator: ".", omittingEmptySubsequences: false)
                guard fields.count == 3, let m = Int(fields[0]), let w = Int(fields[1]), let d = Int(fields[2]),
                      (1...12).contains(m), (1...5).contains(w), (0...6).contains(d) else { return nil }
                s = s.dropFirst(fields.map(\.count).reduce(2, +))
                date = { .monthWeekDay(month: m, week: w, weekday: d, time: $0) }
            } else {
                let d = s.prefix { $0.isASCII && $0.isNumber }
                guard let n = Int(d), (0...365).contains(n) else { return nil }
                s = s.dropFirst(d.count)
                date = { .dayOfYear(n, time: $0) }
            }
            var time = 7200
            if s.first == "/" {
                s = s.dropFirst()
                guard let t = hms(maxHours: 167) else { return nil }
                time = t
            }
            return date(time)
        }
        guard let stdName = name(), let stdOffset = hms(maxHours: 24) else { return nil }
        // POSIX offsets are west of Greenwich: "CET-1" is UTC+1.
        let standard = LocalTimeType(offset: -stdOffset, isDST: false, abbreviation: stdName)
        if s.isEmpty { return PosixTZ(standard: standard, daylight: nil, start: nil, end: nil) }
        guard let dstName = name() else { return nil }
        var dstOffset = standard.offset + 3600
        if let f = s.first, f != "," {
            guard let o = hms(maxHours: 24) else { return nil }
            dstOffset = -o
        }
        let daylight = LocalTimeType(offset: dstOffset, isDST: true, abbreviation: dstName)
        var start = Rule.monthWeekDay(month: 3, week: 2, weekday: 0, time: 7200)
        var end = Rule.monthWeekDay(month: 11, week: 1, weekday: 0, time: 7200)
        if s.first == "," {
            s = s.dropFirst()
            guard let a = rule(), s.first == "," else { return nil }
            s = s.dropFirst()
            guard let z = rule() else { return nil }
            start = a
            end = z
        }
        guard s.isEmpty else { return nil }
        return PosixTZ(standard: standard, daylight: daylight, start: start, end: end)
    }
}
