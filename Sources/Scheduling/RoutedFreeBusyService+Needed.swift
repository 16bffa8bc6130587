import FreeBusy

extension RoutedFreeBusyService {
    /// The accounts (indices) a query about `attendees` may ask, from what is
    /// at hand without the network (the configured organizers, the cached
    /// discoveries): every account in any attendee's plan, whatever the order,
    /// and every account whose user is not known yet (it may hold the user's
    /// own row). The others need not be connected at all, so their
    /// password_command need not run: a `domains` rule that sends everyone to
    /// one account leaves the rest alone.
    public func accountsToAsk(about attendees: [CalendarUserAddress]) -> [Int] {
        let routing = cachedRouting()
        var needed = Set(routing.members.indices.filter { routing.members[$0].primary == nil })
        for a in attendees {
            switch routing.plan(for: a, knowledge: { _ in .neverAsked }) {
            case let .own(asks): needed.formUnion(asks.map(\.account))
            case let .inTurn(order): needed.formUnion(order)
            }
        }
        return needed.sorted()
    }
}
