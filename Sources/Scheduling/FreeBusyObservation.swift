import CalDAVClient
import FreeBusy
import FreeBusyCache
import ICalendar

/// What one free/busy request showed about the server, for its profile to learn from.
public struct FreeBusyObservation: Sendable, Equatable {
    /// Each recipient's request-status code, in the request's order.
    public var statusCodes: [String]
    /// POSTs whose answers came back (1: the request went as one POST).
    public var batches: Int
    /// Wall time from the first POST out to the last answer in.
    public var seconds: Double
    /// The server's DAV classes when discovery was asked just now (nil when it came from the cache).
    public var capabilities: [String]?
    /// What the request showed about the case of addresses (see `AddressCase.verdict`).
    public var addresses: ServerProfile.AddressMatching?

    public init(statusCodes: [String], batches: Int, seconds: Double, capabilities: [String]?,
                addresses: ServerProfile.AddressMatching? = nil) {
        self.statusCodes = statusCodes
        self.batches = batches
        self.seconds = seconds
        self.capabilities = capabilities
        self.addresses = addresses
    }
}
