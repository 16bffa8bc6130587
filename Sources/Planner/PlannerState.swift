
import FreeBusy
import ICalendar
import LocalTime

/// Glyphs for cells, chosen so the grid reads without colour (RFC 5545 FBTYPE
/// strength order: BUSY over BUSY-UNAVAILABLE over BUSY-TENTATIVE). Time
/// outside someone's working hours gets the lightest shade and a dash: it is
/// not another kind of busy.
public enum GlyphSet: Sendable, Equatable {
    /// `letters` is the accessible mode's: a braille display or a screen reader
    /// shows a letter as a letter, where a block glyph is a dot pattern or a
    /// spoken "full block".
    case unicode, ascii, letters

    public func glyph(for type: BusyType?) -> String {
        switch (self, type) {
        case (.unicode, .busy?), (.unicode, .other?): return "█"
        case (.unicode, .busyUnavailable?): return "░"
        case (.unicode, .busyTentative?): return "▒"
        case (.unicode, nil): return "·"
        case (.ascii, .busy?), (.ascii, .other?): return "#"
        case (.ascii, .busyUnavailable?): return "-"
        case (.ascii, .busyTentative?): return "+"
        case (.ascii, nil): return "."
        case (.letters, .busy?), (.letters, .other?): return "B"
        case (.letters, .busyUnavailable?): return "U"
        case (.letters, .busyTentative?): return "T"
        case (.letters, nil): return "."
        }
    }

    public var unknown: String { "?" }
    /// In the "all" row: free for the required attendees, busy for an optional one.
    public var optionalConflict: String { self == .unicode ? "○" : "o" }
    public var daySeparator: String { self == .unicode ? "│" : "|" }
}

/// Slot width of one grid column.
public enum Zoom: Int64, CaseIterable, Sendable {
    case quarterHour = 900, halfHour = 1800, hour = 3600, twoHours = 7200

    public var label: String {
        switch self {
        case .quarterHour: return "15 min"
        case .halfHour: return "30 min"
        case .hour: return "1 h"
        case .twoHours: return "2 h"
        }
    }
}

/// The window a request covers: whole local days from `start`. A key, not a
/// span: how long its days are depends on the zone (see `span(in:)`).
public struct WindowKey: Hashable, Sendable {
    public var start: UTCInstant
    public var days: Int
    public init(start: UTCInstant, days: Int) { self.start = start; self.days = days }

    /// The time these local days cover in `zone` (a DST day is an hour longer or
    /// shorter); nil for no days at all.
    public func span(in zone: DisplayZone) -> TimeSpan? {
        let end = zone.adding(days: days, to: start) ?? start.adding(seconds: Int64(days) * 86_400)
        return TimeSpan(start: start, end: end)
    }
}

/// What is known of one attendee for one window.
public enum RowAnswer: Equatable, Sendable {
    case pending
    /// The answer as the service gave it: result, where it came from, how old, gaps.
    case answered(FreeBusyAnswer)
    /// The request failed as a whole (network, authentication, refusal).
    case failed(String)

    public var result: RecipientResult? {
        if case let .answered(a) = self { return a.result }
        return nil
    }

    public var busy: [BusyPeriod]? { result?.busy }

    /// Parts of the window the answer does not cover (shown as unknown).
    public var gaps: [TimeSpan] {
        if case let .answered(a) = self { return a.gaps }
        return []
    }
}

public struct AttendeeRow: Equatable, Sendable {
    public var address: CalendarUserAddress
    public var optional: Bool
    public var answers: [WindowKey: RowAnswer]

    public init(address: CalendarUserAddress, optional: Bool = false) {
        self.address = address
        self.optional = optional
        answers = [:]
    }

    public func answer(for window: WindowKey) -> RowAnswer { answers[window] ?? .pending }
}

public enum RequestIndicator: Equatable, Sendable {
    case idle
    case inFlight(since: UTCInstant)
    case done(at: UTCInstant)
    case failed(String, at: UTCInstant)
}

/// Someone the directory found for the add-attendee editor.
public struct PersonSuggestion: Equatable, Sendable {
    public var name: String?
    public var address: String
    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }
    public var label: String { name.map { "\($0) <\(address)>" } ?? address }
}

public enum PlannerMode: Equatable, Sendable {
    case grid
    case help
    case prompt(LineEditor)
    /// `b`: title, duration, location for a meeting at the cursor.
    case bookingForm(BookingForm)
    /// The meeting as it will be booked, and why to think twice (someone busy).
    case confirmBooking(BookingDraft, warnings: [String])
    /// `m`: the user's meetings in view with their replies (any key closes it).
    case meetingList([PlannerMeeting])
    /// `M` the second time: the meeting at its new time, and who is busy then.
    case confirmMove(MeetingMoveDraft, warnings: [String])
    /// `X` on a meeting: cancel it?
    case confirmCancel(PlannerMeeting)
    /// `y` on a row: its free/busy request as a curl script, scrollable.
    case requestScript(ScriptPager)
}

