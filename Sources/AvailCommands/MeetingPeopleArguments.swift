import FreeBusy
import ICalendar
import LocalTime
import Scheduling

/// What `avail invite` and `avail uninvite` take alike: the meeting (UID or
/// title), the people (addresses or config groups), the output and search
/// options; and the start of their run, which finds the meeting.
struct MeetingPeopleArguments {
    var reference: String
    var people: [String]
    var format: MeetingChangeCommand.Format
    var icsOut: ICSOutFile?
    var search: WindowOptions
    var connection: ConnectionOptions

    /// `example` is the usage line for too few positionals (`avail invite Planning dave@example.com`).
    init(_ a: ParsedArguments, whom: String, example: String) throws(CommandFailure) {
        guard a.positionals.count >= 2 else { throw CommandFailure(usage: "name the meeting and whom to \(whom), e.g. `\(example)`") }
        reference = a.positionals[0]
        people = Array(a.positionals.dropFirst())
        format = try a.choice("format", default: .text)
        icsOut = try ICSOutFile.from(a)
        search = try WindowOptions(a)
        connection = try ConnectionOptions(a)
    }

    // The addresses are read in `found`: a name may be a group from the config.
    func validate() throws(CommandFailure) { try icsOut?.check() }

    /// Everything a change of the attendee list starts from.
    struct Found {
        var zone: DisplayZone
        var now: UTCInstant
        var service: MeetingChangeService
        var settings: Configuration
        var addresses: [CalendarUserAddress]
        var meeting: StoredMeeting
    }

    /// The display zone, the service, the people as addresses and the meeting as read.
    func found() async throws -> Found {
        let zone = try DisplayZone.fromEnvironment()
        let now = UTCInstant.now
        let window = try MeetingChangeCommand.window(search, zone: zone, now: now)
        let (service, account, settings) = try MeetingChangeCommand.service(connection)
        let addresses = try AttendeeArguments.addresses(people, settings: settings)
        let meeting = try await MeetingChangeCommand.running { try await service.find(reference, in: window, organizer: account.organizer, zone: zone) }
        return Found(zone: zone, now: now, service: service, settings: settings, addresses: addresses, meeting: meeting)
    }
}
