import CalDAVClient
import Scheduling

extension FreeBusyService {
    /// The service every command uses: the account's cache, the policy from the
    /// flags and config, published free/busy from the config.
    static func make(session: CalDAVSession, account: Account, settings: Configuration, policy: CachePolicy,
                     environment: [String: String]) -> FreeBusyService {
        let cache = CacheAccess.cache(account: accountName(account), environment: environment)
        return FreeBusyService(server: session, cache: cache, policy: policy,
                               published: PublishedFreeBusy(template: settings.fburl, urls: settings.fburlFor),
                               originatorHeaders: settings.originatorHeaders)
    }
}
