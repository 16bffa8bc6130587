import Booking
import CalDAVClient
import TextUtilities
import FreeBusy
import ICalendar
import LocalTime
import Meetings
import Scheduling

struct BookCommand: CLICommand {
    static let spec = CommandSpec(
        name: "book",
        abstract: "Book a meeting: store it in your calendar and let the server invite everyone.",
        discussion: """
        Creates the event in your default calendar (CALDAV:schedule-default-calendar-URL,
        else the first calendar that takes events) with every attendee on it; a
        server with CalDAV implicit scheduling (RFC 6638) then sends the invitations.
        avail reads the event back and says, per attendee, whether the invitation
        was delivered.

        Before booking, everyone's free/busy time is asked afresh. If someone has
        become busy at that time, nothing is booked unless --force. Someone whose
        time cannot be seen (3.8, unknown user, server down) gets a warning only.
        With several accounts in the config and no --account, everyone is asked
        on the account that knows them (as query does) and the meeting is stored
        through the first account.

        Times are local (TZ or --tz) and written with that zone (TZID and its
        VTIMEZONE), or in UTC with --utc or when the zone is UTC. On the nights
        the clocks change (RFC 5545 §3.3.5): a time that does not exist means
        the time after the gap (02:30 becomes 03:30), a time that happens twice
        the first of the two (give an offset, 02:30+01:00, for the second); a
        note on stderr says which was used.

        Examples:
            avail book --at 2026-12-08T15:00 --duration 1h --title "Planning" \\
                bob@example.com carol@example.com
            avail book --at 2026-12-08T15:00 --title "Review" --optional dave@example.com bob@example.com
            avail book --at 2026-12-08T15:00 --title "Sync" --dry-run bob@example.com
                (prints the event only)

        Exit codes: as for `avail query`, and 7 when someone is busy (nothing booked).
        """,
        options: [
            .option("at", "datetime", "Start: DATETIME, local (2026-12-08T15:00) or with Z/offset."),
            .option("duration", "duration", "Length: 30m, 1h, 1h30m, 1 minute to 24 hours (default 30m)."),
            .option("title", "text", "The meeting's title (SUMMARY)."),
            .option("location", "text", "Where (LOCATION)."),
            .option("description", "text", "Notes for the invitation (DESCRIPTION)."),
            .option("optional", "attendee", "An optional attendee.", repeatable: true),
            .option("room", "room", "A room to book with it (address or config name), invited as CUTYPE=ROOM.", repeatable: true),
            .option("uid", "uid", "The event's UID (default: a new random one)."),
            .option("tz", "zone", "Time zone for --at and the event (default TZ or the system's)."),
            .flag("utc", "Write the times in UTC instead of with the time zone."),
            .flag("dry-run", "Print the iCalendar event that would be stored, and stop."),
            .flag("force", "Book even if someone is busy at that time."),
            .option("ics-out", "file", "Write an iTIP file (to mail yourself) for the attendees the server could not reach, and mark them SCHEDULE-AGENT=CLIENT."),
            ICSOutFile.replaceOption,
            .option("format", "format", "Output format: text or json (default text)."),
        ] + ConnectionOptions.specs,
        positional: "attendee", positionalHelp: "Required attendees: email addresses or mailto: URIs."
    )

    enum Format: String, CaseIterable { case text, json }

    var at: String
    var duration: String = "30m"
    var title: String
    var location: String?
    var description: String?
    var optional: [String] = []
    var rooms: [String] = []
    var uid: String?
    var tz: String?
    var utc = false
    var dryRun = false
    var force = false
    var format: Format = .text
    var connection: ConnectionOptions
    var attendees: [String] = []
    var icsOut: ICSOutFile?

    init(_ a: ParsedArguments) throws(CommandFailure) {
        guard let at = a.value("at") else { throw CommandFailure(usage: "--at is required: when the meeting starts, e.g. --at 2026-12-08T15:00") }
        guard let title = a.value("title") else { throw CommandFailure(usage: "--title is required: what the meeting is called") }
        self.at = at
        self.title = title
        duration = a.value("duration") ?? "30m"
        location = a.value("location")
        description = a.value("description")
        optional = a.all("optional")
        rooms = a.all("room")
        uid = a.value("uid")
        tz = a.value("tz")
        utc = a.flag("utc")
        dryRun = a.flag("dry-run")
        force = a.flag("force")
        format = try a.choice("format", default: .text)
        connection = try ConnectionOptions(a)
        attendees = a.positionals
        icsOut = try ICSOutFile.from(a)
    }

