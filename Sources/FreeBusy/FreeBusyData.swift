import ICalendar
import TextUtilities

/// The busy time in one recipient's answer: the FREEBUSY properties of the
/// VFREEBUSY inside `calendar-data` (RFC 6638 §5, RFC 5545 §3.6.4, §3.8.2.6).
public struct FreeBusyData: Equatable, Sendable {
    /// As sent, before clipping or merging (zero-length periods dropped).
    public var periods: [BusyPeriod]
    /// The span the server says it answered for (its DTSTART/DTEND), if given.
    public var coveredStart: UTCInstant?
    public var coveredEnd: UTCInstant?

    public init(periods: [BusyPeriod], coveredStart: UTCInstant? = nil, coveredEnd: UTCInstant? = nil) {
        self.periods = periods
        self.coveredStart = coveredStart
        self.coveredEnd = coveredEnd
    }

    /// Reads the first VFREEBUSY in `text`. Each FREEBUSY line may hold several
    /// comma-separated periods, in either PERIOD form; FBTYPE absent means BUSY and
    /// FREE periods are dropped. Any period that cannot be read fails the whole
    /// answer: showing part of someone's busy time as free would be worse than
    /// showing it as unknown.
    public static func parse(_ text: String) throws(ICalendarError) -> FreeBusyData {
        let components = try Component.parse(text)
        var found: Component? = nil
        for c in components {
            if c.name == "VFREEBUSY" { found = c; break }
            if let inner = c.descendants(named: "VFREEBUSY").first { found = inner; break }
        }
        guard let vfreebusy = found else { throw .missingComponent("VFREEBUSY") }
        var periods: [BusyPeriod] = []
        for line in vfreebusy.properties(named: "FREEBUSY") {
            guard let type = BusyType(fbtype: line.parameter("FBTYPE")) else { continue }
            // Split and trim on the bytes (',' and blanks are ASCII): this runs for
            // every period of every answer.
            var value = line.value
            let read: Result<[ICalPeriod], ICalendarError> = value.withUTF8 { u in
                var found: [ICalPeriod] = []
                var pieceStart = 0
                while pieceStart <= u.count {
                    var pieceEnd = pieceStart
                    while pieceEnd < u.count, u[pieceEnd] != UInt8(ascii: ",") { pieceEnd += 1 }
                    var a = pieceStart, z = pieceEnd
                    while a < z, u[a] == 0x20 || u[a] == 0x09 { a += 1 }
                    while z > a, u[z - 1] == 0x20 || u[z - 1] == 0x09 { z -= 1 }
                    if a < z {
                        do throws(ICalendarError) { found.append(try ICalPeriod.parseUTC(bytes: UnsafeBufferPointer(rebasing: u[a..<z]))) }
                        catch { return .failure(error) }
                    }
                    pieceStart = pieceEnd + 1
                }
                return .success(found)
            }
            // A zero-length period is no busy time (RFC 5545 §3.3.9 allows it): dropped here.
            for period in try read.get() {
                if let span = TimeSpan(start: period.start, end: period.end) { periods.append(BusyPeriod(span: span, type: type)) }
            }
        }
        // Coverage is informative only: a server writing it oddly does not spoil the periods.
        let start = vfreebusy.property("DTSTART").flatMap { try? UTCInstant.parseICalendarUTC($0.value) }
        let end = vfreebusy.property("DTEND").flatMap { try? UTCInstant.parseICalendarUTC($0.value) }
        return FreeBusyData(periods: periods, coveredStart: start, coveredEnd: end)
    }
}
