import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Meetings
import Scheduling
import TextUtilities

struct MeetingsCommand: CLICommand {
    static let spec = CommandSpec(
        name: "meetings",
        abstract: "List the meetings you organise, with who accepted and what was delivered.",
        discussion: """
        Reads your calendars (a CalDAV calendar-query, RFC 4791) for the events in
        the window that you organise and invited someone else to, and shows for
        each invitee their answer (accepted, declined, tentative, delegated, no
        answer yet) and whether the server delivered the invitation (delivered,
        sent by mail, not delivered and why), with a count such as "2 of 3
        accepted, 1 not delivered". Replies waiting in your scheduling Inbox are
        read too, where your stored copy lags behind them; avail never deletes them.

        Exit codes: 0 listed (also when there are none), 6 the server refused the
        query or an event could not be read; otherwise as for `avail query`.
        """,
        options: WindowOptions.specs + [.option("format", "format", "Output format: text or json (default text).")] + ConnectionOptions.specs
    )

    enum Format: String, CaseIterable { case text, json }

    var span: WindowOptions
    var format: Format = .text
    var connection: ConnectionOptions

    init(_ a: ParsedArguments) throws(CommandFailure) {
        span = try WindowOptions(a)
        format = try a.choice("format", default: .text)
        connection = try ConnectionOptions(a)
    }

    func validate() throws(CommandFailure) {}

    func run() async throws {
        let zone = try DisplayZone.fromEnvironment()
        let window = try span.window(now: .now, zone: zone)
        let (session, account) = try connection.session()
        let list: MeetingList
        do { list = try await MeetingReader(server: session).meetings(in: window, organizer: account.organizer, zone: zone, eachOccurrence: true) } catch {
            throw CommandFailure(error)
        }
        switch format {
        case .json: try write(Self.json(list).serialized() + "\n")
        case .text: try write(TerminalText.clean(Self.text(list, zone: zone)))
        }
        for u in list.unreadable {
            writeStandardError("avail: warning: \(TerminalText.clean(u.resource)): \(TerminalText.clean(u.problem.description))\n")
        }
    }

    static func text(_ list: MeetingList, zone: DisplayZone) -> String {
        if list.entries.isEmpty { return "No meetings organised by you in this window.\n" }
        var out = ""
        for e in list.entries {
            let m = e.meeting
            let startZone = zone.abbreviation(at: m.start), endZone = zone.abbreviation(at: m.end)
            let span = startZone == endZone ? "\(zone.format(m.start))–\(zone.formatTime(m.end)) \(startZone)"
                                            : "\(zone.format(m.start)) \(startZone)–\(zone.formatTime(m.end)) \(endZone)"
            // An occurrence says how its series repeats; a series that could not be
            // expanded (an RRULE avail does not read) is listed once, and says so.
            let repeats = m.repeats.map { m.recurrenceID == nil ? "  (repeats \($0); first occurrence shown)" : "  (repeats \($0))" } ?? ""
            let notes = (m.isCancelled ? "  (cancelled)" : "") + repeats
            out += "\(span)  \(m.summary ?? "(no title)")\(notes)\n"
            out += "  \(m.replySummary)   uid \(m.uid)\n"
            let width = m.invitees.map { $0.address.displayString.count }.max() ?? 0
            for a in m.invitees {
                out += "  " + a.address.displayString.padded(to: width + 2) + a.participation.description.padded(to: 15) + a.delivery.description + "\n"
            }
        }
        return out
    }

    static func json(_ list: MeetingList) -> JSONValue {
        .array(list.entries.map { e in
            let m = e.meeting
            let s = m.replySummary
            return .object([
                ("uid", .string(m.uid)),
                ("summary", m.summary.map { .string($0) } ?? .null),
                ("start", .string(m.start.iso8601String)),
                ("end", .string(m.end.iso8601String)),
                ("all_day", .bool(m.isAllDay)),
                ("recurring", .bool(m.isRecurring)),
                ("repeats", m.repeats.map { .string($0) } ?? .null),
                ("recurrence_id", m.recurrenceID.map { .string($0.iso8601String) } ?? .null),
                ("status", m.status.map { .string($0) } ?? .null),
                ("sequence", .number(m.sequence)),
                ("url", .string(e.resource)),
                ("etag", e.etag.map { .string($0) } ?? .null),
                ("replies", .string(s.description)),
                ("counts", .object([("invited", .number(s.invited)), ("accepted", .number(s.accepted)), ("declined", .number(s.declined)),
                                    ("tentative", .number(s.tentative)), ("delegated", .number(s.delegated)),
                                    ("no_answer", .number(s.noAnswer)), ("not_delivered", .number(s.notDelivered))])),
                ("attendees", .array(m.invitees.map { a in
                    .object([
                        ("address", .string(a.address.uri)),
                        ("name", a.name.map { .string($0) } ?? .null),
                        ("role", .string(a.role)),
                        ("partstat", .string(a.participation.value)),
                        ("answer", .string(a.participation.description)),
                        ("answer_from", .string(a.answerSource == .inboxReply ? "inbox" : "stored")),
                        ("schedule_status", a.scheduleStatus.last.map { .string($0.code) } ?? .null),
                        ("delivery", .string(a.delivery.description)),
                        ("delivered", a.delivery.failed ? .bool(false) : (a.delivery == .delivered ? .bool(true) : .null)),
                    ])
                })),
            ])
        })
    }
}
