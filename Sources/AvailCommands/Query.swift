import CalDAVClient
import TextUtilities
#if canImport(Glibc)
import Glibc
#endif
import FreeBusy
import FreeBusyCache
import ICalendar
import LocalTime
import Scheduling

struct Query: CLICommand {
    static let spec = CommandSpec(
        name: "query",
        abstract: "Print the busy time of attendees over a time window.",
        discussion: """
        Dates are local (TZ): --from 2026-12-07 starts at local midnight, and a date
        given to --to includes that whole day. Datetimes are ISO 8601
        (2026-12-07T09:00, local; or ending in Z or an offset such as +01:00).
        The default window is today 00:00 local for 7 days.

        Each attendee gets a request-status: 2.0 answered, 3.7 unknown user,
        3.8 no authority (their server does not let you see their free/busy time),
        5.x delivery or service failure. Time that is not known is never shown as free.
        """,
        options: WindowOptions.specs + [.option("format", "format", "Output format: text, json or ics (default text).")] + ConnectionOptions.specs + CacheOptions.specs,
        positional: "attendee", positionalHelp: "Email addresses or mailto: URIs of the people to ask about (or group names from the config)."
    )

    enum Format: String, CaseIterable { case text, json, ics }

    var span: WindowOptions
    var format: Format = .text
    var connection: ConnectionOptions
    var cache_: CacheOptions
    var attendees: [String] = []

    init(_ a: ParsedArguments) throws(CommandFailure) {
        span = try WindowOptions(a)
        format = try a.choice("format", default: .text)
        connection = try ConnectionOptions(a)
        cache_ = try CacheOptions(a)
        attendees = a.positionals
    }

    func validate() throws(CommandFailure) {
        if attendees.isEmpty { throw CommandFailure(usage: "name at least one attendee, e.g. `avail query bob@example.com`") }
    }

    func run() async throws {
        let zone = try DisplayZone.fromEnvironment()
        let now = UTCInstant.now
        let env = ProcessEnvironment.current
        let result: FreeBusyOutcome
        let failure: RefreshFailure?
        if let all = try connection.everyAccount(environment: env) {
            // Several accounts: each attendee asked where they are known.
            let addresses = try AttendeeArguments.addresses(attendees, settings: all)
            let window = try span.window(now: now, zone: zone)
            let (routed, _) = try connection.routedService(all, policy: cache_.policy(settings:), environment: env, askingAbout: addresses)
            do { result = try await routed.query(addresses, window: window, now: now) } catch { throw CommandFailure(error) }
            failure = routed.finish(result, now: now).sayWarnings()
        } else {
            let (session, account, settings) = try connection.sessionAndSettings()
            let addresses = try AttendeeArguments.addresses(attendees, settings: settings)
            let window = try span.window(now: now, zone: zone)
            let service = FreeBusyService.make(session: session, account: account, settings: settings,
                                               policy: cache_.policy(settings: settings), environment: env)
            do { result = try await service.query(addresses, window: window, now: now) } catch { throw CommandFailure(error) }
            failure = service.finish(result, attendees: addresses, now: now).sayWarnings()
        }
        switch format {
        case .json: try write(QueryOutput.json(result))
        case .text: try write(QueryOutput.text(result, zone: zone, now: now))
        case .ics: try write(QueryOutput.ics(result, timestamp: now))
        }
        try failure?.conclude()
    }
}
