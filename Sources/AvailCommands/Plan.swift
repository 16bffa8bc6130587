import CalDAVClient
import TextUtilities
import FreeBusy
import FreeBusyCache
import ICalendar
import LocalTime
import Planner
import PlannerSession
import Scheduling
#if canImport(Glibc)
import Glibc
#endif

struct Plan: CLICommand {
    /// Its name without building its spec (which holds the whole key table).
    static let name = "tui"
    static let spec = CommandSpec(
        name: name,
        abstract: "Open the planner: everyone's busy time in a grid.",
        discussion: """
        Opens a full-screen grid with one row per attendee and starts their
        free/busy requests at once; rows fill in as answers arrive. With no
        account configured it opens a demo with made-up colleagues.

        Keys (these are the defaults; $XDG_CONFIG_HOME/avail/keys changes them
        with `bind ACTION KEY...` and `unbind KEY...` lines, see the README):
        \(KeyTable.plainText)

        A count before a movement key repeats it: 4l, 5j, 3L (three weeks on).
        With a mark (v): b books exactly it, n/N move it to the next/previous free
        slot of its length, y copies it as text. Without: y shows the row's
        free/busy request as curl. y also uses the clipboard (OSC 52; see
        clipboard in avail-config(5)).

        Glyphs: █ busy, ░ outside working hours, ▒ tentative, · free, ? unknown
        (--ascii: # - + . ?; --accessible: B U T . ?). NO_COLOR turns colours off.

        Rooms (--room, --rooms GROUP, or R for the config's `room` lines) show
        in a section below the people, each by its name and size; the `all`
        row is then free only where every required person and at least one
        room is, and n/N find such times.
        """,
        options: [
            .option("from", "date", "First day shown: DATE or today/tomorrow."),
            .option("days", "n", "Days per window (1-28, default 7)."),
            .option("theme", "name", "Theme: default, mono, light, or a file in $XDG_CONFIG_HOME/avail/themes/ (default: the config's `theme`, else default)."),
            .flag("ascii", "ASCII glyphs (# % + . ?) instead of block characters."),
            .flag("accessible", "For screen readers and braille: letters (B U T . ?) for glyphs, answers announced (also AVAIL_ACCESSIBLE=1)."),
            .flag("demo", "Open the demo even when an account is configured."),
            .option("room", "room", "A room to show below the people (address or config name); the all row needs any one free.", repeatable: true),
            .option("rooms", "group", "A room group of the config to show below the people (rooms = NAME: room, room…).", repeatable: true),
        ] + ConnectionOptions.specs + CacheOptions.specs,
        positional: "attendee", positionalHelp: "Email addresses or mailto: URIs to show (or group names from the config)."
    )

    var from: String?
    var days: Int = 7
    var theme: String?
    var ascii = false
    var accessible = false
    var demo = false
    var rooms: [String] = []
    var roomGroups: [String] = []
    var connection: ConnectionOptions
    var cache_: CacheOptions
    var attendees: [String] = []

    init(_ a: ParsedArguments) throws(CommandFailure) {
        from = a.value("from")
        days = try a.int("days") ?? 7
        theme = a.value("theme")
        ascii = a.flag("ascii")
        accessible = a.flag("accessible")
        demo = a.flag("demo")
        rooms = a.all("room")
        roomGroups = a.all("rooms")
        connection = try ConnectionOptions(a)
        cache_ = try CacheOptions(a)
        attendees = a.positionals
    }

    func validate() throws(CommandFailure) {
        guard (1...28).contains(days) else { throw CommandFailure(usage: "--days must be between 1 and 28") }
        if connection.showCurl {
            throw CommandFailure(usage: "--show-curl is for the commands that print (query, discover, book --dry-run, meetings), not the planner")
        }
    }

    func run() async throws {
        setlocale(LC_ALL, "")
        let env = ProcessEnvironment.current
        // No account anywhere: the demo, clearly marked. A config with a mistake
        // is not "no account": it is said, as every other command says it.
        let settings: Configuration?
        do { settings = try Configuration.load(path: connection.config, environment: env) } catch { throw CommandFailure(error) }
        let configured = settings?.url != nil || settings?.accounts.isEmpty == false
        if let way = env["AVAIL_CLIPBOARD"], !way.isEmpty, ClipboardSetting(rawValue: way.lowercased()) == nil {
            throw CommandFailure(usage: "AVAIL_CLIPBOARD must be osc52, tmux-passthrough or off")
        }
        // Before the terminal check: a mistyped subcommand (`avail qeury`) is
        // named as such, not answered with "the planner needs a terminal".
        var addresses = try AttendeeArguments.addresses(attendees, settings: settings, namingCommands: true)
        let catalog = settings?.rooms ?? RoomCatalog()
        let shownRooms: [Room]
        do { shownRooms = try catalog.resolve(rooms: rooms, groups: roomGroups) } catch { throw CommandFailure(usage: error.message) }
        let knownRooms = shownRooms + catalog.rooms.filter { r in !shownRooms.contains { $0.address.matchKey == r.address.matchKey } }
        guard isatty(0) != 0, isatty(1) != 0 else {
            throw CommandFailure(usage: "the planner needs a terminal; for scripts use `avail query`")
        }
        let zone = try DisplayZone.fromEnvironment()
        let now = UTCInstant.now
        let source: any FreeBusySource
        let isDemo = demo || !configured
        if isDemo {
            source = DemoSource()
            if addresses.isEmpty { addresses = DemoSource.attendees.compactMap { try? CalendarUserAddress($0) } }
        } else {
            var connection = self.connection
            connection.passwordsFirst = true
            if let all = try connection.everyAccount(environment: env),
               case let (routed, first) = try connection.routedService(all, policy: cache_.policy(settings:), environment: env), let service = routed.accounts.first?.service {
                // Several accounts: free/busy routed over all of them; the rest stays on the first.
                source = ServerSource(service: service, account: first, routed: routed, rooms: knownRooms.map(\.address))
            } else {
                let (session, account, settings) = try connection.sessionAndSettings()
                source = ServerSource(service: FreeBusyService.make(session: session, account: account, settings: settings,
                                                                    policy: cache_.policy(settings: settings), environment: env),
                                      account: account, rooms: knownRooms.map(\.address))
            }
        }
        let start: UTCInstant
        if let from {
            guard let arg = TimeArgument.parse(from, now: now, zone: zone), let s = arg.start(in: zone) else {
                throw CommandFailure(usage: "--from \(from.debugDescription) is not a date (2026-12-07)")
            }
            start = zone.startOfDay(s)
        } else {
            start = zone.startOfDay(now)
        }

        let isAccessible = accessible || env["AVAIL_ACCESSIBLE"] == "1"
        var session = PlannerSession(source: source, attendees: addresses, windowStart: start, days: days, zone: zone, ascii: ascii,
                                     isDemo: isDemo, accessible: isAccessible, themeName: theme ?? settings?.theme ?? "default", environment: env,
                                     home: homeDirectory())
        session.clipboard = ClipboardSetting.resolve(environment: env["AVAIL_CLIPBOARD"], config: settings?.clipboard, term: env["TERM"],
                                                     accessible: isAccessible)
        let plannerRoom = { (r: Room) in PlannerRoom(name: r.name, address: r.address, capacity: r.capacity) }
        session.rooms = shownRooms.map(plannerRoom)
        session.knownRooms = knownRooms.map(plannerRoom)
        guard let code = session.run() else { throw CommandFailure(message: "cannot create a pipe for the planner", code: 1) }
        if code != 0 { throw CommandFailure(message: "", code: code) }
    }
}
