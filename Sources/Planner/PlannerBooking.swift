import FreeBusy
import ICalendar
import LocalTime
import TextUtilities

/// A meeting the user is about to book from the planner (`b`).
public struct BookingDraft: Equatable, Sendable {
    public var start: UTCInstant
    public var duration: Int64
    public var title: String
    public var location: String
    public var required: [CalendarUserAddress]
    public var optional: [CalendarUserAddress]
    /// Book even though someone was busy: the user said yes to the warning.
    public var force = false
    /// The room booked with it (CUTYPE=ROOM): the first room free then, when rooms are in view.
    public var room: PlannerRoom?

    public init(start: UTCInstant, duration: Int64, title: String, location: String,
                required: [CalendarUserAddress], optional: [CalendarUserAddress], force: Bool = false) {
        self.start = start
        self.duration = duration
        self.title = title
        self.location = location
        self.required = required
        self.optional = optional
        self.force = force
    }

    public var end: UTCInstant { start.adding(seconds: duration) }
}

/// The booking form: title, duration and location, one line each; Tab and the
/// arrows move between them, Enter goes on to the confirmation.
public struct BookingForm: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable {
        case title, duration, location
        public var label: String {
            switch self {
            case .title: return "Title"
            case .duration: return "Duration"
            case .location: return "Location"
            }
        }
    }

    public var start: UTCInstant
    public var required: [CalendarUserAddress]
    public var optional: [CalendarUserAddress]
    public var texts: [String]
    public var cursors: [Int]
    /// Per field: its text is selected, so typing replaces it (LineEditing).
    /// A field given focus with text in it starts selected.
    public var selected: [Bool]
    public private(set) var focus: Field = .title
    /// Why Enter was refused (empty title, bad duration).
    public var problem: String?
    /// The room that goes with the meeting (see `BookingDraft.room`).
    public var room: PlannerRoom?

    public init(start: UTCInstant, duration: Int64, required: [CalendarUserAddress], optional: [CalendarUserAddress]) {
        self.start = start
        self.required = required
        self.optional = optional
        texts = ["", DurationText.format(duration), ""]
        cursors = texts.map(\.count)
        selected = texts.map { _ in false }
        focus(.title)
    }

    /// Moves the focus to `field`, its text selected.
    public mutating func focus(_ field: Field) {
        focus = field
        selected = texts.map { _ in false }
        selected[field.rawValue] = !texts[field.rawValue].isEmpty
        cursors[field.rawValue] = texts[field.rawValue].count
    }

    public func text(_ f: Field) -> String { texts[f.rawValue] }

    /// The draft the fields describe, or why they do not describe one.
    public func draft() -> Result<BookingDraft, BookingFormProblem> {
        let title = text(.title).trimmingWhitespace
        guard !title.isEmpty else { return .failure(.init(field: .title, message: "give the meeting a title")) }
        let seconds: Int64
        switch DurationText.read(text(.duration).trimmingWhitespace) {
        case let .success(s): seconds = s
        case let .failure(p): return .failure(.init(field: .duration, message: DurationText.message(p, option: "", text: text(.duration))))
        }
        var draft = BookingDraft(start: start, duration: seconds, title: title, location: text(.location).trimmingWhitespace,
                                 required: required, optional: optional)
        draft.room = room
        return .success(draft)
    }
}

public struct BookingFormProblem: Error, Equatable, Sendable {
    public var field: BookingForm.Field
    public var message: String
}

extension PlannerState {
    /// `b`: a form for a meeting starting at the cursor's time, with everyone in the grid.
    mutating func openBookingForm(axis: TimeAxis) {
        guard axis.columns.indices.contains(cursorColumn) else { return }
        openBookingForm(start: axis.columns[cursorColumn].start, duration: meetingDuration)
    }

    /// The form for a meeting at `start` lasting `duration` (the cursor's slot, or a mark).
    mutating func openBookingForm(start: UTCInstant, duration: Int64) {
        guard !invitedRows.isEmpty else { statusMessage = "no attendees yet: a adds one"; return }
        if isDemo { statusMessage = "demo: there is no server to book on; run `avail setup` to configure an account"; return }
        var form = BookingForm(start: start, duration: duration,
                               required: invitedRows.filter { !$0.optional }.map(\.address),
                               optional: invitedRows.filter(\.optional).map(\.address))
        form.room = roomForBooking(at: form.start, duration: duration)
        mode = .bookingForm(form)
    }

    mutating func handleBookingForm(_ key: PlannerKey, form: BookingForm) -> [PlannerEffect] {
        var f = form
        let i = f.focus.rawValue
        var chars = Array(f.texts[i])
        var cursor = f.cursors[i]
        switch key {
        case .escape:
            mode = .grid
            statusMessage = "not booked"
            return []
        case .tab, .down:
            f.focus(BookingForm.Field(rawValue: (i + 1) % BookingForm.Field.allCases.count) ?? .title)
        case .up:
            f.focus(BookingForm.Field(rawValue: (i + BookingForm.Field.allCases.count - 1) % BookingForm.Field.allCases.count) ?? .title)
        case .enter:
            switch f.draft() {
            case let .success(draft):
                mode = .confirmBooking(draft, warnings: [])
            case let .failure(problem):
                f.focus(problem.field)
                f.problem = problem.message
                mode = .bookingForm(f)
            }
            return []
        default:
            LineEditing.apply(key, to: &chars, cursor: &cursor, selected: &f.selected[i], limit: 200)
        }
        if f.focus.rawValue == i {
            f.texts[i] = String(chars)
            f.cursors[i] = cursor
        }
        f.problem = nil
        mode = .bookingForm(f)
        return []
    }

    /// y (or Enter) books; n goes back to the form; Escape cancels; other keys do nothing.
    mutating func handleBookingConfirmation(_ key: PlannerKey, draft: BookingDraft, warnings: [String]) -> [PlannerEffect] {
        switch key {
        case .char("y"), .char("Y"), .enter:
            mode = .grid
            var d = draft
            d.force = d.force || !warnings.isEmpty
            statusMessage = "booking “\(d.title)”…"
            return [.book(d)]
        case .escape:
            mode = .grid
            statusMessage = "not booked"
            return []
        case .char("n"), .char("N"):
            var form = BookingForm(start: draft.start, duration: draft.duration, required: draft.required, optional: draft.optional)
            form.texts = [draft.title, DurationText.format(draft.duration), draft.location]
            form.room = draft.room
            form.cursors = form.texts.map(\.count)
            form.focus(.title)
            mode = .bookingForm(form)
            return []
        default:
            return []
        }
    }

    /// What to do after a message: a booked meeting is asked about again, so
    /// it shows as busy in everyone's row.
    public func followUp(_ message: PlannerMessage) -> [PlannerEffect] {
        switch message {
        case .booked:
            return attendees.isEmpty ? [.readMeetings(window)] : [.query(window, queriedAddresses), .readMeetings(window)]
        case .meetingChanged:
            // Everyone's time and the meetings changed: both are asked again (replies too).
            return [.query(window, queriedAddresses, fresh: true), .readMeetings(window)]
        case let .requestScript(_, text):
            return clipboard && text.utf8.count <= ClipboardSetting.largestText ? [.copyToClipboard(text)] : []
        case let .meetings(key, _, _):
            // The own row just added has no answer yet.
            let missing = missingAddresses(in: key)
            guard key == window, !missing.isEmpty else { return [] }
            return [.query(key, missing)]
        default:
            return []
        }
    }
}
