import FreeBusy

/// Attendees as typed on the command line (addresses, `mailto:` URIs, group
/// names from the config) turned into calendar user addresses: groups
/// expanded, each person once. Every command that takes attendees reads
/// them here, so they all merge the same spellings.
enum AttendeeArguments {
    static func addresses(_ arguments: [String], settings: Configuration?) throws(CommandFailure) -> [CalendarUserAddress] {
        let expanded = settings?.expandingGroups(arguments) ?? arguments
        do {
            return try expanded.map { a throws(CalendarUserAddress.Invalid) in try CalendarUserAddress(a) }.distinctAddresses()
        } catch {
            throw CommandFailure(usage: error.description)
        }
    }

    /// Required attendees (positional arguments) and optional ones (`--optional`),
    /// each person in one list only. Someone named both ways is optional: `--optional`
    /// is the more particular word (a group given as required may hold them).
    static func requiredAndOptional(_ required: [String], optional: [String], settings: Configuration?) throws(CommandFailure)
        -> (required: [CalendarUserAddress], optional: [CalendarUserAddress]) {
        let optionalAddresses = try addresses(optional, settings: settings)
        let optionalKeys = Set(optionalAddresses.map(\.matchKey))
        return (try addresses(required, settings: settings).filter { !optionalKeys.contains($0.matchKey) }, optionalAddresses)
    }
}
