import FreeBusy
import ICalendar
import LocalTime
import Meetings
import Scheduling
import TextUtilities

struct UninviteCommand: CLICommand {
    static let spec = CommandSpec(
        name: "uninvite",
        abstract: "Take people off a meeting you organise; the server tells them.",
        discussion: """
        Removes each address (or config group) from the attendees and stores the
        meeting with If-Match on the version just read; the server sends each of
        them a cancellation (RFC 6638 §3.2.1.2). Those it never reached get none:
        avail names them, and --ics-out FILE writes them a METHOD:CANCEL to mail.

        Exit codes: 6 refused or changed since read, 1 no such meeting, 2 the title
        names several; otherwise as for `avail query`.
        """,
        options: MeetingChangeCommand.outputOptions + MeetingChangeCommand.findOptions + ConnectionOptions.specs,
        positional: "meeting address", positionalHelp: "The meeting's UID or title, then the people to take off."
    )

    var arguments: MeetingPeopleArguments

    init(_ a: ParsedArguments) throws(CommandFailure) {
        arguments = try MeetingPeopleArguments(a, whom: "take off", example: "avail uninvite Planning dave@example.com")
    }

    func validate() throws(CommandFailure) { try arguments.validate() }

    func run() async throws {
        let context = try await arguments.found()
        let (zone, now, service, addresses, found) = (context.zone, context.now, context.service, context.addresses, context.meeting)
        let (format, icsOut) = (arguments.format, arguments.icsOut)
        let on = Set(found.meeting.invitees.map(\.address.matchKey))
        for a in addresses where !on.contains(a.matchKey) { writeStandardError("avail: note: \(a.displayString) is not invited\n") }
        let removed = try await MeetingChangeCommand.running { try await service.uninvite(addresses, from: found, now: now) }
        let (outcome, message) = try await MeetingChangeCommand.handOver(removed, method: .cancel, file: icsOut, service: service)
        MeetingChangeCommand.finishCache(service, outcome.after ?? outcome.before, now: now)
        switch format {
        case .json:
            try write(MeetingChangeCommand.json("uninvite", outcome, file: icsOut, message: message))
        case .text:
            let m = found.meeting
            let gone = outcome.removed.map(\.address.displayString)
            let head = gone.isEmpty ? "Nobody taken off" : "Took \(gone.joined(separator: ", ")) off"
            try write(TerminalText.clean("\(head) \"\(m.summary ?? "(no title)")\" \(MeetingChangeCommand.span(m.start, m.end, zone: zone))\n")
                + MeetingChangeCommand.details(outcome, file: icsOut, message: message))
        }
    }
}
