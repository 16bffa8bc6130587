import TextUtilities
import CalDAVClient
import FreeBusy
import FreeBusyCache
import ICalendar
import LocalTime
import Slots
import Scheduling

struct SlotsCommand: CLICommand {
    static let spec = CommandSpec(
        name: "slots",
        abstract: "Find times when everyone is free.",
        discussion: """
        Prints the free stretches at least as long as the meeting where every
        required attendee (the arguments) is free, inside the working hours and
        weekdays, one a line, in the display time zone (--tz ZONE, the reader's
        zone; default TZ), with the zone named: text to paste into a mail
        (`Mon 7 Dec 10:30–12:00 (1h30)`). --format ics writes them as one
        VFREEBUSY with FBTYPE=FREE periods; JSON has both the stretches and
        the ranked starts. --starts lists the best starts instead, one per
        --step, with their reasons (--count of them). Tentative time counts
        as busy unless --tentative-free. Time outside someone's working hours
        (BUSY-UNAVAILABLE from their server) is not offered unless
        --outside-hours, which ranks such slots after the rest.

        With --starts each suggestion says why it is as good as it is: everyone free, or
        optional X busy, Y tentative, Z outside their hours, W unknown. They
        are ranked: required people free first, then fewer optional
        conflicts, fewer tentatives, inside everyone's hours, earlier.

        With --room (repeatable) or --rooms GROUP (a `rooms` line of the
        config), a slot needs every required person and any one of those
        rooms free; each suggestion names the first free room.

        Unknown is not free: if the server gives no answer for a required
        attendee (3.7, 3.8, 5.x, network), no slot is promised unless
        --ignore-unknown, which plans around the known ones.

        Examples:
            avail slots --days 5 --duration 1h bob@example.com carol@example.com
            avail slots --hours 10:00-16:00 --weekdays mon,wed,fri \\
                --optional dave@example.com bob@example.com
            avail slots --attendee-tz bob@example.com=America/New_York --tz Europe/Berlin bob@example.com
            avail slots --room room1@example.com --room room2@example.com bob@example.com
        """,
        options: WindowOptions.specs + [
            .option("duration", "duration", "Meeting length: 30m, 1h, 1h30m (default 30m)."),
            .option("step", "duration", "Distance between candidate starts (default 15m)."),
            .option("hours", "range", "Working hours, local: HH:MM-HH:MM (default 09:00-17:00)."),
            .option("weekdays", "days", "Weekdays: mon-fri, mon,wed,fri, all (default mon-fri)."),
            .option("tz", "zone", "Display time zone (default TZ or the system's)."),
            .option("attendee-tz", "address=zone", "An attendee's own zone, for their working hours: ADDRESS=ZONE.", repeatable: true),
            .option("optional", "attendee", "An optional attendee.", repeatable: true),
            .option("count", "n", "How many starts with --starts (default 5); at most this many stretches otherwise (default all)."),
            .flag("starts", "List the best meeting starts, one per --step, with their reasons, instead of the free stretches."),
            .flag("tentative-free", "Count tentative time as free."),
            .flag("outside-hours", "Also offer times outside someone's working hours, ranked after the rest."),
            .option("room", "room", "A room (address or config name); any one free room will do.", repeatable: true),
            .option("rooms", "group", "A room group of the config (rooms = NAME: room, room…).", repeatable: true),
            .flag("ignore-unknown", "Plan around the attendees whose time is known."),
            .option("format", "format", "Output format: text, json or ics (default text)."),
        ] + ConnectionOptions.specs + CacheOptions.specs,
        positional: "attendee", positionalHelp: "Required attendees: email addresses or mailto: URIs."
    )

    enum Format: String, CaseIterable { case text, json, ics }

    var span: WindowOptions
    var duration: String = "30m"
    var step: String = "15m"
    var hours: String = "09:00-17:00"
    var weekdays: String = "mon-fri"
    var tz: String?
    var attendeeTZ: [String] = []
    var optional: [String] = []
    var count: Int = 5
    /// --count as given: it limits stretches only when said.
    var countGiven = false
    var starts = false
    var tentativeFree = false
    var ignoreUnknown = false
    var outsideHours = false
    var rooms: [String] = []
    var roomGroups: [String] = []
    var format: Format = .text
    var connection: ConnectionOptions
    var cache_: CacheOptions
    var attendees: [String] = []

