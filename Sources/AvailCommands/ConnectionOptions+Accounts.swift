import CalDAVClient
import FoundationEssentials
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

    /// For the commands that ask about people (query, slots, tui): every
    /// account of the config, each with its own session and cache, when it has
    /// several and none was chosen; nil otherwise (one account: the command
    /// goes on as with a single account).
    func routedService(cache: CacheOptions, environment env: [String: String]) throws -> (RoutedFreeBusyService, Configuration, Account)? {
        guard let all = try everyAccount(environment: env) else { return nil }
        var accounts: [RoutedFreeBusyService.Account] = []
        var first: (Configuration, Account)? = nil
        for name in all.accountNames {
            let chosen: Configuration
            do { chosen = try all.selecting(name) } catch { throw CommandFailure(error) }
            let (session, account, settings) = try connect(chosen, environment: env)
            if first == nil { first = (settings, account) }
            let service = FreeBusyService.make(session: session, account: account, settings: settings,
                                               policy: cache.policy(settings: settings), environment: env)
            accounts.append(RoutedFreeBusyService.Account(name: name, domains: settings.domains, service: service,
                                                          organizer: account.organizer, server: account.serverName))
        }
        guard let first else { return nil }
        return (RoutedFreeBusyService(accounts: accounts), first.0, first.1)
    }
}
