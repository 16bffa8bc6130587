import FreeBusy

/// Tab in the add-attendee prompt.
extension PlannerState {
    /// Tab: the directory's first match for the text, else a recent attendee
    /// starting with it; never someone already in the grid.
    func completion(for text: String, suggestions: [PersonSuggestion]) -> String? {
        let prefix = text.lowercased()
        let taken = Set(attendees.map(\.address.matchKey))
        let isNew = { (a: String) in !taken.contains((try? CalendarUserAddress(a))?.matchKey ?? "") }
        if let s = suggestions.first(where: { isNew($0.address) && ($0.address.lowercased().contains(prefix) || ($0.name?.lowercased().contains(prefix) ?? false)) }) {
            return s.address
        }
        return recentAttendees.first { $0.lowercased().hasPrefix(prefix) && isNew($0) }
    }
}