    init(_ a: ParsedArguments) throws(CommandFailure) {
        span = try WindowOptions(a)
        duration = a.value("duration") ?? "30m"
        step = a.value("step") ?? "15m"
        hours = a.value("hours") ?? "09:00-17:00"
        weekdays = a.value("weekdays") ?? "mon-fri"
        tz = a.value("tz")
        attendeeTZ = a.all("attendee-tz")
        optional = a.all("optional")
        count = try a.int("count") ?? 5
        countGiven = a.value("count") != nil
        starts = a.flag("starts")
        tentativeFree = a.flag("tentative-free")
        ignoreUnknown = a.flag("ignore-unknown")
        outsideHours = a.flag("outside-hours")
        rooms = a.all("room")
        roomGroups = a.all("rooms")
        format = try a.choice("format", default: .text)
        connection = try ConnectionOptions(a)
        cache_ = try CacheOptions(a)
        attendees = a.positionals
    }

    func validate() throws(CommandFailure) {
        if attendees.isEmpty { throw CommandFailure(usage: "name at least one required attendee, e.g. `avail slots bob@example.com`") }
        if case let .failure(p) = DurationText.read(duration) { throw CommandFailure(usage: DurationText.message(p, option: "--duration", text: duration)) }
        if case let .failure(p) = DurationText.read(step) {
            throw CommandFailure(usage: DurationText.message(p, option: "--step", text: step, example: "15m or 30m"))
        }
        if Self.parseHours(hours) == nil {
            // Say which part is wrong: the times themselves, or their order.
            let parts = hours.split(separator: "-")
            if parts.count == 2, let a = Self.minutes(parts[0]), let b = Self.minutes(parts[1]) {
                throw CommandFailure(usage: a == b ? "--hours \(hours.debugDescription) is empty: it ends when it starts"
                                                   : "--hours \(hours.debugDescription) ends before it starts (working hours cannot cross midnight)")
            }
            throw CommandFailure(usage: "--hours \(hours.debugDescription) is not a range of times like 09:00-17:00")
        }
        if Self.parseWeekdays(weekdays) == nil { throw CommandFailure(usage: "--weekdays \(weekdays.debugDescription) is not like mon-fri, mon,wed,fri or all") }
        if !(1...1000).contains(count) { throw CommandFailure(usage: "--count must be between 1 and 1000") }
    }

    static func parseHours(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let a = minutes(parts[0]), let b = minutes(parts[1]), a < b else { return nil }
        return (a, b)
    }

