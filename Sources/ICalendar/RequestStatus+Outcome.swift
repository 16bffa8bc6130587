extension RequestStatus {
    /// What a request-status means for avail, decided once here and read by the
    /// planner's status column, the booking report and the published free/busy
    /// fallback. RFC 5546 §3.6 gives the classes by the first digit; RFC 6638
    /// §3.2.9 and §7.3 give 3.7 and 3.8 their scheduling meanings.
    public enum Outcome: Hashable, Sendable {
        /// 1.x: preliminary success, completion pending (for SCHEDULE-STATUS:
        /// pending, sent, delivered; RFC 6638 §3.2.9 tells them apart).
        case pending
        /// 2.x: the request was carried out.
        case success
        /// 3.7: the server knows no such calendar user.
        case noSuchUser
        /// 3.8: the user does not let us see (or schedule with) them.
        case noAuthority
        /// Any other 3.x: the request was not accepted.
        case notAccepted
        /// 5.x: scheduling or delivery failed.
        case failed
        /// A number in a class RFC 5546 does not define.
        case unrecognised
        /// No status at all (see `RequestStatus.noAnswer`).
        case noAnswer
    }

    public var outcome: Outcome {
        if code == Self.noAnswerCode { return .noAnswer }
        switch code {
        case "3.7": return .noSuchUser
        case "3.8": return .noAuthority
        default: break
        }
        switch code.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first {
        case "1": return .pending
        case "2": return .success
        case "3": return .notAccepted
        case "5": return .failed
        default: return .unrecognised
        }
    }

    /// Whether the person's own published free/busy may tell more than this
    /// answer: the server does not know them (3.7), could not deliver (5.x) or
    /// said nothing. Not 3.8: that person chose not to share.
    public var leavesRoomForPublished: Bool {
        switch outcome {
        case .noSuchUser, .failed, .noAnswer: return true
        case .pending, .success, .noAuthority, .notAccepted, .unrecognised: return false
        }
    }
}
