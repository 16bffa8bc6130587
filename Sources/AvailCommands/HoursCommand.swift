import CalDAVClient
import FreeBusy
import ICalendar
import LocalTime
import TextUtilities
import WorkingHours

/// `avail hours`: the user's working hours as the server holds them
/// (`CALDAV:calendar-availability` on the schedule Inbox, RFC 7953 §7.2.4).
struct HoursCommand: CLICommand {
    static let spec = CommandSpec(
        name: "hours",
        abstract: "Show your working hours as the server holds them (set, clear: see below).",
        discussion: """
        Working hours live on the server as a VAVAILABILITY (RFC 7953) in the
        calendar-availability property of your schedule Inbox. A server that
        applies them (Cyrus) answers others' free/busy requests for you with
        BUSY-UNAVAILABLE outside them; one that only stores them (DAViCal) does not.

          avail hours                                 what the server holds
          avail hours set mon-fri 09:00-17:00         store new ones, then check the effect
          avail hours set mon-thu 09:00-12:00,13:00-17:00 fri 09:00-13:00 --tz Europe/Berlin
          avail hours clear                           remove them

        Exit codes: 0 shown (also when none are stored); otherwise as for `avail query`
        (6 when the stored value is not weekly hours avail can read).
        """,
        options: [.option("format", "format", "Output format: text or json (default text).")] + ConnectionOptions.specs
    )

    enum Format: String, CaseIterable { case text, json }

    var format: Format
    var connection: ConnectionOptions

    init(_ a: ParsedArguments) throws(CommandFailure) {
        format = try a.choice("format", default: .text)
        connection = try ConnectionOptions(a)
    }

    func run() async throws {
        let (session, account) = try connection.session()
        let stored: String?
        do {
            let d = try await session.discover(needsName: false)
            stored = try await session.calendarAvailability(inbox: try await session.scheduleInbox(principal: d.principalURL))
        } catch { throw HoursCommand.failure(error) }
        guard let stored else {
            switch format {
            case .json: try write(JSONValue.object([("hours", .null)]).serialized() + "\n")
            case .text: try write("no working hours stored on \(account.serverName) (store some: avail hours set mon-fri 09:00-17:00)\n")
            }
            return
        }
        let availability: CalendarAvailability
        do { availability = try CalendarAvailability.read(stored) } catch {
            throw CommandFailure(message: "\(account.serverName): \(error.description)", code: 6)
        }
        switch format {
        case .json: try write(Self.json(availability).serialized() + "\n")
        case .text: try write(TerminalText.clean(Self.text(availability) + "\n"))
        }
    }

    /// `mon-fri 09:00-17:00 (Europe/Berlin)`, with its bounds and a BUSYTYPE other than the default.
    static func text(_ a: CalendarAvailability) -> String {
        var out = a.hours.description + " (\(a.zoneIdentifier ?? "floating: each reader's own zone"))"
        // Bounds in the hours' own zone, where people set them.
        let zone = a.zoneIdentifier.flatMap { DisplayZone.named($0) }
        func shown(_ t: UTCInstant) -> String { zone.map { "\($0.format(t)) \($0.abbreviation(at: t))" } ?? t.iso8601String }
        if let from = a.validFrom { out += " from \(shown(from))" }
        if let until = a.validUntil { out += " until \(shown(until))" }
        if a.busyType != .busyUnavailable { out += ", outside them \(a.busyType.name)" }
        return out
    }

    static func json(_ a: CalendarAvailability) -> JSONValue {
        .object([
            ("hours", .string(a.hours.description)),
            ("zone", a.zoneIdentifier.map { .string($0) } ?? .null),
            ("days", .object(Weekday.allCases.map { ($0.shortName, .array(a.hours[$0].map { .string($0.description) })) })),
            ("busyType", .string(a.busyType.name)),
            ("validFrom", a.validFrom.map { .string($0.iso8601String) } ?? .null),
            ("validUntil", a.validUntil.map { .string($0.iso8601String) } ?? .null),
        ])
    }

    /// `avail hours set …`
    struct Store: CLICommand {
        static let spec = CommandSpec(
            name: "hours set",
            abstract: "Store your working hours on the server and check that it applies them.",
            discussion: """
            HOURS are days followed by their times: `mon-fri 09:00-17:00`, several
            ranges with commas (`mon-thu 09:00-12:00,13:00-17:00 fri 09:00-13:00`),
            `off` for a day named only to say so; days not named are off. Times are
            wall-clock times in --tz (default TZ, else the system's zone), and keep
            their place on the clock when it changes for summer time. --from and
            --until limit them to a season (the VAVAILABILITY's own DTSTART and
            DTEND); outside it the server treats you as it would without them.

            After storing them, avail asks the server for your own free/busy over
            the coming week: a server that applies them shows BUSY-UNAVAILABLE
            outside the hours; one that only stores them (DAViCal) does not, and
            avail says so: then others do not see your hours, and `avail slots
            --hours` and the planner's working hours remain what counts.

            Exit codes: 0 stored (whatever the check found); 2 for hours or a zone
            avail cannot read; otherwise as for `avail query`.
            """,
            options: [.option("tz", "zone", "Zone of the times (default TZ, else the system's)."),
                      .option("from", "date", "The hours hold from this date (default: always)."),
                      .option("until", "date", "The hours hold up to the end of this date (default: always)."),
                      .option("format", "format", "Output format: text or json (default text).")] + ConnectionOptions.specs,
            positional: "hours", positionalHelp: "Days and times, e.g. mon-fri 09:00-17:00."
        )

