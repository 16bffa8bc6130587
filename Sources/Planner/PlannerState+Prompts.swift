import FreeBusy
import ICalendar
import LocalTime
import TextUtilities

/// The one-line prompts (add attendee, meeting duration): their keys are the
/// line editor's, never the key table's.
extension PlannerState {
    mutating func handlePrompt(_ key: PlannerKey, editor: LineEditor, zone: DisplayZone, layout: PlannerLayout) -> [PlannerEffect] {
        var e = editor
        var chars = Array(e.text)
        switch key {
        case .escape:
            mode = .grid
            return []
        case .enter:
            mode = .grid
            return submit(e, zone: zone, layout: layout)
        case .tab:
            if e.purpose == .addAttendee, let match = completion(for: String(chars), suggestions: e.suggestions) {
                chars = Array(match)
                e.cursor = chars.count
                e.selected = false
            }
        default:
            LineEditing.apply(key, to: &chars, cursor: &e.cursor, selected: &e.selected, limit: 256)
        }
        let changed = e.text != String(chars)
        e.text = String(chars)
        mode = .prompt(e)
        // The directory is asked as the text changes; the answer comes back as a message.
        if changed, e.purpose == .addAttendee, e.text.count >= 2 {
            return [.searchPeople(e.text)]
        }
        return []
    }

    private mutating func submit(_ e: LineEditor, zone: DisplayZone, layout: PlannerLayout) -> [PlannerEffect] {
        let text = e.text.trimmingWhitespace
        switch e.purpose {
        case .addAttendee:
            guard !text.isEmpty else { return [] }
            let address: CalendarUserAddress
            do { address = try CalendarUserAddress(text) } catch {
                statusMessage = error.description
                return []
            }
            if attendees.contains(where: { $0.address.matchKey == address.matchKey }) {
                statusMessage = "\(address.displayString) is already here"
                return []
            }
            attendees.append(AttendeeRow(address: address))
            cursorRow = attendees.count - 1
            rememberRecent(address)
            keepCursorVisible(zone: zone, layout: layout)
            return [.query(window, [address])]
        case .duration:
            switch DurationText.read(text) {
            case let .failure(problem):
                statusMessage = DurationText.message(problem, option: "", text: text)
                return []
            case let .success(seconds):
                meetingDuration = seconds
                statusMessage = "meeting duration \(Self.formatDuration(seconds)); n/N find slots that long"
            }
            return []
        }
    }

    public mutating func rememberRecent(_ address: CalendarUserAddress) {
        recentAttendees.removeAll { $0.lowercased() == address.displayString.lowercased() }
        recentAttendees.insert(address.displayString, at: 0)
        if recentAttendees.count > 200 { recentAttendees.removeLast() }
    }

    // MARK: Durations

    /// `30m`, `1h`, `1h30m`, `90` (minutes); more than a day is refused.
    public static func parseDuration(_ text: String) -> Int64? { DurationText.parse(text) }

    public static func formatDuration(_ seconds: Int64) -> String { DurationText.format(seconds) }
}
