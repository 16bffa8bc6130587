import FreeBusy
import ICalendar
import LocalTime
import Meetings
import Scheduling
import TextUtilities

struct MoveCommand: CLICommand {
    static let spec = CommandSpec(
        name: "move",
        abstract: "Move a meeting you organise to a new time, checking everyone's time first.",
        discussion: """
        Finds the meeting by its UID, or by its title when exactly one meeting you
        organise in the search window has it (several are named, with their UIDs).
        The window is today and the next 365 days, or --from/--to/--days.

        Everyone's free/busy at the new time is asked afresh, with the meeting's own
        current time counted as free (their free/busy holds the meeting itself). If
        someone is busy, nothing is moved unless --force. Then the meeting is stored
        at the new time with If-Match on the version just read: a new SEQUENCE, and
        every attendee asked again (NEEDS-ACTION, RSVP=TRUE; RFC 5546 §2.1.4). The
        server sends the update; avail reads it back and shows the delivery per
        attendee. If someone changed the meeting in between (412), nothing is
        overwritten: avail says what changed.

        Examples:
            avail move 2c1f…@avail --at 2026-12-09T15:00
            avail move Planning --at 2026-12-09T15:00 --duration 1h --ics-out planning.ics
            avail move Standup --occurrence 2026-12-10T09:00 --at 2026-12-10T11:00

        A repeating meeting is moved as a whole with --series: every
        occurrence by the amount that takes the first one in the search window to
        --at (EXDATEs and UNTIL move along; a weekly 10:00 in a zone stays 10:00
        across a clock change). Everyone's time is checked over the next 12 new
        occurrences. One occurrence alone moves with --occurrence DATETIME (its start
        as `avail meetings` shows it): it becomes a changed occurrence of the series
        (RECURRENCE-ID, RFC 5545 §3.8.4.4), checked and stored like a single move;
        the others stay. DAViCal refuses changed occurrences (exit 6, nothing changed).

        Exit codes: 7 someone is busy (nothing moved), 6 refused or changed since read,
        1 no such meeting, 2 the title names several; otherwise as for `avail query`.
        """,
        options: [
            .option("at", "datetime", "The new start: DATETIME, local (2026-12-08T15:00) or with Z/offset."),
            .option("duration", "duration", "The new length (default: as it is)."),
            .option("tz", "zone", "Time zone for --at and --occurrence (default TZ or the system's)."),
            .flag("force", "Move even if someone is busy then."),
            .flag("series", "The meeting repeats: move every occurrence by the same amount (--at is the new start of its first occurrence in the search window)."),
            .option("occurrence", "datetime", "The meeting repeats: move only the occurrence starting at DATETIME (local, or with Z/offset) to --at; the others stay."),
        ] + MeetingChangeCommand.outputOptions + MeetingChangeCommand.findOptions + ConnectionOptions.specs,
        positional: "meeting", positionalHelp: "The meeting's UID or title.", maxPositionals: 1
    )

    var reference: String
    var at: String
    var duration: String?
    var tz: String?
    var force = false
    var series = false
    var occurrence: String?
    var format: MeetingChangeCommand.Format
    var icsOut: ICSOutFile?
    var search: WindowOptions
    var connection: ConnectionOptions

    init(_ a: ParsedArguments) throws(CommandFailure) {
        guard a.positionals.count == 1 else { throw CommandFailure(usage: "name one meeting: its UID or title, e.g. `avail move Planning --at 2026-12-09T15:00`") }
        guard let at = a.value("at") else { throw CommandFailure(usage: "--at is required: the new start, e.g. --at 2026-12-09T15:00") }
        reference = a.positionals[0]
        self.at = at
        duration = a.value("duration")
        tz = a.value("tz")
        force = a.flag("force")
        series = a.flag("series")
        occurrence = a.value("occurrence")
        if series && occurrence != nil { throw CommandFailure(usage: "--series and --occurrence: give one (the whole series, or one occurrence)") }
        format = try a.choice("format", default: .text)
        icsOut = try ICSOutFile.from(a)
        search = try WindowOptions(a)
        connection = try ConnectionOptions(a)
    }