        var format: Format
        var connection: ConnectionOptions
        var hours: WeeklyHours
        var zone: DisplayZone
        var validFrom: UTCInstant?
        var validUntil: UTCInstant?

        init(_ a: ParsedArguments) throws(CommandFailure) {
            format = try a.choice("format", default: .text)
            connection = try ConnectionOptions(a)
            guard !a.positionals.isEmpty else {
                throw CommandFailure(usage: "give your working hours, e.g. `avail hours set mon-fri 09:00-17:00`")
            }
            do { hours = try WeeklyHours.parse(a.positionals.joined(separator: " ")) } catch {
                throw CommandFailure(usage: error.description)
            }
            let tz = a.value("tz") ?? ProcessEnvironment.current["TZ"]
            guard let z = DisplayZone.named(tz) else {
                throw CommandFailure(usage: "\(a.value("tz") != nil ? "--tz " : "TZ=")\(tz ?? "") is not a time zone this system knows")
            }
            // The TZID others read the hours in must name a zone, not "this machine's".
            guard z.identifier != "localtime" else {
                throw CommandFailure(usage: "the system's time zone has no name avail can find; give one with --tz (e.g. --tz Europe/Berlin)")
            }
            zone = z
            func date(_ option: String, end: Bool) throws(CommandFailure) -> UTCInstant? {
                guard let text = a.value(option) else { return nil }
                guard let arg = TimeArgument.parse(text, now: .now, zone: z),
                      let instant = end ? arg.end(in: z) : arg.start(in: z) else {
                    throw CommandFailure(usage: "--\(option) \(text.debugDescription) is not a date (2027-03-01) or datetime (2027-03-01T09:00)")
                }
                return instant
            }
            validFrom = try date("from", end: false)
            validUntil = try date("until", end: true)
            if let f = validFrom, let u = validUntil, f >= u {
                throw CommandFailure(usage: "--until \(a.value("until") ?? "") is not after --from \(a.value("from") ?? "")")
            }
        }

        func run() async throws {
            let (session, account, settings) = try connection.sessionAndSettings()
            let now = UTCInstant.now
            let availability = CalendarAvailability(hours: hours, zoneIdentifier: zone.identifier, validFrom: validFrom, validUntil: validUntil)
            let text = availability.iCalendarText(in: zone, uid: "avail-hours-\(UInt64.random(in: 0...UInt64.max))", timestamp: now)
            let d: DiscoveryResult
            do {
                d = try await session.discover(needsName: false)
                try await session.setCalendarAvailability(text, inbox: try await session.scheduleInbox(principal: d.principalURL))
            } catch { throw HoursCommand.failure(error) }

            // The coming week from today's start (or from when the hours begin):
            // evenings and a weekend to look at.
            let start = zone.startOfDay(max(now, validFrom ?? now))
            let verdict: AvailabilityVerdict
            if let window = TimeWindow(start: start, end: zone.adding(days: 7, to: start) ?? start.adding(seconds: 7 * 86_400)) {
                do {
                    verdict = try await session.verifyAvailability(
                        expected: availability.unavailablePeriods(in: window, zone: zone), window: window, organizer: d.organizer,
                        outbox: d.outboxURL, timestamp: now,
                        draftHeaders: CalDAVSession.wantsDraftHeaders(setting: settings.originatorHeaders, capabilities: d.davCapabilities))
                } catch {
                    verdict = .unknown(error.description)
                }
            } else {
                verdict = .unknown("no week to check")
            }
            let (key, sentence) = Self.describe(verdict)
            switch format {
            case .json:
                guard case let .object(fields) = HoursCommand.json(availability) else { return }
                try write(JSONValue.object([("stored", .bool(true))] + fields + [("applied", .string(key)), ("detail", .string(sentence))])
                    .serialized() + "\n")
            case .text:
                try write(TerminalText.clean("stored on \(account.serverName): \(HoursCommand.text(availability))\n\(sentence)\n"))
            }
        }

        /// The check's result as a JSON key and a sentence for people.
        static func describe(_ verdict: AvailabilityVerdict) -> (String, String) {
            switch verdict {
            case .applied:
                return ("applied", "the server applies them: others' free/busy shows you as unavailable outside these hours")
            case .storedOnly:
                return ("stored-only", "the server only stores them: others' free/busy for you does not change; "
                    + "avail's own working hours (slots --hours, the planner's w) remain what counts")
            case let .differs(expected, covered):
                return ("differs", "the server applies them differently: of \(expected / 3600) h outside these hours in the coming week, "
                    + "its free/busy shows \(covered / 3600) h as unavailable")
            case let .unknown(reason):
                return ("unknown", "could not check whether the server applies them: \(reason)")
            }
        }
    }

    /// `avail hours clear`
    struct Clear: CLICommand {
        static let spec = CommandSpec(
            name: "hours clear",
            abstract: "Remove your working hours from the server.",
            discussion: "Removes the calendar-availability property from your schedule Inbox (RFC 7953 §7.2.4).",
            options: ConnectionOptions.specs
        )

        var connection: ConnectionOptions

        init(_ a: ParsedArguments) throws(CommandFailure) { connection = try ConnectionOptions(a) }

        func run() async throws {
            let (session, account) = try connection.session()
            do {
                let d = try await session.discover(needsName: false)
                try await session.removeCalendarAvailability(inbox: try await session.scheduleInbox(principal: d.principalURL))
            } catch { throw HoursCommand.failure(error) }
            try write("working hours removed from \(account.serverName)\n")
        }
    }
}
