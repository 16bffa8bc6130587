extension Sequence where Element == CalendarUserAddress {
    /// Each calendar user once, by `matchKey` (so `bob@example.com`,
    /// `mailto:bob@example.com` and `MAILTO:Bob@Example.com` are one person),
    /// in first-seen order and with the spelling first given: asking for
    /// someone twice would give them two rows and two ATTENDEE lines.
    public func distinctAddresses() -> [CalendarUserAddress] {
        var seen = Set<String>()
        return filter { seen.insert($0.matchKey).inserted }
    }
}