    func validate() throws(CommandFailure) {
        if let duration { _ = try BookCommand.length(duration) }
        try icsOut?.check()
    }

    func run() async throws {
        let zone = try DisplayZone.fromOption(tz)
        let now = UTCInstant.now
        let (start, resolution) = try DateTimeOption.instant(at, option: "at", now: now, zone: zone)
        if let note = resolution?.note(in: zone) { writeStandardError("avail: note: --at \(note)\n") }
        let occurrenceStart = try occurrence.map { text throws(CommandFailure) in
            try DateTimeOption.instant(text, option: "occurrence", now: now, zone: zone).instant
        }
        let window = try MeetingChangeCommand.window(search, zone: zone, now: now)
        let (service, account, _) = try MeetingChangeCommand.service(connection)
        let found = try await MeetingChangeCommand.running { try await service.find(reference, in: window, organizer: account.organizer, zone: zone) }
        try MeetingChangeCommand.requireSeries(found, series: series, occurrence: occurrenceStart != nil, verb: "move")
        if let occurrenceStart {
            return try await moveOccurrence(found, at: occurrenceStart, start: start, window: window, zone: zone, service: service,
                                            serverName: account.serverName, now: now)
        }
        if series {
            return try await moveSeries(found, start: start, window: window, zone: zone, service: service, serverName: account.serverName, now: now)
        }
        let length = try duration.map { d throws(CommandFailure) in try BookCommand.length(d) }
            ?? (found.meeting.end.secondsSinceEpoch - found.meeting.start.secondsSinceEpoch)
        let end = start.adding(seconds: length)
        let attempt = try await MeetingChangeCommand.running {
            try await service.moveIfFree(found, start: start, end: end, force: force, now: now)
        }
        Self.sayChecks(attempt, serverName: account.serverName, zone: zone)
        let title = TerminalText.clean(found.meeting.summary ?? "(no title)")
        try await report(attempt, busyAt: zone.format(start) + "; pick another time (`avail slots`)", service: service, zone: zone, now: now,
                         json: [("previous_start", .string(found.meeting.start.iso8601String)), ("previous_end", .string(found.meeting.end.iso8601String))],
                         text: "Moved \"\(title)\" to \(MeetingChangeCommand.span(start, end, zone: zone)) (was \(MeetingChangeCommand.span(found.meeting.start, found.meeting.end, zone: zone)))\n")
    }

    /// What every kind of move does once its attempt is back: a conflict is
    /// exit 7 with nothing changed; else the change is handed over (`--ics-out`
    /// for the unreached), the cache refreshed, and the move reported.
    private func report(_ attempt: MeetingMoveAttempt, busyAt when: String, service: MeetingChangeService, zone: DisplayZone, now: UTCInstant,
                        json extra: [(String, JSONValue)], text: String) async throws {
        guard let moved = attempt.outcome else {
            let n = attempt.busy.count
            throw CommandFailure(message: "nothing moved: \(n == 1 ? "someone is" : "\(n) attendees are") busy at \(when) or add --force", code: 7)
        }
        let (outcome, message) = try await MeetingChangeCommand.handOver(moved, method: .request, file: icsOut, service: service)
        MeetingChangeCommand.finishCache(service, outcome.after ?? outcome.before, now: now)
        switch format {
        case .json:
            try write(MeetingChangeCommand.json("move", outcome, file: icsOut, message: message, extra: extra + [
                ("checked", .bool(attempt.checked)), ("conflicts", MeetingChangeCommand.conflicts(attempt.conflicts, zone: zone)),
            ]))
        case .text:
            try write(text + MeetingChangeCommand.details(outcome, file: icsOut, message: message))
        }
    }

