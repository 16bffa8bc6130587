import TextUtilities
import FreeBusy
import ICalendar
import LocalTime
import Planner
#if canImport(Glibc)
import Glibc
#endif

/// One run of the planner, as `avail tui` starts it: the first state (the
/// attendees, the window, the user's theme and keys, what went wrong reading
/// them), then the event loop over a source of free/busy time.
public struct PlannerSession {
    public var source: any FreeBusySource
    public var attendees: [CalendarUserAddress]
    /// Local midnight of the first day shown.
    public var windowStart: UTCInstant
    public var days: Int
    public var zone: DisplayZone
    public var ascii: Bool
    public var isDemo: Bool
    /// `--accessible` or AVAIL_ACCESSIBLE=1: letters for glyphs, answers announced.
    public var accessible: Bool
    public var themeName: String
    public var environment: [String: String]
    /// The user's home directory, where $HOME is not set.
    public var home: String
    /// How `y` reaches the clipboard (`ClipboardSetting.resolve`).
    public var clipboard: ClipboardSetting = .off
    /// The room section at the start (`--room`, `--rooms`), and the rooms R brings into view.
    public var rooms: [PlannerRoom] = []
    public var knownRooms: [PlannerRoom] = []

    public init(source: any FreeBusySource, attendees: [CalendarUserAddress], windowStart: UTCInstant, days: Int, zone: DisplayZone,
                ascii: Bool, isDemo: Bool, accessible: Bool = false, themeName: String, environment: [String: String], home: String) {
        self.source = source
        self.attendees = attendees
        self.windowStart = windowStart
        self.days = days
        self.zone = zone
        self.ascii = ascii
        self.isDemo = isDemo
        self.accessible = accessible
        self.themeName = themeName
        self.environment = environment
        self.home = home
    }

    /// The planner before the first key: rows for everyone, the keys in
    /// effect, and the first problem with the theme or keys file in the status
    /// line (with the count of the rest).
    public func initialState(themeProblems: [Theme.Problem], localeIsUTF8: Bool) -> PlannerState {
        var state = PlannerState(windowStart: windowStart, accountLabel: source.label)
        state.windowDays = days
        state.isDemo = isDemo
        state.glyphs = ascii || !localeIsUTF8 ? .ascii : .unicode
        state.attendees = attendees.map { AttendeeRow(address: $0) }
        state.rooms = rooms
        state.knownRooms = knownRooms
        state.recentAttendees = source.recentAttendees()
        // Known at start (a cached discovery): the user's row is asked with everyone's.
        if let own = source.knownOwnAddress() { state.adoptOwnRow(own) }
        for a in attendees.reversed() { state.rememberRecent(a) }
        if accessible { state.makeAccessible() }
        state.clipboard = clipboard != .off
        if isDemo {
            state.statusMessage = "demo: no account configured (run `avail setup`); these people and their weeks are made up"
        }
        let (keys, keyProblems) = KeysFile.load(path: KeysFile.path(environment: environment, home: home))
        state.keyBindings = keys
        // Theme and keys problems alike: the first in the status line, the count of the rest.
        let reports = themeProblems.map { "theme: \($0)" } + keyProblems.map { "keys: \($0)" }
        if let first = reports.first {
            state.statusMessage = first + (reports.count > 1 ? " (and \(reports.count - 1) more)" : "")
        }
        return state
    }

    /// Runs the planner until the user quits (0) or a signal ends it (128 +
    /// the signal); nil when it cannot start (no pipe for its mailbox).
    public func run() -> Int32? {
        let (theme, problems) = Theme.load(named: themeName, environment: environment, home: home)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let state = initialState(themeProblems: problems, localeIsUTF8: Self.localeIsUTF8)
        var loop = PlannerLoop(state: state, zone: zone, source: source, theme: theme, useColor: !noColor && theme.name != "mono")
        loop.clipboard = clipboard
        // The user's own meetings are read beside everyone's time: their row comes first.
        let asked = state.queriedAddresses
        // Rooms known only by their address are named from the directory, in the background.
        let unnamed = knownRooms.filter { $0.name == nil }.map(\.address)
        return loop.run(initialEffects: (asked.isEmpty ? [] : [.query(state.window, asked)]) + [.readMeetings(state.window)]
                            + (unnamed.isEmpty ? [] : [.lookUpRooms(unnamed)]))
    }

    static var localeIsUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
