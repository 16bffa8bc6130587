import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Meetings
import Scheduling
import TextUtilities

/// What move, cancel, invite and uninvite share: the options that find the
/// meeting, the service over the account, the one place their errors become
/// lines and exit codes, and their output (text and JSON, README "After the booking").
enum MeetingChangeCommand {
    static let findOptions: [OptionSpec] = [
        .option("from", "date", "Where to look for a title (or a UID avail did not store): from DATE (default today)."),
        .option("to", "date", "… to DATE (inclusive) or DATETIME."),
        .option("days", "n", "… for N days instead of --to (default 366)."),
    ]
    static let outputOptions: [OptionSpec] = [
        .option("ics-out", "file", "Write an iTIP file (to mail yourself) for the people the server could not reach, and mark them SCHEDULE-AGENT=CLIENT."),
        ICSOutFile.replaceOption,
        .option("format", "format", "Output format: text or json (default text)."),
    ]

    enum Format: String, CaseIterable { case text, json }

    /// A repeating meeting is changed only as a whole, and only when asked
    /// (`--series`): a change meant for one occurrence must not silently reach
    /// every other; or one occurrence (`--occurrence DATETIME`).
    static func requireSeries(_ found: StoredMeeting, series: Bool, occurrence: Bool = false, verb: String) throws(CommandFailure) {
        let m = found.meeting
        let title = TerminalText.clean(m.summary ?? m.uid)
        if m.isRecurring && !series && !occurrence {
            let one = ", or --occurrence DATETIME to \(verb) one"
            throw CommandFailure(usage: "\"\(title)\" repeats (\(m.repeats ?? "a series")): add --series to \(verb) every occurrence\(one)")
        }
        if !m.isRecurring && (series || occurrence) {
            throw CommandFailure(usage: "--\(series ? "series" : "occurrence"): \"\(title)\" does not repeat; leave it out")
        }
    }

    /// The search window: --from/--to/--days, by default today and the 365 days after.
    static func window(_ a: WindowOptions, zone: DisplayZone, now: UTCInstant) throws -> TimeWindow {
        try WindowOptions.window(from: a.from, to: a.to, days: a.to == nil ? (a.days ?? 366) : nil, now: now, zone: zone)
    }

    /// The meeting's account (the first, or --account) and, with several
    /// accounts and none chosen, the check of a new time routed over all of
    /// them, as `book` checks (an account is asked, and its password_command
    /// run, only when someone is looked up there).
    static func service(_ connection: ConnectionOptions) throws -> (MeetingChangeService, Account, Configuration) {
        let env = ProcessEnvironment.current
        let (session, account, settings) = try connection.sessionAndSettings()
        let first = FreeBusyService.make(session: session, account: account, settings: settings, policy: CachePolicy(), environment: env)
        let routed = try connection.routedCheck(connected: (first, account, settings), environment: env)
        guard let service = MeetingChangeService(first, checkingOver: routed)
        else { throw CommandFailure(usage: "changing a meeting needs the server") }
        return (service, account, settings)
    }

    /// The one place these errors become a line and an exit code: 1 nothing
    /// matched (as `who`), 2 the reference names several meetings or someone
    /// else's, 6 refused or changed since read (412), else the server's code.
    static func failure(_ e: MeetingChangeError) -> CommandFailure {
        switch e {
        case let .server(error): return CommandFailure(error)
        case .notFound: return CommandFailure(message: e.description, code: 1)
        case .ambiguous, .notOrganizer: return CommandFailure(message: e.description, code: 2)
        case .unreadable, .noETag, .changedSinceRead, .occurrenceRefused: return CommandFailure(message: e.description, code: 6)
        }
    }

    /// Runs `work`, turning its errors into CommandFailure.
    static func running<T>(_ work: () async throws -> T) async throws -> T {
        do { return try await work() } catch let e as MeetingChangeError { throw failure(e) } catch let e as CalDAVError {
            throw CommandFailure(e)
        }
    }

    /// After the change: the iTIP file for whoever the server did not reach,
    /// when asked for (`--ics-out`); the outcome then has them marked.
    static func handOver(_ outcome: MeetingChangeOutcome, method: ITIPMessage.Method, file: ICSOutFile?,
                         service: MeetingChangeService) async throws -> (MeetingChangeOutcome, ITIPMessage?) {
        guard let file else { return (outcome, nil) }
        guard let (message, handed) = try await running({ try await service.handOver(outcome, method: method) }) else {
            return (outcome, nil)
        }
        try file.write(message.iCalendarText)
        return (handed, message)
    }

    /// After the change: the cache's warnings said once, the attendees
    /// remembered for completion, the cache kept within bounds (as after `book`).
    static func finishCache(_ service: MeetingChangeService, _ meeting: Meeting, now: UTCInstant) {
        guard let window = TimeWindow(start: meeting.start, end: max(meeting.end, meeting.start.adding(seconds: 60))) else { return }
        _ = service.freeBusy.finish(FreeBusyOutcome(organizer: meeting.organizer, window: window, rows: []),
                                    attendees: meeting.invitees.map(\.address), now: now).sayWarnings()
    }

