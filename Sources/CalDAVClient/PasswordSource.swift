import Synchronization

/// Where an account's password comes from when it is not written down: a
/// `password_command` (a password manager, which may ask for a passphrase and
/// take its time). It is run on the first request that needs the password and
/// at most once: a run answered from the cache never asks the password manager.
/// A failure is kept too, so that every request says the same.
public final class PasswordSource: Sendable {
    private let fetch: @Sendable () throws(CalDAVError) -> String
    private let result = Mutex<Result<String, CalDAVError>?>(nil)

    public init(_ fetch: @escaping @Sendable () throws(CalDAVError) -> String) {
        self.fetch = fetch
    }

    /// The password, fetched now if no request has needed it before. Callers
    /// at the same moment wait for the one fetch.
    public func password() throws(CalDAVError) -> String {
        let outcome = result.withLock { stored -> Result<String, CalDAVError> in
            if let stored { return stored }
            let fetched: Result<String, CalDAVError>
            do throws(CalDAVError) { fetched = .success(try fetch()) } catch { fetched = .failure(error) }
            stored = fetched
            return fetched
        }
        return try outcome.get()
    }

    /// Whether the password has been asked for (tests; a warm run must not).
    public var fetched: Bool { result.withLock { $0 != nil } }
}
