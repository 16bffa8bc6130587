import CalDAVClient
import FreeBusyCache
import ICalendar

extension ServerProfile {
    /// Fewer recipients than this say more about the connection than about the
    /// server's pace: their timing is not learned.
    static let timedAbove = 20
    /// Weight of a new timing against what was learned before (a moving average,
    /// so one slow request on a busy machine does not flip the policy).
    static let newWeight = 0.3

    /// The profile after one request. Rules (each from what servers do):
    /// - unknown users: a 3.7 is the RFC 6638 §3.2.9 answer for an address the
    ///   server does not know; a 5.1 beside answers that succeeded in the same
    ///   request is such an address too (Cyrus), while 5.1 for everyone says
    ///   only that delivery failed, and teaches nothing;
    /// - draft headers: decided from the DAV classes when discovery was just asked;
    /// - timing: seconds per recipient, for one POST and for POSTs sent at once apart;
    /// - addresses: as the request showed (`AddressCase.verdict`), the latest word standing;
    /// - scheduling: a POST that answered shows the outbox is there after all.
    public func learning(from o: FreeBusyObservation, now: UTCInstant) -> ServerProfile {
        var p = self
        if o.statusCodes.contains("3.7") {
            p.unknownUsers = "3.7"
        } else if o.statusCodes.contains("5.1"), o.statusCodes.contains(where: { $0.hasPrefix("2.") }) {
            p.unknownUsers = "5.1"
        }
        if let caps = o.capabilities, !caps.isEmpty {
            p.draftHeaders = CalDAVSession.wantsDraftHeaders(setting: nil, capabilities: caps)
        }
        if o.statusCodes.count > Self.timedAbove, o.seconds > 0, o.batches >= 1 {
            let perRecipient = o.seconds / Double(o.statusCodes.count)
            func averaged(_ old: Double?) -> Double { old.map { $0 * (1 - Self.newWeight) + perRecipient * Self.newWeight } ?? perRecipient }
            if o.batches == 1 { p.secondsPerRecipient = averaged(p.secondsPerRecipient) }
            else { p.parallelSecondsPerRecipient = averaged(p.parallelSecondsPerRecipient) }
        }
        if let a = o.addresses { p.addresses = a }
        if o.batches >= 1 { p.scheduling = nil }
        if p != self { p.updated = now }
        return p
    }

    /// How to split a large request on this server: the safe default until
    /// parallel POSTs were seen not to help; then one POST (as curl would),
    /// with bisection still finding a recipient that breaks it. One POST's
    /// timings come from smaller requests (up to `splitAbove`), whose fixed
    /// cost weighs more per recipient: the comparison leans towards "helped",
    /// that is towards the default, never away from it by accident.
    /// Once on one POST, parallel timings are no longer taken: deleting the
    /// file starts over.
    public var batchPolicy: BatchPolicy {
        parallelHelped == false ? .single : .standard
    }
}