/// Everything the planner shows, as a value. Keys and network answers are
/// functions from state to state (`PlannerState+Keys`); rendering draws it.
public struct PlannerState: Equatable, Sendable {
    public var attendees: [AttendeeRow] = [] { didSet { rowsVersion = RowsVersion() } }
    /// New with every change to the rows (attendees, rooms): what the renderer's
    /// memos are keyed on, so a cursor move finds no slots and merges no busy time.
    public private(set) var rowsVersion = RowsVersion.initial
    /// Local midnight of the first day of the window.
    public var windowStart: UTCInstant
    public var windowDays: Int = 7
    public var zoom: Zoom = .halfHour
    public var workdayStartHour: Int = 8
    public var workdayEndHour: Int = 18
    public var workingHoursOnly: Bool = true
    /// Row under the cursor: an attendee index, or `attendees.count` for the "all" row.
    public var cursorRow: Int = 0
    /// Column under the cursor, an index into the time axis.
    public var cursorColumn: Int = 0
    public var firstVisibleColumn: Int = 0
    public var firstVisibleRow: Int = 0
    public var requests: [WindowKey: RequestIndicator] = [:]
    public var organizer: String?
    public var accountLabel: String
    public var meetingDuration: Int64 = 1800
    public var statusMessage: String?
    public var mode: PlannerMode = .grid
    public var glyphs: GlyphSet = .unicode
    /// The accessible mode's news of answers as they arrive (`--accessible`).
    public var announcements = AnswerAnnouncements()
    public var isDemo: Bool = false
    /// Addresses used before, for completion in the add-attendee prompt.
    public var recentAttendees: [String] = []
    /// The keys in effect: the key table with the user's keys file applied.
    public var keyBindings: KeyBindings = .defaults
    public var wantsQuit = false
    /// The user's own meetings per window (`.readMeetings`), drawn on their row.
    public var meetings: [WindowKey: [PlannerMeeting]] = [:]
    /// The account's own address: its row is the first, with its meetings on it.
    public var ownAddress: CalendarUserAddress?
    /// `M` on a meeting picks it up; `M` at the new time asks to move it there.
    public var movingMeeting: PlannerMeeting?
    /// `v`: a marked range of time (kept as time, so it survives zoom and day changes).
    public var mark: PlannerMark?
    /// Digits typed before a movement key (`3L`, `5j`), not yet used.
    public var pendingCount: Int?
    /// Whether `y` also puts its text on the terminal's clipboard (OSC 52).
    public var clipboard: Bool = false
    /// The room section below the people (`--room`, `--rooms`, R): any one free room will do.
    public var rooms: [PlannerRoom] = [] { didSet { rowsVersion = RowsVersion() } }
    /// The rooms R brings into view: the config's and the command line's.
    public var knownRooms: [PlannerRoom] = []

    public init(windowStart: UTCInstant, accountLabel: String) {
        self.windowStart = windowStart
        self.accountLabel = accountLabel
    }

    public var window: WindowKey { WindowKey(start: windowStart, days: windowDays) }

    public var allRowIndex: Int { attendees.count }

    public var request: RequestIndicator { requests[window] ?? .idle }

    /// Whether `row` is the user's own (their meetings are drawn on it; a
    /// booking does not invite them, they organise it).
    public func isOwnRow(_ row: Int) -> Bool {
        guard let own = ownAddress, attendees.indices.contains(row) else { return false }
        return attendees[row].address.matchKey == own.matchKey
    }

    /// The rows a booking invites: everyone but the user.
    public var invitedRows: [AttendeeRow] {
        attendees.filter { $0.address.matchKey != ownAddress?.matchKey }
    }
}

/// What the planner asks its surroundings to do after a key or a message.
public enum PlannerEffect: Equatable, Sendable {
    /// Ask about these attendees for this window. `fresh`: the user asked (`r`),
    /// so the server is asked whatever the cache holds, and a failure shows.
    case query(WindowKey, [CalendarUserAddress], fresh: Bool = false)
    /// Look the text up in the directory, in the background (add-attendee editor).
    case searchPeople(String)
    /// Book this meeting (checking everyone's time first unless `force`).
    case book(BookingDraft)
    /// Read the user's own meetings in this window.
    case readMeetings(WindowKey)
    /// Move the meeting (checking everyone's time, its own counted free, unless `force`).
    case moveMeeting(MeetingMoveDraft)
    case cancelMeeting(PlannerMeeting)
    /// `y` on a row: the free/busy request for these attendees, as a curl script.
    case showRequest(WindowKey, [CalendarUserAddress])
    /// Put the text on the terminal's clipboard (OSC 52), where that is on.
    case copyToClipboard(String)
    /// Look these rooms' display names up in the directory, in the background.
    case lookUpRooms([CalendarUserAddress])
    case quit
    case suspend
}
