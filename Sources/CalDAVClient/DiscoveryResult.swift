import FreeBusy
import HTTPClient

/// What discovery learned about the account (RFC 6764, RFC 5397, RFC 6638 §2).
public struct DiscoveryResult: Sendable, Equatable {
    public var principalURL: HTTPURL
    public var displayName: String?
    /// `CALDAV:calendar-user-address-set`, as the server lists it.
    public var calendarUserAddresses: [String]
    public var outboxURL: HTTPURL
    /// The address free/busy requests are sent as: the override, else the
    /// first `mailto:` of the address set.
    public var organizer: CalendarUserAddress
    /// The `DAV:` header's compliance classes, as seen on the principal.
    public var davCapabilities: [String]

    public init(principalURL: HTTPURL, displayName: String?, calendarUserAddresses: [String],
                outboxURL: HTTPURL, organizer: CalendarUserAddress, davCapabilities: [String]) {
        self.principalURL = principalURL
        self.displayName = displayName
        self.calendarUserAddresses = calendarUserAddresses
        self.outboxURL = outboxURL
        self.organizer = organizer
        self.davCapabilities = davCapabilities
    }
}

/// The account's principal as far as storing events needs it: no outbox
/// required (RFC 6638 §2.1.1 is only for scheduling).
public struct AccountIdentity: Sendable, Equatable {
    public var principalURL: HTTPURL
    public var displayName: String?
    public var calendarUserAddresses: [String]
    public var organizer: CalendarUserAddress
    public var davCapabilities: [String]

    public init(principalURL: HTTPURL, displayName: String?, calendarUserAddresses: [String], organizer: CalendarUserAddress,
                davCapabilities: [String]) {
        self.principalURL = principalURL
        self.displayName = displayName
        self.calendarUserAddresses = calendarUserAddresses
        self.organizer = organizer
        self.davCapabilities = davCapabilities
    }
}

extension DiscoveryResult {
    public var identity: AccountIdentity {
        AccountIdentity(principalURL: principalURL, displayName: displayName, calendarUserAddresses: calendarUserAddresses,
                        organizer: organizer, davCapabilities: davCapabilities)
    }
}
