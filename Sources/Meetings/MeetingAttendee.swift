import FreeBusy
import ICalendar

/// One ATTENDEE of a stored meeting (RFC 5545 §3.8.4.1) with what the
/// organizer's copy says about them: their answer (PARTSTAT, §3.2.12), whether
/// an answer is wanted (RSVP, §3.2.17), and what the server did with the
/// invitation (SCHEDULE-STATUS and SCHEDULE-AGENT, RFC 6638 §7.1, §7.3).
public struct MeetingAttendee: Equatable, Sendable {
    public var address: CalendarUserAddress
    public var name: String?
    /// REQ-PARTICIPANT when absent (RFC 5545 §3.2.16).
    public var role: String
    public var participation: Participation
    public var rsvp: Bool
    /// Several values when the server tried more than once (RFC 6638 §7.3
    /// allows a list); the last one says how it ended.
    public var scheduleStatus: [RequestStatus]
    public var scheduleAgent: ScheduleAgent
    /// Where `participation` was read: the stored copy, or a newer reply in
    /// the organizer's scheduling Inbox.
    public var answerSource: AnswerSource

    public enum AnswerSource: Equatable, Sendable {
        case storedCopy
        case inboxReply
    }

    public init(address: CalendarUserAddress, name: String? = nil, role: String = "REQ-PARTICIPANT",
                participation: Participation = .needsAction, rsvp: Bool = false, scheduleStatus: [RequestStatus] = [],
                scheduleAgent: ScheduleAgent = .server, answerSource: AnswerSource = .storedCopy) {
        self.address = address
        self.name = name
        self.role = role
        self.participation = participation
        self.rsvp = rsvp
        self.scheduleStatus = scheduleStatus
        self.scheduleAgent = scheduleAgent
        self.answerSource = answerSource
    }

    /// Reads an ATTENDEE line; unknown parameters are simply not looked at.
    public init(_ line: ContentLine) {
        let name = line.parameter("CN")
        self.init(address: CalendarUserAddress(uncheckedURI: line.value),
                  name: (name?.isEmpty ?? true) ? nil : name,
                  role: line.parameter("ROLE")?.uppercased() ?? "REQ-PARTICIPANT",
                  participation: Participation(line.parameter("PARTSTAT")),
                  rsvp: line.parameter("RSVP")?.uppercased() == "TRUE",
                  // RFC 6638 §10.3 writes the list inside one quoted string:
                  // SCHEDULE-STATUS="2.0,1.2"; the commas are split here.
                  scheduleStatus: line.parameters.filter { $0.name == "SCHEDULE-STATUS" }
                      .flatMap(\.values).flatMap { $0.split(separator: ",") }.map { RequestStatus(parsing: String($0)) },
                  scheduleAgent: ScheduleAgent(line.parameter("SCHEDULE-AGENT")))
    }

    /// From the last SCHEDULE-STATUS; without one, an answer proves the
    /// invitation arrived (Cyrus drops SCHEDULE-STATUS from the organizer's
    /// copy when it writes the attendee's answer there).
    public var delivery: Delivery {
        if scheduleStatus.isEmpty, scheduleAgent == .server, participation.isAnswer { return .delivered }
        return Delivery(scheduleStatus.last, agent: scheduleAgent)
    }
}

/// PARTSTAT for a VEVENT (RFC 5545 §3.2.12); NEEDS-ACTION when absent.
public enum Participation: Equatable, Sendable, CustomStringConvertible {
    case needsAction, accepted, declined, tentative, delegated
    /// An x-name or iana-token: read as no answer yet (§3.2.12 asks
    /// applications to treat an unknown value as NEEDS-ACTION) but kept.
    case other(String)

    public init(_ value: String?) {
        switch value?.uppercased() {
        case nil, "NEEDS-ACTION": self = .needsAction
        case "ACCEPTED": self = .accepted
        case "DECLINED": self = .declined
        case "TENTATIVE": self = .tentative
        case "DELEGATED": self = .delegated
        case let v?: self = .other(v)
        }
    }

    public var value: String {
        switch self {
        case .needsAction: return "NEEDS-ACTION"
        case .accepted: return "ACCEPTED"
        case .declined: return "DECLINED"
        case .tentative: return "TENTATIVE"
        case .delegated: return "DELEGATED"
        case let .other(v): return v
        }
    }

    /// Whether the attendee has answered at all.
    public var isAnswer: Bool {
        switch self {
        case .accepted, .declined, .tentative, .delegated: return true
        case .needsAction, .other: return false
        }
    }

    /// For people: "accepted", "no answer yet".
    public var description: String {
        switch self {
        case .needsAction, .other: return "no answer yet"
        case .accepted: return "accepted"
        case .declined: return "declined"
        case .tentative: return "tentative"
        case .delegated: return "delegated"
        }
    }
}

/// SCHEDULE-AGENT (RFC 6638 §7.1): who sends this attendee the iTIP messages.
public enum ScheduleAgent: Equatable, Sendable {
    /// The server (the default when the parameter is absent).
    case server
    /// The client: the server leaves them alone (avail's `--ics-out`).
    case client
    case none
    case other(String)

    public init(_ value: String?) {
        switch value?.uppercased() {
        case nil, "SERVER": self = .server
        case "CLIENT": self = .client
        case "NONE": self = .none
        case let v?: self = .other(v)
        }
    }
}

/// Whether an invitation reached an attendee, from the last SCHEDULE-STATUS
/// on their line (RFC 6638 §7.3; codes from RFC 5546 §3.6).
public enum Delivery: Equatable, Sendable, CustomStringConvertible {
    /// 1.2, or any 2.x (DAViCal writes 2.0 once the attendee answered).
    case delivered
    /// 1.1: sent on, by email say; no confirmation that it arrived.
    case sent
    /// 1.0: still queued.
    case pending
    /// 3.x or 5.x: the server could not deliver it (3.7 unknown address,
    /// 3.8 no authority, 5.x delivery failure).
    case notDelivered(RequestStatus)
    /// SCHEDULE-AGENT=CLIENT or NONE: the server does not send this one.
    case notByServer
    /// No SCHEDULE-STATUS (Cyrus writes none once the attendee answered).
    case notReported

    public init(_ status: RequestStatus?, agent: ScheduleAgent = .server) {
        switch agent {
        case .client, .none: self = .notByServer; return
        case .server, .other: break
        }
        guard let status else { self = .notReported; return }
        let c = status.code
        if c == "1.2" || c == "2" || c.hasPrefix("2.") { self = .delivered }
        else if c == "1.1" { self = .sent }
        else if c == "1.0" || c == "1" { self = .pending }
        else if c.hasPrefix("3.") || c.hasPrefix("5.") || c == "3" || c == "5" { self = .notDelivered(status) }
        else { self = .notReported }
    }

    public var failed: Bool {
        if case .notDelivered = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .delivered: return "delivered"
        case .sent: return "sent by mail"
        case .pending: return "pending"
        case let .notDelivered(s):
            switch s.code {
            case "3.7": return "not delivered: unknown calendar user (3.7)"
            case "3.8": return "not delivered: no authority to schedule them (3.8)"
            default: return "not delivered: \(s.meaning) (\(s.code))"
            }
        case .notByServer: return "not sent by the server"
        case .notReported: return "no delivery status"
        }
    }
}
