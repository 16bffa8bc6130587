import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import Scheduling
import TextUtilities

/// `avail publish`: the user's own busy time, computed from their own
/// calendars, as one published VFREEBUSY (RFC 5545 §3.6.4) on standard
/// output, in a file, or PUT to a URL: for servers that cannot answer a
/// free/busy request (Radicale, Xandikos), whose users are then found by
/// others through `fburl`.
struct PublishCommand: CLICommand {
    static let spec = CommandSpec(
        name: "publish",
        abstract: "Publish your own busy time as a VFREEBUSY, to a file, a URL or standard output.",
        discussion: """
        Reads the events of your own calendars in the window (a CalDAV
        calendar-query, RFC 4791; the scheduling Inbox and Outbox and calendars
        without events are left out), works out your busy time the way a server
        answers a free/busy request (repeating events expanded with RRULE, RDATE,
        EXDATE and changed occurrences; time zones, floating times, all-day
        events; TRANSP:TRANSPARENT and cancelled events take no time, tentative
        ones are BUSY-TENTATIVE) and writes one VFREEBUSY (RFC 5545 §3.6.4:
        ORGANIZER, the window, merged FREEBUSY periods in UTC; METHOD:PUBLISH).
        No event detail is in it: no titles, places or attendees.

        --to - (the default) prints it; --to FILE replaces FILE whole (a new file
        renamed over it; a symbolic link, FIFO or device there is refused);
        --to URL stores it there with PUT, as the same account, with If-Match on
        the ETag of the copy there (only a published free/busy is replaced) or
        If-None-Match: * when there is none, so a change made by someone else in
        between is never overwritten. Others then read it with `fburl`.
        An event that cannot be counted (an unsupported repeat rule) is named in
        a warning on standard error, and its time is not in the output.

        Run it from cron or a systemd timer to keep it current (see the README).

        Exit codes: 0 published, 2 usage (or a --to that cannot be written), 6 the
        server refused the PUT or the copy there changed meanwhile (412), 8 the
        output could not be written; otherwise as for `avail query`.
        """,
        options: [
            .option("from", "date", "Window start: DATE or DATETIME, or today/tomorrow/now (default today)."),
            .option("days", "n", "Window length in days (default 56, eight weeks; at most 366)."),
            .option("to", "file", "Where to write: - (standard output, the default), a file, or an http(s) URL to PUT to."),
            .option("format", "format", "Output format: ics or json (default ics; json lists the periods, not for a URL)."),
        ] + ConnectionOptions.specs
    )

    enum Format: String, CaseIterable { case ics, json }

    static let defaultDays = 56

    var from: String?
    var days: Int
    var destination: PublishDestination
    var format: Format
    var connection: ConnectionOptions

    init(_ a: ParsedArguments) throws(CommandFailure) {
        from = a.value("from")
        days = try a.int("days") ?? Self.defaultDays
        if !(1...366).contains(days) { throw CommandFailure(usage: "--days must be between 1 and 366") }
        destination = try PublishDestination(a.value("to"))
        format = try a.choice("format", default: .ics)
        if format == .json, case .url = destination {
            throw CommandFailure(usage: "--format json is for reading, not for publishing to a URL; use ics (the default) with --to URL")
        }
        connection = try ConnectionOptions(a)
    }

    func validate() throws(CommandFailure) {
        if case let .file(file) = destination { try file.check() }
    }

    func run() async throws {
        let zone = try DisplayZone.fromEnvironment()
        let window = try WindowOptions.window(from: from, to: nil, days: days, now: .now, zone: zone)
        let (session, account) = try connection.session()
        let result: OwnFreeBusyReader.Result
        do { result = try await OwnFreeBusyReader(server: session).busyTime(in: window, organizer: account.organizer, zone: zone) } catch {
            throw CommandFailure(error)
        }
        for s in result.setAside {
            writeStandardError("avail: warning: \(Self.setAsideLine(s))\n")
        }
        let publication = FreeBusyPublication(organizer: result.organizer, window: window, periods: result.periods, timestamp: .now)
        let text = format == .json ? Self.json(publication, setAside: result.setAside).serialized() + "\n" : publication.text(productID: AvailVersion.productID)
        let count = publication.periods.count
        let summary = "\(count) busy period\(count == 1 ? "" : "s") from \(result.objectCount) event object\(result.objectCount == 1 ? "" : "s")"
            + " in \(result.calendarCount) calendar\(result.calendarCount == 1 ? "" : "s"), \(zone.format(window.start))–\(zone.format(window.end))"
        switch destination {
        case .standardOutput:
            try write(text)
        case let .file(file):
            // --show-curl shows requests; it writes nothing anywhere.
            if connection.showCurl { return }
            try file.write(text)
            try write("Published \(summary) to \(file.path)\n")
        case let .url(url):
            let stored: PublishedResource
            do { stored = try await session.publish(text, at: url) } catch { throw CommandFailure(error) }
            try write("Published \(summary) to \(TerminalText.clean(stored.url.description))"
                      + (stored.replaced ? " (replaced the earlier copy)" : " (new)") + "\n")
        }
    }

    /// One warning line for an event left out, saying where it is stored.
    static func setAsideLine(_ s: OwnFreeBusyReader.SetAside) -> String {
        let which = s.uid.map { "event \($0) in \(s.resource)" } ?? s.resource
        return "\(which) left out of the published busy time: \(s.reason)"
    }

    /// The periods, and what was left out (also said on stderr), for scripts.
    static func json(_ p: FreeBusyPublication, setAside: [OwnFreeBusyReader.SetAside]) -> JSONValue {
        .object([
            ("organizer", .string(p.organizer.uri)),
            ("start", .string(p.window.start.iso8601String)),
            ("end", .string(p.window.end.iso8601String)),
            ("busy", .array(p.periods.map { b in
                .object([("start", .string(b.start.iso8601String)), ("end", .string(b.end.iso8601String)), ("type", .string(b.type.name))])
            })),
            ("set_aside", .array(setAside.map { a in
                .object([("resource", .string(a.resource)), ("uid", a.uid.map { .string($0) } ?? .null), ("reason", .string(a.reason))])
            })),
        ])
    }
}