    static func minutes(_ s: Substring) -> Int? {
        let p = s.split(separator: ":")
        guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    static func parseWeekdays(_ text: String) -> Set<Int>? {
        let t = text.lowercased()
        if t == "all" { return Set(0..<7) }
        var out: Set<Int> = []
        for part in t.split(separator: ",") {
            let range = part.split(separator: "-")
            guard let a = dayNames.firstIndex(where: { range.first.map(String.init)?.hasPrefix($0) ?? false }) else { return nil }
            if range.count == 1 { out.insert(a); continue }
            guard range.count == 2, let b = dayNames.firstIndex(where: { String(range[1]).hasPrefix($0) }) else { return nil }
            var d = a
            while true { out.insert(d); if d == b { break }; d = (d + 1) % 7 }
        }
        return out.isEmpty ? nil : out
    }

    func run() async throws {
        guard let zone = DisplayZone.named(tz ?? ProcessEnvironment.current["TZ"]) else {
            throw CommandFailure(usage: "\((tz ?? ProcessEnvironment.current["TZ"] ?? "").debugDescription) is not a time zone this system knows")
        }
        let now = UTCInstant.now
        func address(_ a: String) throws -> CalendarUserAddress {
            do { return try CalendarUserAddress(a) } catch { throw CommandFailure(usage: error.description) }
        }
        let env = ProcessEnvironment.current
        // Several accounts: each attendee asked where they are known; else the one account.
        let all = try connection.everyAccount(environment: env)
        let single = all == nil ? try connection.sessionAndSettings() : nil
        guard let settings = all ?? single?.2 else { throw CommandFailure(message: "no account configured", code: 2) }
        let (required, optionals) = try AttendeeArguments.requiredAndOptional(attendees, optional: optional, settings: settings)
        if required.isEmpty { throw CommandFailure(usage: "everyone named is --optional: name at least one required attendee") }
        let roomList: [Room]
        do { roomList = try settings.rooms.resolve(rooms: rooms, groups: roomGroups) } catch { throw CommandFailure(usage: error.message) }
        let roomAddresses = roomList.map(\.address).filter { r in !(required + optionals).contains { $0.matchKey == r.matchKey } }
        var zones: [String: DisplayZone] = [:]
        for spec in settings.attendeeZones + attendeeTZ {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let z = DisplayZone.named(parts[1]) else {
                throw CommandFailure(usage: "--attendee-tz \(spec.debugDescription) is not ADDRESS=ZONE with a known zone")
            }
            zones[try address(parts[0]).matchKey] = z
        }
        let window = try span.window(now: now, zone: zone)
        let outcome: FreeBusyOutcome
        // RFC 5545 §3.2.3: the rooms are asked for as CUTYPE=ROOM.
        let roomTypes = Dictionary(roomAddresses.map { ($0.matchKey, CalendarUserType.room) }, uniquingKeysWith: { a, _ in a })
        let failure: RefreshFailure?
        if let all {
            let (service, _) = try connection.routedService(all, policy: cache_.policy(settings:), environment: env,
                                                            askingAbout: required + optionals + roomAddresses)
            do { outcome = try await service.query(required + optionals + roomAddresses, window: window, now: now, calendarUserTypes: roomTypes) }
            catch { throw CommandFailure(error) }
            failure = service.finish(outcome, now: now).sayWarnings()
        } else if let (session, account, settings) = single {
            let service = FreeBusyService.make(session: session, account: account, settings: settings,
                                               policy: cache_.policy(settings: settings), environment: env)
            do { outcome = try await service.query(required + optionals + roomAddresses, window: window, now: now, calendarUserTypes: roomTypes) }
            catch { throw CommandFailure(error) }
            failure = service.finish(outcome, attendees: required + optionals + roomAddresses, now: now).sayWarnings()
        } else {
            throw CommandFailure(message: "no account configured", code: 2)
        }

        // Parts of the window the cache could not cover are unknown time: not free.
        let participants = outcome.rows.map { row in
            Participant(address: row.result.recipient, busy: row.result.busy, unknownTime: row.gaps,
                        zone: zones[row.result.recipient.matchKey])
        }
        guard let (startMinute, endMinute) = Self.parseHours(hours), let days = Self.parseWeekdays(weekdays),
              let length = DurationText.parse(duration), let stepSeconds = DurationText.parse(step) else {
            try failure?.conclude()
            return
        }
        let query = SlotQuery(window: window, duration: length, step: stepSeconds,
                              hours: WorkingHours(startMinute: startMinute, endMinute: endMinute, weekdays: days), zone: zone,
                              required: Array(participants.prefix(required.count)),
                              optional: Array(participants.dropFirst(required.count).prefix(optionals.count)),
                              rooms: Array(participants.dropFirst(required.count + optionals.count)),
                              tentativeIsFree: tentativeFree, outsideHoursAllowed: outsideHours, ignoreUnknown: ignoreUnknown, count: count)
        let result = SlotFinder.find(query)
        var stretches = SlotFinder.stretches(query).stretches
        if countGiven { stretches = Array(stretches.prefix(count)) }
        switch (format, starts) {
        case (.json, _): try write(Self.json(result, required: required, optional: optionals, rooms: roomList, stretches: stretches))
        case (.text, true): try write(TerminalText.clean(Self.text(result, query: query, rooms: roomList, zone: zone)))
        case (.ics, true): try write(Self.ics(result, window: window, timestamp: now))
        case (.text, false):
            let roomNames = Dictionary(roomList.map { ($0.address.matchKey, $0.label) }, uniquingKeysWith: { a, _ in a })
            var out = FreeStretchText.text(stretches, zone: zone, minimum: length, window: window, roomNames: roomNames)
            if let note = result.note { out += "note: \(note)\n" }
            try write(TerminalText.clean(out))
        case (.ics, false):
            try write(FreeStretchCalendar.text(stretches, window: window, organizer: nil, uid: "avail-free-\(RandomUID.make())",
                                               timestamp: now, productID: AvailVersion.productID))
        }
        try failure?.conclude()
    }

    static func json(_ r: SlotResult, required: [CalendarUserAddress], optional: [CalendarUserAddress], rooms: [Room] = [],
                     stretches: [FreeStretch] = []) -> String {
        var top: [(String, JSONValue)] = [
            ("slots", .array(r.slots.map { s in
                var fields: [(String, JSONValue)] = [
                    ("start", .string(s.start.iso8601String)), ("end", .string(s.end.iso8601String)),
                    ("free", .array(s.free.map { .string($0.uri) })), ("busy", .array(s.busy.map { .string($0.uri) })),
                    ("unknown", .array(s.unknown.map { .string($0.uri) })),
                    ("score", .number(s.ranking.score)), ("reason", .string(s.reasonText)),
                    ("reasons", .array(s.reasons.map { reason in
                        .object([("kind", .string(reason.kind))] + (reason.address.map { [("attendee", .string($0.uri))] } ?? []))
                    })),
                ]
                if !rooms.isEmpty { fields.append(("room", s.room.map { .string($0.uri) } ?? .null)) }
                return .object(fields)
            })),
            // Free stretches: every required person free throughout (optional people may be busy in part).
            ("stretches", .array(stretches.map { f in
                .object([("start", .string(f.start.iso8601String)), ("end", .string(f.end.iso8601String)),
                         ("minutes", .number(Int(f.span.seconds / 60))),
                         ("optionalBusy", .array(f.optionalBusy.map { .string($0.uri) })),
                         ("unknown", .array(f.unknown.map { .string($0.uri) }))]
                        + (rooms.isEmpty ? [] : [("room", f.room.map { .string($0.uri) } ?? .null)]))
            })),
            ("required", .array(required.map { .string($0.uri) })),
            ("optional", .array(optional.map { .string($0.uri) })),
            ("requiredKnown", .number(r.requiredKnown)),
        ]
        if !rooms.isEmpty { top.append(("rooms", .array(rooms.map { .string($0.address.uri) }))) }
        if let note = r.note { top.append(("note", .string(note))) }
        return JSONValue.object(top).serialized() + "\n"
    }

    static func text(_ r: SlotResult, query q: SlotQuery, rooms: [Room] = [], zone: DisplayZone) -> String {
        let hours = "\((q.hours.startMinute / 60).zeroPadded(to: 2)):\((q.hours.startMinute % 60).zeroPadded(to: 2))–\((q.hours.endMinute / 60).zeroPadded(to: 2)):\((q.hours.endMinute % 60).zeroPadded(to: 2))"
        var out = "\(DurationText.format(q.duration)) slots, \(hours) \(zone.identifier), "
        out += "\(r.requiredKnown) of \(r.requiredTotal) required attendees known"
        if !rooms.isEmpty { out += rooms.count == 1 ? ", in \(rooms[0].label)" : ", in any one of \(rooms.count) rooms" }
        out += "\n"
        for s in r.slots {
            out += "  \(zone.format(s.start)) – \(zone.formatTime(s.end))"
            if let room = s.room { out += "   " + (rooms.first { $0.address.matchKey == room.matchKey }?.label ?? room.displayString) }
            out += "   " + s.reasonText + "\n"
        }
        if let note = r.note { out += "note: \(note)\n" }
        return out
    }

    static func ics(_ r: SlotResult, window: TimeWindow, timestamp: UTCInstant) -> String {
        ContentLineWriter.calendar(productID: AvailVersion.productID) { w in
            w.write("BEGIN", value: "VFREEBUSY")
            w.write("UID", value: "avail-slots-\(timestamp.iCalendarString)")
            w.write("DTSTAMP", value: timestamp.iCalendarString)
            w.write("DTSTART", value: window.start.iCalendarString)
            w.write("DTEND", value: window.end.iCalendarString)
            if let note = r.note { w.write("COMMENT", value: ContentLineWriter.escapeText(note)) }
            for s in r.slots {
                w.write("FREEBUSY", parameters: [.init(name: "FBTYPE", values: ["FREE"])], value: s.start.iCalendarString + "/" + s.end.iCalendarString)
            }
            w.write("END", value: "VFREEBUSY")
        }
    }
}
