import CalDAVClient
import TextUtilities
import FreeBusy
import Scheduling

extension ConnectionOptions {
    /// `--account`, else AVAIL_ACCOUNT (set but empty counts as unset).
    func chosenAccount(_ environment: [String: String]) -> String? {
        if let account { return account }
        if let v = environment["AVAIL_ACCOUNT"], !v.isEmpty { return v }
        return nil
    }

    /// The whole config when it has several accounts and none was chosen (a
    /// command then works over all of them); nil otherwise.
    func everyAccount(environment env: [String: String]) throws(CommandFailure) -> Configuration? {
        guard chosenAccount(env) == nil else { return nil }
        let all: Configuration
        do { all = try Configuration.load(path: config, environment: env) } catch { throw CommandFailure(error) }
        return all.hasSeveralAccounts ? all : nil
    }

    /// For the commands that ask about people (query, slots, tui) when the
    /// config has several accounts (`everyAccount`): the accounts, each with
    /// its own session and cache, and the first of them (meetings and booking
    /// go through it). With `askingAbout`, only the accounts a query about
    /// those attendees may ask are connected (RoutedFreeBusyService
    /// .accountsToAsk): the others' password_command does not run. Without it
    /// (the planner, where attendees come and go), every account. `connected`
    /// is the first account already connected by the command (book): used as
    /// it is, so its password_command does not run twice.
    func routedService(_ all: Configuration, policy: (Configuration) -> CachePolicy, environment env: [String: String],
                       askingAbout attendees: [CalendarUserAddress]? = nil,
                       connected: (service: FreeBusyService, account: Account, settings: Configuration)? = nil) throws -> (RoutedFreeBusyService, Account) {
        var names = all.accountNames
        if let attendees {
            let wanted = try accountsToAsk(all, about: attendees, environment: env)
            if !wanted.isEmpty { names = wanted.map { names[$0] } }
        }
        var accounts: [RoutedFreeBusyService.Account] = []
        var first: Account? = nil
        for name in names {
            if let connected, name == all.accountNames.first {
                if first == nil { first = connected.account }
                accounts.append(RoutedFreeBusyService.Account(name: name, domains: connected.settings.domains, service: connected.service,
                                                              organizer: connected.account.organizer, server: connected.account.serverName))
                continue
            }
            let chosen: Configuration
            do { chosen = try all.selecting(name) } catch { throw CommandFailure(error) }
            let (session, account, settings) = try connect(chosen, environment: env)
            if first == nil { first = account }
            let service = FreeBusyService.make(session: session, account: account, settings: settings,
                                               policy: policy(settings), environment: env)
            accounts.append(RoutedFreeBusyService.Account(name: name, domains: settings.domains, service: service,
                                                          organizer: account.organizer, server: account.serverName))
        }
        guard let first else { throw CommandFailure(message: "no account configured", code: 2) }
        return (RoutedFreeBusyService(accounts: accounts), first)
    }

    /// For the commands that check everyone's time before writing (book,
    /// move): with several accounts and none chosen, that check routed over
    /// all of them, always asking the servers, with the command's own first
    /// account (`connected`) among them; nil otherwise.
    func routedCheck(connected: (service: FreeBusyService, account: Account, settings: Configuration),
                     askingAbout attendees: [CalendarUserAddress]? = nil,
                     environment env: [String: String]) throws -> RoutedFreeBusyService? {
        guard let all = try everyAccount(environment: env) else { return nil }
        return try routedService(all, policy: { _ in CachePolicy() }, environment: env, askingAbout: attendees, connected: connected).0
    }

    /// Which accounts (indices into `all.accountNames`) a query about
    /// `attendees` may ask, decided from each account's cache and configured
    /// organizer alone: no password_command runs, no request is sent.
    private func accountsToAsk(_ all: Configuration, about attendees: [CalendarUserAddress],
                               environment env: [String: String]) throws -> [Int] {
        var probes: [RoutedFreeBusyService.Account] = []
        for name in all.accountNames {
            // Who the account is (its server and user name the cache); its
            // password_command runs only on a request, so not here.
            var bare: Configuration
            do { bare = try all.selecting(name) } catch { throw CommandFailure(error) }
            if let o = organizer { bare.organizer = o }
            let account: Account
            do { account = try bare.account(insecureFlag: insecure, userAgent: "avail/\(AvailVersion.string)") } catch { throw CommandFailure(error) }
            let cache = CacheAccess.cache(account: FreeBusyService.accountName(account), environment: env)
            probes.append(RoutedFreeBusyService.Account(name: name, domains: bare.domains,
                                                        service: FreeBusyService(server: nil, cache: cache, policy: CachePolicy(offline: true)),
                                                        organizer: account.organizer))
        }
        return RoutedFreeBusyService(accounts: probes).accountsToAsk(about: attendees)
    }
}
