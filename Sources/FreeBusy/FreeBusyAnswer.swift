import ICalendar

/// One recipient's answer and where it came from: the one row that the
/// service returns, `avail query` prints (text, JSON, ics) and the planner
/// paints, as it is.
public struct FreeBusyAnswer: Sendable, Equatable {
    /// Where the answer came from; the raw values are the JSON `source` field.
    public enum Source: String, Sendable {
        /// The scheduling outbox, just now (RFC 6638 §5).
        case server
        /// The free/busy cache (fresh, stale or partial).
        case cache
        /// A published free/busy URL (RFC 2445's FBURL, the config's `fburl`).
        case published = "fburl"
    }

    /// Recipient, request-status, busy periods (nil when unknown) and the problem.
    public var result: RecipientResult
    public var source: Source
    /// When the answer was fetched; nil when there is no answer to date
    /// (not in the cache, or the request failed and nothing stood in).
    public var fetched: UTCInstant?
    /// Older than the cache's lifetime: shown because nothing newer could be had.
    public var stale: Bool
    /// Why a newer answer could not be had.
    public var error: String?
    /// Parts of the window this answer does not cover (the cache held only part
    /// of it): unknown time, never free.
    public var gaps: [TimeSpan]
    /// The configured account that answered (several joined by `+` for the user's
    /// own row, merged over their accounts); nil with a single account.
    public var account: String?

    public init(result: RecipientResult, source: Source, fetched: UTCInstant?, stale: Bool = false, error: String? = nil,
                gaps: [TimeSpan] = [], account: String? = nil) {
        self.account = account
        self.result = result
        self.source = source
        self.fetched = fetched
        self.stale = stale
        self.error = error
        self.gaps = gaps
    }

    public var recipient: CalendarUserAddress { result.recipient }
    public var isCached: Bool { source == .cache }
}