    static func span(_ start: UTCInstant, _ end: UTCInstant, zone: DisplayZone) -> String {
        let startZone = zone.abbreviation(at: start), endZone = zone.abbreviation(at: end)
        return startZone == endZone ? "\(zone.format(start))–\(zone.formatTime(end)) \(startZone)"
                                    : "\(zone.format(start)) \(startZone)–\(zone.formatTime(end)) \(endZone)"
    }

    /// The lines after the headline: where it is stored, each invitee's answer
    /// and delivery, and what happened to the unreached.
    static func details(_ o: MeetingChangeOutcome, file: ICSOutFile?, message: ITIPMessage?) -> String {
        var out = ""
        if let url = o.stored?.url { out += "  event: \(url)\n" }
        let people = o.after?.invitees ?? []
        let width = people.map(\.address.displayString.count).max() ?? 0
        for a in people {
            out += "  " + a.address.displayString.padded(to: width + 2) + a.participation.description.padded(to: 15) + a.delivery.description + "\n"
        }
        if file != nil {
            out += handOverLine(message, file: file)
        } else if !o.unreached.isEmpty {
            out += "  not reached by the server: \(o.unreached.map(\.address.displayString).joined(separator: ", ")) (--ics-out FILE writes them an iTIP file to mail)\n"
        }
        return TerminalText.clean(out)
    }

    /// What became of `--ics-out`: the file and for whom, or that none was needed.
    static func handOverLine(_ message: ITIPMessage?, file: ICSOutFile?) -> String {
        guard let file else { return "" }
        guard let message else { return "  everyone was reached; no --ics-out file written\n" }
        return TerminalText.clean("  \(file.path): \(message.method.rawValue) for \(message.recipients.map(\.displayString).joined(separator: ", ")) (mail it to them; the server leaves them to you now)\n")
    }

    static func icsOutJSON(_ message: ITIPMessage?, file: ICSOutFile?) -> JSONValue {
        guard let message, let file else { return .null }
        return .object([("path", .string(file.path)), ("method", .string(message.method.rawValue)),
                        ("recipients", .array(message.recipients.map { .string($0.uri) }))])
    }

    static func json(_ action: String, _ o: MeetingChangeOutcome, file: ICSOutFile?, message: ITIPMessage?,
                     extra: [(String, JSONValue)] = []) -> String {
        let m = o.after ?? o.before
        var top: [(String, JSONValue)] = [
            ("action", .string(action)),
            ("uid", .string(m.uid)),
            ("summary", m.summary.map { .string($0) } ?? .null),
            ("start", .string(m.start.iso8601String)),
            ("end", .string(m.end.iso8601String)),
            ("sequence", .number(m.sequence)),
            ("status", m.status.map { .string($0) } ?? .null),
            ("url", o.stored.map { .string($0.url.description) } ?? .null),
            ("etag", o.stored?.etag.map { .string($0) } ?? .null),
            ("deleted", .bool(o.stored == nil)),
        ]
        top += extra
        top.append(("attendees", .array((o.after ?? o.before).invitees.map(attendee))))
        top.append(("removed", .array(o.removed.map(attendee))))
        top.append(("unreached", .array(o.unreached.map { .string($0.address.uri) })))
        top.append(("ics_out", icsOutJSON(message, file: file)))
        return JSONValue.object(top).serialized() + "\n"
    }

    static func attendee(_ a: MeetingAttendee) -> JSONValue {
        .object([
            ("address", .string(a.address.uri)),
            ("name", a.name.map { .string($0) } ?? .null),
            ("partstat", .string(a.participation.value)),
            ("schedule_status", a.scheduleStatus.last.map { .string($0.code) } ?? .null),
            ("schedule_agent", .string(agentName(a.scheduleAgent))),
            ("delivery", .string(a.delivery.description)),
            ("delivered", a.delivery.failed ? .bool(false) : (a.delivery == .delivered ? .bool(true) : .null)),
        ])
    }

    static func agentName(_ agent: ScheduleAgent) -> String {
        switch agent {
        case .server: return "SERVER"
        case .client: return "CLIENT"
        case .none: return "NONE"
        case let .other(v): return v
        }
    }

    static func conflicts(_ c: [BookingConflict], zone: DisplayZone) -> JSONValue {
        .array(c.map { x in
            .object([("address", .string(x.attendee.uri)), ("optional", .bool(x.optional)),
                     ("busy", .array(x.busy.map { .object([("start", .string($0.start.iso8601String)), ("end", .string($0.end.iso8601String)),
                                                           ("type", .string($0.type.name))]) })),
                     ("unknown", x.unknown.map { .string($0) } ?? .null)])
        })
    }
}
