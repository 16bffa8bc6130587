import ICalendar

/// Times as a person reads them out, for the planner's status sentences and
/// for free time pasted into a mail: whole words, and the zone named by its
/// place, which stays true on both sides of a DST change ("Berlin time"
/// covers CET and CEST; an abbreviation names only one of them).
extension DisplayZone {
    public static let fullWeekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    public static let fullMonthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"]

    /// "Berlin time" for Europe/Berlin, "New York time" for America/New_York,
    /// "UTC" for UTC; a zone without a place name (a POSIX TZ string, an
    /// unnamed system zone) by its abbreviation at `instant` ("EST"), or its
    /// offset from UTC where it has none ("UTC+0530").
    public func spokenName(at instant: UTCInstant) -> String {
        var id = identifier
        if id.hasPrefix(":") { id.removeFirst() }
        if ["UTC", "UTC0", "Etc/UTC", "Etc/UCT", "UCT", "GMT", "GMT0", "Etc/GMT", "Etc/GMT0", "Etc/Universal",
            "Universal", "Zulu", "Etc/Zulu"].contains(id) {
            return "UTC"
        }
        // Etc/GMT+5 names no place (and its sign is the reverse of what it reads as).
        if !id.hasPrefix("Etc/"), id.contains("/"), let place = id.split(separator: "/").last,
           !place.isEmpty, place.allSatisfy({ $0.isLetter || $0 == "_" || $0 == "-" }) {
            return place.replacingUnderscores + " time"
        }
        // A zone with no name for its offset: "UTC-0500", which reads as what it is.
        let name = abbreviation(at: instant)
        return name.first == "+" || name.first == "-" ? "UTC" + name : name
    }

    /// "Monday 7 December"
    public func spokenDay(_ instant: UTCInstant) -> String {
        let l = local(instant)
        return "\(Self.fullWeekdayNames[l.weekday]) \(l.day) \(Self.fullMonthNames[l.month - 1])"
    }
}

extension Substring {
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
