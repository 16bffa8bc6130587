import TextUtilities
import FreeBusy
import ICalendar
import LocalTime
import Planner
import Synchronization
import Terminal
import Scheduling
#if canImport(Glibc)
import Glibc
#endif

/// Set by SIGTERM/SIGHUP, SIGWINCH and SIGTSTP; the handlers only store and write a byte
/// (async-signal-safe). avail catches SIGWINCH itself, before curses starts, because
/// the signal may land on any thread: a byte down the pipe wakes the UI's poll()
/// wherever it landed.
nonisolated(unsafe) private var terminationRequested: sig_atomic_t = 0
nonisolated(unsafe) private var resizeRequested: sig_atomic_t = 0
nonisolated(unsafe) private var suspendRequested: sig_atomic_t = 0
nonisolated(unsafe) private var signalWakeFD: Int32 = -1

/// The planner's event loop: draws the state, waits on the keyboard and the
/// mailbox together, turns keys into state changes and effects into requests.
///
/// The UI thread never waits on the disk or the network: cache reads and
/// writes happen in the request's task, and the answers come back through the
/// mailbox. Free/busy requests go through one `RequestScheduler`: every key
/// waiting is handled first, then at most one request starts, for the window
/// on screen; requests for windows already left are dropped or abandoned.
struct PlannerLoop {
    var state: PlannerState
    let zone: DisplayZone
    let source: any FreeBusySource
    let theme: Theme
    let useColor: Bool
    /// How `y` reaches the clipboard (OSC 52, through the terminal), if at all.
    var clipboard: ClipboardSetting = .off
    private var scheduler = RequestScheduler()
    private var tasks: [Int: Task<Void, Never>] = [:]
    /// The window whose meetings are wanted, read once the keys waiting are
    /// handled (as free/busy requests are): a flood of week keys asks for the
    /// week landed on, not one REPORT per week passed.
    private var meetingsWanted: WindowKey?
    /// When `meetingsWanted` was last set: the read waits for everyone's time
    /// at most `meetingsWait`.
    private var meetingsWantedAt = ContinuousClock.now
    /// How long the user's meetings wait for the free/busy request of their window.
    static let meetingsWait = Duration.seconds(1)
    /// Windows whose meetings are being read; one read per window at a time.
    private var meetingsInFlight: Set<WindowKey> = []

    init(state: PlannerState, zone: DisplayZone, source: any FreeBusySource, theme: Theme, useColor: Bool) {
        self.state = state
        self.zone = zone
        self.source = source
        self.theme = theme
        self.useColor = useColor
    }