    func validate() throws(CommandFailure) {
        if attendees.isEmpty && optional.isEmpty {
            throw CommandFailure(usage: "name at least one attendee, e.g. `avail book --at 2026-12-08T15:00 --title Sync bob@example.com`")
        }
        _ = try Self.length(duration)
        if title.trimmingWhitespace.isEmpty { throw CommandFailure(usage: "--title is empty") }
        if let uid, uid.isEmpty || uid.count > 255 || uid.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) {
            throw CommandFailure(usage: "--uid must be 1 to 255 printable characters without spaces")
        }
        if !dryRun { try icsOut?.check() }
    }

    func run() async throws {
        let zone = try DisplayZone.fromOption(tz)
        let now = UTCInstant.now
        let (start, resolution) = try DateTimeOption.instant(at, option: "at", now: now, zone: zone,
                                                             dateOnly: "--at needs a time of day too, e.g. \(at)T15:00")
        if let note = resolution?.note(in: zone) { writeStandardError("avail: note: --at \(note)\n") }
        // The end is the start instant plus the length, never a wall-clock
        // time: across a clock change the two differ.
        let end = start.adding(seconds: try Self.length(duration))
        let (session, account, settings) = try connection.sessionAndSettings()
        let (required, optionalAddresses) = try AttendeeArguments.requiredAndOptional(attendees, optional: optional, settings: settings)
        var request = BookingRequest(start: start, end: end, title: title.trimmingWhitespace,
                                     location: location, description: description, required: required,
                                     optional: optionalAddresses, uid: uid, zone: zone, utc: utc)
        do {
            request.book(rooms: try settings.rooms.resolve(rooms: rooms, groups: []).map(\.address))
        } catch { throw CommandFailure(usage: error.message) }
        let env = ProcessEnvironment.current
        let first = FreeBusyService.make(session: session, account: account, settings: settings, policy: CachePolicy(), environment: env)
        // Several accounts and none chosen: everyone's time is checked where
        // query and the planner ask it; the meeting is stored through the first.
        let routed = !dryRun || connection.showCurl
            ? try connection.routedCheck(connected: (first, account, settings), askingAbout: request.everyone, environment: env) : nil
        guard let booking = BookingService(first, checkingOver: routed) else { throw CommandFailure(usage: "booking needs the server") }
        let freeBusy = booking.freeBusy
        do throws(any Error) {
            let (discovery, checkable) = try await booking.identity(now: now)
            // With --show-curl a dry run goes on to show the check and the PUT
            // a booking sends: the recorder withholds the PUT, so nothing is stored.
            if dryRun, !connection.showCurl {
                try write(booking.event(for: request, discovery: discovery, now: now).iCalendarText)
                return
            }
            if !checkable {
                writeStandardError("avail: warning: \(account.serverName) has no CalDAV scheduling (no schedule-outbox-URL): nobody's time can be checked first\n")
            }
            let attempt = try await booking.bookIfFree(request, identity: discovery, checkable: checkable, force: force, now: now)
            for c in attempt.unchecked {
                writeStandardError("avail: warning: cannot check \(c.attendee.displayString): \(c.unknown ?? "")\n")
            }
            let busy = attempt.busy
            for c in busy { writeStandardError("avail: \(c.who()) is busy then: \(c.times(request, types: true))\n") }
            guard let outcome = attempt.outcome else {
                throw CommandFailure(message: "nothing booked: \(busy.count == 1 ? "someone is" : "\(busy.count) attendees are") busy at \(zone.format(start)); pick another time (`avail slots`) or add --force",
                                     code: 7)
            }
            if let window = TimeWindow(start: start, end: end) {
                _ = freeBusy.finish(FreeBusyOutcome(organizer: discovery.organizer, window: window, rows: []), attendees: request.everyone, now: now)
                    .sayWarnings()
            }
            var handed: (MeetingChangeOutcome, ITIPMessage?)? = nil
            if let icsOut, let service = MeetingChangeService(freeBusy) {
                let stored = try await MeetingChangeCommand.running { try await service.afterBooking(at: outcome.stored.url) }
                handed = try await MeetingChangeCommand.handOver(stored, method: .request, file: icsOut, service: service)
            }
            switch format {
            case .text:
                try write(Self.text(outcome, request: request, zone: zone)
                    + (handed.map { MeetingChangeCommand.handOverLine($0.1, file: icsOut) } ?? ""))
            case .json: try write(Self.json(outcome, request: request, icsOut: handed.map { MeetingChangeCommand.icsOutJSON($0.1, file: icsOut) }))
            }
            if !outcome.serverSchedules {
                writeStandardError("avail: warning: the server stored the meeting but does not announce CalDAV scheduling (no calendar-auto-schedule): the invitations were probably not sent; tell the attendees yourself\n")
            }
        } catch let e as CommandFailure {
            throw e
        } catch let e as CalDAVError {
            throw CommandFailure(e)
        }
    }

    /// The meeting's length in seconds: 1 minute to 24 hours (a zero or
    /// negative length would store an event that blocks nobody's time).
    static func length(_ text: String) throws(CommandFailure) -> Int64 {
        switch DurationText.read(text) {
        case let .success(seconds): return seconds
        case let .failure(problem): throw CommandFailure(usage: DurationText.message(problem, option: "--duration", text: text))
        }
    }

    static func text(_ o: BookingOutcome, request: BookingRequest, zone: DisplayZone) -> String {
        let e = o.event
        // Across a clock change the end's zone name differs: 02:30 CEST–02:30 CET.
        let startZone = zone.abbreviation(at: e.start), endZone = zone.abbreviation(at: e.end)
        let span = startZone == endZone ? "\(zone.format(e.start))–\(zone.formatTime(e.end)) \(startZone)"
                                        : "\(zone.format(e.start)) \(startZone)–\(zone.formatTime(e.end)) \(endZone)"
        var out = "Booked \"\(TerminalText.clean(e.summary))\" \(span)\n"
        out += "  event:    \(o.stored.url)\n"
        out += "  calendar: \(o.calendar.name.map { TerminalText.clean($0) + " " } ?? "")\(o.calendar.url)\n"
        if let tag = o.stored.scheduleTag { out += "  schedule-tag: \(TerminalText.clean(tag))\n" }
        let width = (request.everyone.map(\.displayString.count).max() ?? 0) + 2
        let statuses = Dictionary(o.delivery?.entries.map { ($0.attendee.matchKey, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        for a in request.everyone {
            let name = a.displayString.padded(to: width)
            let role = request.isRoom(a) ? "room      " : request.optional.contains(a) ? "optional  " : "required  "
            var line = "  " + name + role
            if let s = statuses[a.matchKey] {
                line += s.meaning + (s.status.map { " (\($0.code))" } ?? "")
            } else {
                line += o.deliveryProblem == nil ? "not on the stored event" : "delivery status unknown"
            }
            if let busy = o.busyAfter[a] { line += busy ? "; busy then now" : "; not yet busy then" }
            out += TerminalText.clean(line) + "\n"
        }
        if let p = o.deliveryProblem { out += "  note: \(TerminalText.clean(p))\n" }
        return out
    }

    static func json(_ o: BookingOutcome, request: BookingRequest, icsOut: JSONValue? = nil) -> String {
        let statuses = Dictionary(o.delivery?.entries.map { ($0.attendee.matchKey, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        var top: [(String, JSONValue)] = [
            ("uid", .string(o.event.uid)),
            ("url", .string(o.stored.url.description)),
            ("calendar", .string(o.calendar.url.description)),
            ("summary", .string(o.event.summary)),
            ("start", .string(o.event.start.iso8601String)),
            ("end", .string(o.event.end.iso8601String)),
            ("server_schedules", .bool(o.serverSchedules)),
        ]
        if let tag = o.stored.scheduleTag { top.append(("schedule_tag", .string(tag))) }
        top.append(("attendees", .array(request.everyone.map { a in
            var f: [(String, JSONValue)] = [("address", .string(a.uri)), ("optional", .bool(request.optional.contains(a)))]
            if request.isRoom(a) { f.append(("room", .bool(true))) }
            let s = statuses[a.matchKey]
            f.append(("schedule_status", s?.status.map { .string($0.code) } ?? .null))
            f.append(("delivered", s?.delivered.map { .bool($0) } ?? .null))
            f.append(("busy_now", o.busyAfter[a].map { .bool($0) } ?? .null))
            return .object(f)
        })))
        if let icsOut { top.append(("ics_out", icsOut)) }
        return JSONValue.object(top).serialized() + "\n"
    }
}
