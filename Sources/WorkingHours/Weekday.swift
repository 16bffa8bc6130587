/// A day of the week, Monday first (ISO 8601, and the order DisplayZone's
/// `weekday` counts in).
public enum Weekday: Int, CaseIterable, Comparable, Sendable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

    /// `mon`: how the hours grammar names it.
    public var shortName: String { ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue] }

    /// `MO`: the weekday of RFC 5545 §3.3.10 (BYDAY).
    public var iCalendarCode: String { ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][rawValue] }

    /// The day after, Sunday followed by Monday.
    public var next: Weekday { Weekday(rawValue: (rawValue + 1) % 7) ?? .monday }

    /// `mon`, `monday`, `mo`, in any case.
    public init?(name: some StringProtocol) {
        let n = name.lowercased()
        guard let day = Weekday.allCases.first(where: { n == $0.shortName || n == $0.fullName || n == $0.shortName.prefix(2) })
        else { return nil }
        self = day
    }

    /// `MO` from a BYDAY list (RFC 5545 §3.3.10); an ordinal (`1MO`) is not weekly.
    public init?(iCalendarCode code: some StringProtocol) {
        guard let day = Weekday.allCases.first(where: { $0.iCalendarCode == code.uppercased() }) else { return nil }
        self = day
    }

    private var fullName: String { ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][rawValue] }
}
