import CalDAVClient
import FreeBusy
import FreeBusyCache
import LocalTime
import Scheduling
import TextUtilities

/// Whether a run will ask a server, judged before it starts (`asksServer`):
/// AvailMain.start loads libcurl while avail is still one thread when it will,
/// which takes a third less time than loading it later beside the threads a
/// run starts (measured on the private Cyrus: the first request went out 10 ms
/// after start instead of 15). A warm query, --offline, --help or completion
/// never loads it. Everything here reads only the config and the cache, and
/// says nothing: the run itself repeats the same steps and their messages.
enum ServerLookahead {
    /// Whether the cache alone answers everyone about `addresses` in `window`
    /// for the one account the connection chooses; with several accounts and
    /// none chosen, a server is assumed.
    static func cacheAnswers(_ people: (Configuration) -> [CalendarUserAddress]?, window: (DisplayZone) -> TimeWindow?, zone: DisplayZone?,
                             connection: ConnectionOptions, cache cacheOptions: CacheOptions) -> Bool {
        let env = ProcessEnvironment.current
        guard let all = try? Configuration.load(path: connection.config, environment: env) else { return false }
        if all.hasSeveralAccounts, connection.chosenAccount(env) == nil { return false }
        guard let settings = try? all.selecting(connection.chosenAccount(env)),
              let account = try? settings.account(insecureFlag: connection.insecure, userAgent: ""),
              let addresses = people(settings), !addresses.isEmpty,
              let zone, let window = window(zone),
              let cache = CacheAccess.cache(account: FreeBusyService.accountName(account), environment: env, quiet: true)
        else { return false }
        let service = FreeBusyService(server: nil, cache: cache, policy: cacheOptions.policy(settings: settings))
        return service.answersFromCache(addresses, window: window, now: .now)
    }
}

extension Query {
    func asksServer() -> Bool {
        if cache_.offline { return false }
        if cache_.refresh { return true }
        return !ServerLookahead.cacheAnswers({ try? AttendeeArguments.addresses(attendees, settings: $0) },
                                             window: { try? span.window(now: .now, zone: $0, quiet: true) },
                                             zone: try? DisplayZone.fromEnvironment(), connection: connection, cache: cache_)
    }
}

extension SlotsCommand {
    func asksServer() -> Bool {
        if cache_.offline { return false }
        if cache_.refresh { return true }
        let people = { (settings: Configuration) -> [CalendarUserAddress]? in
            guard let (required, optionals) = try? AttendeeArguments.requiredAndOptional(attendees, optional: optional, settings: settings),
                  let roomList = try? settings.rooms.resolve(rooms: rooms, groups: roomGroups) else { return nil }
            return required + optionals + roomList.map(\.address)
        }
        return !ServerLookahead.cacheAnswers(people, window: { try? span.window(now: .now, zone: $0, quiet: true) },
                                             zone: DisplayZone.named(tz ?? ProcessEnvironment.current["TZ"]), connection: connection, cache: cache_)
    }
}

extension Plan {
    /// Configured and not the demo: the planner reads the user's meetings at
    /// least, whatever the cache holds.
    func asksServer() -> Bool {
        if demo || cache_.offline { return false }
        guard let settings = try? Configuration.load(path: connection.config, environment: ProcessEnvironment.current) else { return false }
        return settings.url != nil || !settings.accounts.isEmpty
    }
}

// The commands that always talk to the server.
extension BookCommand { func asksServer() -> Bool { true } }
extension MeetingsCommand { func asksServer() -> Bool { true } }
extension MoveCommand { func asksServer() -> Bool { true } }
extension CancelCommand { func asksServer() -> Bool { true } }
extension InviteCommand { func asksServer() -> Bool { true } }
extension UninviteCommand { func asksServer() -> Bool { true } }
extension Discover { func asksServer() -> Bool { true } }
extension HoursCommand { func asksServer() -> Bool { true } }
extension HoursCommand.Store { func asksServer() -> Bool { true } }
extension HoursCommand.Clear { func asksServer() -> Bool { true } }
extension PublishCommand { func asksServer() -> Bool { true } }
extension WhoCommand { func asksServer() -> Bool { true } }
extension SetupCommand { func asksServer() -> Bool { true } }