    /// Before the change: what could not be checked, and who is busy when.
    static func sayChecks(_ attempt: MeetingMoveAttempt, serverName: String, zone: DisplayZone, days: Bool = false) {
        if !attempt.checked {
            writeStandardError("avail: warning: \(serverName) has no CalDAV scheduling (no schedule-outbox-URL): nobody's time could be checked, and the server will not send the update\n")
        }
        for c in attempt.unchecked { writeStandardError("avail: warning: cannot check \(c.attendee.displayString): \(c.unknown ?? "")\n") }
        for c in attempt.busy {
            let times = c.busy.map { "\(days ? zone.format($0.start) : zone.formatTime($0.start))–\(zone.formatTime($0.end)) \($0.type.name)" }
                .joined(separator: ", ")
            writeStandardError("avail: \(c.attendee.displayString)\(c.optional ? " (optional)" : "") is busy then: \(times)\n")
        }
    }

    /// `--series`: every occurrence by the amount that takes the first one in
    /// the search window to `start`.
    func moveSeries(_ found: StoredMeeting, start: UTCInstant, window: TimeWindow, zone: DisplayZone,
                    service: MeetingChangeService, serverName: String, now: UTCInstant) async throws {
        let length = try duration.map { d throws(CommandFailure) in try BookCommand.length(d) }
        let series = try await MeetingChangeCommand.running {
            try await service.moveSeriesIfFree(found, firstStart: start, length: length, within: window, zone: zone, force: force, now: now)
        }
        let attempt = series.attempt
        Self.sayChecks(attempt, serverName: serverName, zone: zone, days: true)
        let title = TerminalText.clean(found.meeting.summary ?? "(no title)")
        let checked = attempt.checked ? " (the next \(series.checkedOccurrences) checked)" : ""
        try await report(attempt, busyAt: "some of the new times (\(series.checkedOccurrences) occurrences checked); pick another time",
                         service: service, zone: zone, now: now,
                         json: [("series", .bool(true)),
                                ("previous_start", .string(series.reference.start.iso8601String)), ("previous_end", .string(series.reference.end.iso8601String)),
                                ("new_start", .string(series.moved.start.iso8601String)), ("new_end", .string(series.moved.end.iso8601String)),
                                ("checked_occurrences", .number(series.checkedOccurrences))],
                         text: "Moved every occurrence of \"\(title)\" (repeats \(found.meeting.repeats ?? "")): \(MeetingChangeCommand.span(series.moved.start, series.moved.end, zone: zone)) "
                             + "was \(MeetingChangeCommand.span(series.reference.start, series.reference.end, zone: zone)), and the others alike\(checked)\n")
    }

    /// `--occurrence`: that occurrence alone to `start`, as a changed
    /// occurrence of the series.
    func moveOccurrence(_ found: StoredMeeting, at occurrenceStart: UTCInstant, start: UTCInstant, window: TimeWindow, zone: DisplayZone,
                        service: MeetingChangeService, serverName: String, now: UTCInstant) async throws {
        let length = try duration.map { d throws(CommandFailure) in try BookCommand.length(d) }
        let (attempt, old) = try await MeetingChangeCommand.running {
            try await service.moveOccurrenceIfFree(found, at: occurrenceStart, written: zone.format(occurrenceStart), start: start, length: length,
                                                   within: window, zone: zone, force: force, now: now)
        }
        Self.sayChecks(attempt, serverName: serverName, zone: zone)
        let end = start.adding(seconds: length ?? (old.end.secondsSinceEpoch - old.start.secondsSinceEpoch))
        let title = TerminalText.clean(found.meeting.summary ?? "(no title)")
        try await report(attempt, busyAt: zone.format(start) + "; pick another time (`avail slots`)", service: service, zone: zone, now: now,
                         json: [("occurrence", .bool(true)),
                                ("previous_start", .string(old.start.iso8601String)), ("previous_end", .string(old.end.iso8601String)),
                                ("new_start", .string(start.iso8601String)), ("new_end", .string(end.iso8601String))],
                         text: "Moved one occurrence of \"\(title)\" to \(MeetingChangeCommand.span(start, end, zone: zone)) "
                             + "(was \(MeetingChangeCommand.span(old.start, old.end, zone: zone)); the others stay)\n")
    }
}
