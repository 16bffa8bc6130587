import FreeBusy
import ICalendar
import LocalTime
import Meetings
import Scheduling
import TextUtilities

struct CancelCommand: CLICommand {
    static let spec = CommandSpec(
        name: "cancel",
        abstract: "Cancel a meeting you organise; the server tells the attendees.",
        discussion: """
        Finds the meeting as `avail move` does (UID, or a title that names one
        meeting in the search window) and deletes it from your calendar with
        If-Match on the version just read: the server then sends every attendee it
        reached a cancellation (RFC 6638 §3.2.1.3). With --keep it stays in your
        calendar as a new version with STATUS:CANCELLED, which the server sends the
        same way. avail says to whom the server could not send it; --ics-out FILE
        writes them a METHOD:CANCEL to mail. A repeating meeting is cancelled only
        as a whole, with --series, or one occurrence with --occurrence DATETIME
        (its start as `avail meetings` shows it): that occurrence is taken out of
        the series (EXDATE) and the others stay.

        Examples:
            avail cancel 2c1f…@avail
            avail cancel Planning --keep --ics-out cancel.ics

        Exit codes: 6 refused or changed since read (nothing cancelled), 1 no such
        meeting, 2 the title names several; otherwise as for `avail query`.
        """,
        options: [
            .flag("keep", "Keep it in your calendar, marked STATUS:CANCELLED, instead of deleting it."),
            .flag("series", "The meeting repeats: cancel every occurrence (the whole series)."),
            .option("occurrence", "datetime", "The meeting repeats: cancel only the occurrence starting at DATETIME (local, or with Z/offset); the others stay."),
            .option("tz", "zone", "Time zone for --occurrence (default TZ or the system's)."),
        ] + MeetingChangeCommand.outputOptions + MeetingChangeCommand.findOptions + ConnectionOptions.specs,
        positional: "meeting", positionalHelp: "The meeting's UID or title.", maxPositionals: 1
    )

    var reference: String
    var keep = false
    var series = false
    var occurrence: String?
    var tz: String?
    var format: MeetingChangeCommand.Format
    var icsOut: ICSOutFile?
    var search: WindowOptions
    var connection: ConnectionOptions

    init(_ a: ParsedArguments) throws(CommandFailure) {
        guard a.positionals.count == 1 else { throw CommandFailure(usage: "name one meeting: its UID or title, e.g. `avail cancel Planning`") }
        reference = a.positionals[0]
        keep = a.flag("keep")
        series = a.flag("series")
        occurrence = a.value("occurrence")
        tz = a.value("tz")
        if series && occurrence != nil { throw CommandFailure(usage: "--series and --occurrence: give one (the whole series, or one occurrence)") }
        format = try a.choice("format", default: .text)
        icsOut = try ICSOutFile.from(a)
        search = try WindowOptions(a)
        connection = try ConnectionOptions(a)
    }

    func validate() throws(CommandFailure) { try icsOut?.check() }

    func run() async throws {
        let zone = try DisplayZone.fromOption(tz)
        let now = UTCInstant.now
        let occurrenceStart = try occurrence.map { text throws(CommandFailure) in
            try DateTimeOption.instant(text, option: "occurrence", now: now, zone: zone).instant
        }
        let window = try MeetingChangeCommand.window(search, zone: zone, now: now)
        let (service, account, _) = try MeetingChangeCommand.service(connection)
        let found = try await MeetingChangeCommand.running { try await service.find(reference, in: window, organizer: account.organizer, zone: zone) }
        try MeetingChangeCommand.requireSeries(found, series: series, occurrence: occurrenceStart != nil, verb: "cancel")
        if let occurrenceStart {
            let (outcome, span) = try await MeetingChangeCommand.running {
                try await service.cancelOccurrence(found, at: occurrenceStart, written: zone.format(occurrenceStart), within: window, zone: zone, now: now)
            }
            let (handed, message) = try await MeetingChangeCommand.handOver(outcome, method: .cancel, file: icsOut, service: service)
            MeetingChangeCommand.finishCache(service, handed.after ?? handed.before, now: now)
            switch format {
            case .json:
                try write(MeetingChangeCommand.json("cancel", handed, file: icsOut, message: message, extra: [
                    ("occurrence_start", .string(span.start.iso8601String)), ("occurrence_end", .string(span.end.iso8601String)),
                ]))
            case .text:
                let title = TerminalText.clean(found.meeting.summary ?? "(no title)")
                try write("Cancelled one occurrence of \"\(title)\": \(MeetingChangeCommand.span(span.start, span.end, zone: zone)) (taken out of the series, EXDATE; the others stay)\n"
                    + MeetingChangeCommand.details(handed, file: icsOut, message: message))
            }
            return
        }
        let cancelled = try await MeetingChangeCommand.running { try await service.cancel(found, keep: keep, now: now) }
        let (outcome, message) = try await MeetingChangeCommand.handOver(cancelled, method: .cancel, file: icsOut, service: service)
        MeetingChangeCommand.finishCache(service, outcome.before, now: now)
        switch format {
        case .json:
            try write(MeetingChangeCommand.json("cancel", outcome, file: icsOut, message: message))
        case .text:
            let m = found.meeting
            let title = TerminalText.clean(m.summary ?? "(no title)")
            var out = series ? "Cancelled every occurrence of \"\(title)\" (repeats \(m.repeats ?? ""), first \(MeetingChangeCommand.span(m.start, m.end, zone: zone)))"
                             : "Cancelled \"\(title)\" \(MeetingChangeCommand.span(m.start, m.end, zone: zone))"
            out += keep ? " (kept in your calendar as cancelled)\n" : " (deleted from your calendar)\n"
            let unreached = Set(outcome.unreached.map(\.address.matchKey))
            let told = m.invitees.filter { !unreached.contains($0.address.matchKey) }.map(\.address.displayString)
            if !told.isEmpty { out += "  the server sends the cancellation to \(told.joined(separator: ", "))\n" }
            for a in outcome.unreached {
                let why: String
                switch a.delivery {
                case .notByServer: why = "left to you (SCHEDULE-AGENT=CLIENT)"
                case .notReported: why = "the server never reported delivering the invitation"
                default: why = "the invitation was \(a.delivery.description)"
                }
                out += "  not sent by the server to \(a.address.displayString): \(why)\n"
            }
            var details = MeetingChangeCommand.details(outcome, file: icsOut, message: message)
            if message == nil && icsOut == nil {
                // Already said above, person by person.
                details = details.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.hasPrefix("  not reached by the server") }.joined(separator: "\n")
            }
            try write(TerminalText.clean(out) + details)
        }
    }
}
