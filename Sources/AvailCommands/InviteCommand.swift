import FreeBusy
import ICalendar
import LocalTime
import Meetings
import Scheduling
import TextUtilities

struct InviteCommand: CLICommand {
    static let spec = CommandSpec(
        name: "invite",
        abstract: "Add people to a meeting you organise; the server invites them.",
        discussion: """
        Adds each address (or config group) as an attendee, with their name (CN)
        when the server's directory knows it, and stores the meeting with If-Match on
        the version just read; the server sends the new people an invitation (RFC
        5546 §2.1.2: the others are not asked again). avail reads it back and shows
        the delivery per attendee; --ics-out FILE writes a METHOD:REQUEST for the
        new people the server could not reach.

        Examples:
            avail invite 2c1f…@avail dave@example.com
            avail invite Planning team --ics-out planning.ics

        Exit codes: 6 refused or changed since read, 1 no such meeting, 2 the title
        names several; otherwise as for `avail query`.
        """,
        options: MeetingChangeCommand.outputOptions + MeetingChangeCommand.findOptions + ConnectionOptions.specs,
        positional: "meeting address", positionalHelp: "The meeting's UID or title, then the people to add."
    )

    var arguments: MeetingPeopleArguments

    init(_ a: ParsedArguments) throws(CommandFailure) {
        arguments = try MeetingPeopleArguments(a, whom: "add", example: "avail invite Planning dave@example.com")
    }

    func validate() throws(CommandFailure) { try arguments.validate() }

    func run() async throws {
        let context = try await arguments.found()
        let (zone, now, service, settings, addresses, found) = (context.zone, context.now, context.service, context.settings, context.addresses, context.meeting)
        let (format, icsOut) = (arguments.format, arguments.icsOut)
        // Names from the directory where it knows the address exactly; a
        // directory that cannot be searched costs only the names.
        let search = PeopleSearch(freeBusy: service.freeBusy, groups: settings.groups)
        var invitees: [CalendarObject.Invitee] = []
        for a in addresses {
            let name = (try? await search.directory(a.displayString, now: now))?.first { $0.address.matchKey == a.matchKey }?.displayName
            invitees.append(CalendarObject.Invitee(address: a, name: name))
        }
        let present = Set(found.meeting.attendees.map(\.address.matchKey))
        for a in addresses where present.contains(a.matchKey) {
            writeStandardError("avail: note: \(a.displayString) is already invited\n")
        }
        let invited = try await MeetingChangeCommand.running { try await service.invite(invitees, to: found, now: now) }
        let (outcome, message) = try await MeetingChangeCommand.handOver(invited, method: .request, file: icsOut, service: service)
        MeetingChangeCommand.finishCache(service, outcome.after ?? outcome.before, now: now)
        switch format {
        case .json:
            try write(MeetingChangeCommand.json("invite", outcome, file: icsOut, message: message,
                                                extra: [("added", .array(addresses.filter { !present.contains($0.matchKey) }.map { .string($0.uri) }))]))
        case .text:
            let m = found.meeting
            let added = addresses.filter { !present.contains($0.matchKey) }.map(\.displayString)
            let head = added.isEmpty ? "Nobody new invited to" : "Invited \(added.joined(separator: ", ")) to"
            try write(TerminalText.clean("\(head) \"\(m.summary ?? "(no title)")\" \(MeetingChangeCommand.span(m.start, m.end, zone: zone))\n")
                + MeetingChangeCommand.details(outcome, file: icsOut, message: message))
        }
    }
}