    /// Runs until the user quits (0) or a signal ends it (128 + the signal);
    /// nil when the loop cannot start (no pipe for its mailbox).
    mutating func run(initialEffects: [PlannerEffect]) -> Int32? {
        guard let mailbox = Mailbox() else { return nil }
        signalWakeFD = mailbox.writeFD
        let onSignal: @convention(c) (Int32) -> Void = { _ in
            terminationRequested = 1
            var byte: UInt8 = 2
            _ = write(signalWakeFD, &byte, 1)
        }
        signal(SIGTERM, onSignal)
        signal(SIGHUP, onSignal)
        let onResize: @convention(c) (Int32) -> Void = { _ in
            resizeRequested = 1
            var byte: UInt8 = 3
            _ = write(signalWakeFD, &byte, 1)
        }
        signal(SIGWINCH, onResize)

        let terminal = Terminal(theme: theme, useColor: useColor)
        // `kill -TSTP` from outside: stop the way Ctrl-Z does, from the UI thread
        // (in place of ncurses' handler, which would end curses mode on whatever
        // thread the signal landed on, in the middle of a draw).
        let onStop: @convention(c) (Int32) -> Void = { _ in
            suspendRequested = 1
            var byte: UInt8 = 4
            _ = write(signalWakeFD, &byte, 1)
        }
        signal(SIGTSTP, onStop)
        defer {
            for task in tasks.values { task.cancel() }
            terminal.end()
        }
        for e in initialEffects { perform(e, mailbox: mailbox, terminal: terminal) }
        startRequests(mailbox: mailbox)
        startMeetingsRead(mailbox: mailbox)
        // A long session adds files: the cache is pruned as after a command, beside the screen.
        let source = self.source
        Task.detached { source.maintain() }
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: mailbox.readFD, events: Int16(POLLIN), revents: 0)]
        // For `make bench`: the wall-clock times of the first frame with every row
        // answered, and of the first with some rows answered and others not yet
        // (batches paint as they answer: issue 17).
        var firstCompleteFramePath = ProcessEnvironment.current["AVAIL_BENCH_FIRST_FRAME"]
        var firstRowsFramePath = ProcessEnvironment.current["AVAIL_BENCH_FIRST_ROWS"]
        while true {
            let (w, h) = terminal.size
            let layout = PlannerLayout(width: w, height: h)
            state.keepCursorVisible(zone: zone, layout: layout)
            terminal.draw(PlannerRenderer.render(state, zone: zone, now: .now, width: w, height: h))
            if firstCompleteFramePath != nil || firstRowsFramePath != nil, !state.attendees.isEmpty {
                let answered = state.attendees.count(where: { $0.answers[state.window] != nil })
                // The user's own row is asked apart: some invited rows must be in.
                let invitedAnswered = state.invitedRows.count(where: { $0.answers[state.window] != nil })
                if let path = firstRowsFramePath, invitedAnswered > 0, answered < state.attendees.count {
                    Self.writeBenchTime(to: path)
                    firstRowsFramePath = nil
                }
                if let path = firstCompleteFramePath, answered == state.attendees.count {
                    Self.writeBenchTime(to: path)
                    firstCompleteFramePath = nil
                    firstRowsFramePath = nil
                }
            }
            // Wake at least once a second so the "answered 5s ago" age stays true.
            _ = poll(&fds, 2, 1000)
            if terminationRequested != 0 { return 128 + SIGTERM } // as a shell reports it
            // The terminal is gone and no SIGHUP came (it closed while another
            // process group had the foreground, or it is not avail's controlling
            // terminal): every read fails at once from now on, and poll would
            // return at once forever. Leave as a hangup does.
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return 128 + SIGHUP }
            if suspendRequested != 0 {
                suspendRequested = 0
                terminal.suspend()
            }
            if resizeRequested != 0 {
                resizeRequested = 0
                terminal.resize()
            }
            for event in mailbox.drain() {
                switch event {
                case let .requestEnded(id):
                    scheduler.finished(id)
                    tasks[id] = nil
                case let .message(m, request):
                    // An abandoned request's answers are for a window the user has left.
                    if case let .meetings(key, _, _) = m { meetingsInFlight.remove(key) }
                    if case let .meetingsFailed(key, _) = m { meetingsInFlight.remove(key) }
                    if let request, !scheduler.accepts(request) { continue }
                    state.receive(m)
                    for effect in state.followUp(m) { perform(effect, mailbox: mailbox, terminal: terminal) }
                }
            }
            for input in terminal.readInput() {
                guard case let .key(key) = input else { continue }
                for effect in state.handle(key, zone: zone, now: .now, layout: layout) {
                    perform(effect, mailbox: mailbox, terminal: terminal)
                }
                if state.wantsQuit { return 0 }
                if terminationRequested != 0 { return 128 + SIGTERM }
            }
            // Every key waiting has been handled: now decide what to ask.
            startRequests(mailbox: mailbox)
            startMeetingsRead(mailbox: mailbox)
        }
    }

    private mutating func perform(_ effect: PlannerEffect, mailbox: Mailbox, terminal: Terminal) {
        switch effect {
        case .quit:
            state.wantsQuit = true
        case .suspend:
            terminal.suspend()
        case let .book(draft):
            let source = self.source
            let zone = self.zone
            Task.detached { mailbox.post(await source.book(draft, zone: zone)) }
        case let .readMeetings(key):
            meetingsWanted = key
            meetingsWantedAt = .now
        case let .moveMeeting(draft):
            guard let meetings = source as? any MeetingSource else { break }
            let zone = self.zone
            Task.detached { mailbox.post(await meetings.move(draft, zone: zone)) }
        case let .cancelMeeting(meeting):
            guard let meetings = source as? any MeetingSource else { break }
            let zone = self.zone
            Task.detached { mailbox.post(await meetings.cancel(meeting, zone: zone)) }
        case let .showRequest(key, attendees):
            guard let window = key.span(in: zone) else { break }
            let source = self.source
            Task.detached { mailbox.post(await source.requestScript(attendees, window: window)) }
        case let .copyToClipboard(text):
            terminal.copyToClipboard(clipboard.escape(for: text))
        case let .searchPeople(text):
            let source = self.source
            Task.detached { mailbox.post(.people(query: text, await source.searchPeople(text))) }
        case let .query(key, attendees, fresh):
            scheduler.want(key, attendees, fresh: fresh)
        case let .lookUpRooms(rooms):
            guard let directory = source as? any RoomSource else { break }
            Task.detached { mailbox.post(.roomNames(await directory.roomNames(rooms))) }
        }
    }

    /// Reads the meetings of the window on screen if they are wanted and not
    /// already being read; a window walked away from is not read.
    private mutating func startMeetingsRead(mailbox: Mailbox) {
        guard let key = meetingsWanted, !meetingsInFlight.contains(key) else { return }
        // Everyone's time first: while the window's free/busy request is out,
        // the meetings (a PROPFIND and REPORTs) would compete with it for the
        // server (DAViCal, 50 attendees: the first complete frame at 191 ms
        // instead of 283). Not when the meetings are what names the user's own
        // row, and never for longer than `meetingsWait`.
        if let running = scheduler.inFlight, running.window == key, state.ownAddress != nil,
           ContinuousClock.now - meetingsWantedAt < Self.meetingsWait {
            return
        }
        meetingsWanted = nil
        guard key == state.window, let meetings = source as? any MeetingSource, let window = key.span(in: zone) else { return }
        meetingsInFlight.insert(key)
        let zone = self.zone
        Task.detached { mailbox.post(await meetings.meetings(key, window: window, zone: zone)) }
    }

    /// Lets the scheduler drop what the user has walked away from and start
    /// what is wanted for the window on screen.
    private mutating func startRequests(mailbox: Mailbox) {
        let decision = scheduler.schedule(focus: state.window)
        if let gone = decision.abandoned {
            tasks[gone.id]?.cancel()
            state.receive(.abandoned(gone.window))
        }
        guard let request = decision.start else { return }
        let key = request.window
        guard let window = key.span(in: zone) else {
            scheduler.finished(request.id)
            return
        }
        state.receive(.started(key, at: .now))
        let source = self.source
        let (id, attendees, fresh) = (request.id, request.attendees, request.fresh)
        tasks[id] = Task.detached {
            defer { mailbox.post(.requestEnded(id)) }
            // Paint what the cache has at once; the request below brings the rest.
            let cached = source.cached(attendees, window: window, now: .now)
            if !cached.isEmpty { mailbox.post(.answers(key, cached, organizer: nil, final: false, at: .now), request: id) }
            source.remember(attendees)
            // Abandoned before the request went out: it never goes.
            if Task.isCancelled { return }
            // Rows whose batch has answered are painted while the other batches are out.
            let partial: @Sendable ([FreeBusyAnswer]) -> Void = { rows in
                mailbox.post(.answers(key, rows, organizer: nil, final: false, at: .now), request: id)
            }
            switch await source.query(attendees, window: window, fresh: fresh, onPartial: partial) {
            case let .success(outcome):
                mailbox.post(.answers(key, outcome.rows, organizer: outcome.organizer?.displayString, final: true, at: .now), request: id)
                if let e = outcome.networkError {
                    mailbox.post(.failed(key, [], message: e.description, at: .now), request: id)
                } else if !outcome.accountFailures.isEmpty {
                    mailbox.post(.accountsFailed(key, outcome.accountFailures.map(\.warning).joined(separator: "; ")), request: id)
                }
            case let .failure(error):
                mailbox.post(.failed(key, attendees, message: error.description, at: .now), request: id)
            }
        }
    }

    /// Writes the wall-clock time in milliseconds since the epoch (for `make bench`).
    private static func writeBenchTime(to path: String) {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let ms = Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let line = Array("\(ms)\n".utf8)
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}
