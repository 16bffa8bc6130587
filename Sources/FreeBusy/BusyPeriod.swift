import ICalendar

/// Busy time of one type: a span plus its FBTYPE.
public struct BusyPeriod: Hashable, Sendable, CustomStringConvertible {
    public var span: TimeSpan
    public var type: BusyType

    public init(span: TimeSpan, type: BusyType = .busy) {
        self.span = span
        self.type = type
    }

    /// For times known to be in order (fixtures, demo data): like `a..<b`, it traps
    /// when `end` is not after `start`. Data from outside goes through
    /// `TimeSpan(start:end:)`, which says nil instead.
    public init(start: UTCInstant, end: UTCInstant, type: BusyType = .busy) {
        guard let span = TimeSpan(start: start, end: end) else { preconditionFailure("busy period \(start)/\(end) is empty") }
        self.init(span: span, type: type)
    }

    public var start: UTCInstant { span.start }
    public var end: UTCInstant { span.end }

    public var description: String { "\(span) \(type.name)" }
}
