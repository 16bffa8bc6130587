import FreeBusy
import ICalendar
import LocalTime

/// Network news for the planner loop, delivered on the UI thread.
public enum PlannerMessage: Sendable {
    case started(WindowKey, at: UTCInstant)
    /// Answers from the cache or the server, each with where it came from;
    /// `final` when no further answer for this window is coming (the request
    /// is over). The one way answers reach the planner.
    case answers(WindowKey, [FreeBusyAnswer], organizer: String?, final: Bool, at: UTCInstant)
    /// The whole request failed; these attendees' rows say so.
    case failed(WindowKey, [CalendarUserAddress], message: String, at: UTCInstant)
    /// Accounts that failed while the others answered for everyone (each
    /// row's status names the account that did): said on the status line.
    case accountsFailed(WindowKey, String)
    /// The request for this window was given up before it ended (the user moved
    /// to another window): nothing is on its way, so coming back asks again.
    case abandoned(WindowKey)
    /// The directory's answer for the add-attendee editor's text `query`.
    case people(query: String, [PersonSuggestion])
    /// Someone is busy at the meeting's time: ask before booking anyway.
    case bookingConflict(BookingDraft, [String])
    /// The meeting is booked; the text says how each invitation went.
    case booked(String)
    case bookingFailed(String)
    /// The user's own meetings in this window, and their own address (nil: unknown, e.g. the demo).
    case meetings(WindowKey, [PlannerMeeting], own: CalendarUserAddress?)
    case meetingsFailed(WindowKey, String)
    /// Someone is busy at the new time: ask before moving anyway.
    case meetingMoveConflict(MeetingMoveDraft, [String])
    /// A meeting was moved or cancelled; the text says how.
    case meetingChanged(String)
    case meetingChangeFailed(String)
    /// `y` on a row: its request as a curl script (`title` names whose).
    case requestScript(title: String, text: String)
    case requestScriptFailed(String)
    /// The directory's display names of rooms, by address (`matchKey`).
    case roomNames([String: String])
}

extension PlannerState {
    // MARK: Messages

    public mutating func receive(_ message: PlannerMessage) {
        switch message {
        case let .started(window, at):
            requests[window] = .inFlight(since: at)
        case let .people(query, found):
            // Only for the text still being typed; an answer for older text is dropped.
            if case var .prompt(editor) = mode, editor.purpose == .addAttendee, editor.text == query {
                // Best first: the address starts with the text, then a word of the name does.
                let q = query.lowercased()
                func rank(_ p: PersonSuggestion) -> Int {
                    if p.address.lowercased().hasPrefix(q) { return 0 }
                    if (p.name ?? "").lowercased().split(separator: " ").contains(where: { $0.hasPrefix(q) }) { return 1 }
                    return 2
                }
                editor.suggestions = found.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
                mode = .prompt(editor)
            }
        case let .bookingConflict(draft, warnings):
            mode = .confirmBooking(draft, warnings: warnings)
            statusMessage = nil
        case let .booked(text):
            statusMessage = text
        case let .bookingFailed(text):
            statusMessage = "not booked: " + text
        case let .meetings(key, list, own):
            receiveMeetings(key, list, own: own)
        case let .accountsFailed(key, text):
            // Like the meetings' failure below: not over what the line says already.
            if key == window, statusMessage == nil { statusMessage = text }
        case let .meetingsFailed(key, text):
            // Said only when nothing else is: the rows' own failure (no scheduling,
            // server gone) says more and must not be covered.
            if key == window, statusMessage == nil { statusMessage = "your meetings: " + text }
        case let .meetingMoveConflict(draft, warnings):
            mode = .confirmMove(draft, warnings: warnings)
            statusMessage = nil
        case let .meetingChanged(text):
            statusMessage = text
        case let .meetingChangeFailed(text):
            statusMessage = "not changed: " + text
        case let .requestScript(title, text):
            receiveRequestScript(title: title, text: text)
        case let .requestScriptFailed(text):
            statusMessage = "no request to show: " + text
        case let .roomNames(names):
            nameRooms(names)
        case let .answers(window, rows, organizer, final, at):
            var byKey: [String: FreeBusyAnswer] = [:]
            for r in rows { byKey[r.recipient.matchKey] = r }
            for i in attendees.indices {
                guard let r = byKey[attendees[i].address.matchKey] else { continue }
                // A cached answer with holes does not replace a whole one already
                // on screen (after a booking only the meeting's hour is cached);
                // the final answer comes soon.
                if !final, !r.gaps.isEmpty, case .answered = attendees[i].answer(for: window) { continue }
                attendees[i].answers[window] = .answered(r)
            }
            receiveRoomAnswers(window, byKey, final: final)
            if let organizer { self.organizer = organizer }
            if final { requests[window] = .done(at: at) }
        case let .abandoned(window):
            if case .inFlight = requests[window] { requests[window] = nil }
        case let .failed(window, addresses, text, at):
            let keys = Set(addresses.map(\.matchKey))
            for i in attendees.indices where keys.contains(attendees[i].address.matchKey) {
                // A cached answer already on screen stays, marked stale, with the error beside it.
                if case var .answered(answer) = attendees[i].answer(for: window) {
                    answer.stale = true
                    answer.error = text
                    attendees[i].answers[window] = .answered(answer)
                } else {
                    attendees[i].answers[window] = .failed(text)
                }
            }
            receiveRoomFailure(window, keys, text)
            requests[window] = .failed(text, at: at)
            if window == self.window { statusMessage = text }
        }
        announceArrivedAnswers()
    }
}
