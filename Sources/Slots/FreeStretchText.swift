import FreeBusy
import ICalendar
import LocalTime
import TextUtilities

/// Free stretches as text to paste into a mail: plain lines, no colours and no
/// column padding (a proportional font would undo it), in the reader's zone
/// with that zone named, so someone hours away reads the right times.
///
///     Free for 1h or longer, in New York time (America/New_York):
///     Mon 7 Dec 10:30–12:00 (1h30)
///     Tue 8 Dec 22:00–Wed 9 Dec 01:00 (3h)
public enum FreeStretchText {
    /// `Mon 7 Dec 10:30–12:00 (1h30)`; a stretch that ends at midnight ends at
    /// 24:00, one that goes on into the next day names that day.
    /// `roomNames`: a room's name by its address's matchKey (the config's `room`
    /// lines); a room without one is named by its address.
    public static func line(_ stretch: FreeStretch, zone: DisplayZone, roomNames: [String: String] = [:]) -> String {
        let from = zone.local(stretch.start)
        var text = "\(day(stretch.start, zone: zone)) \(zone.formatTime(stretch.start))–"
        let end = zone.local(stretch.end)
        let nextMidnight = zone.adding(days: 1, to: zone.startOfDay(stretch.start))
        if (end.year, end.month, end.day) == (from.year, from.month, from.day) {
            text += zone.formatTime(stretch.end)
        } else if stretch.end == nextMidnight {
            text += "24:00"
        } else {
            text += "\(day(stretch.end, zone: zone)) \(zone.formatTime(stretch.end))"
        }
        text += " (\(length(stretch.span.seconds)))"
        if let room = stretch.room { text += ", in " + (roomNames[room.matchKey] ?? room.displayString) }
        if !stretch.optionalBusy.isEmpty {
            text += ", " + stretch.optionalBusy.map(\.displayString).joined(separator: ", ") + " busy for part of it"
        }
        return text
    }

    /// The heading, naming the zone, then one line a stretch; what is not
    /// known is said once at the end. `minimum` is the meeting's length; the
    /// window dates a zone that has no place name (its abbreviation then).
    public static func text(_ stretches: [FreeStretch], zone: DisplayZone, minimum: Int64, window: TimeWindow,
                            roomNames: [String: String] = [:]) -> String {
        let spoken = zone.spokenName(at: stretches.first?.start ?? window.start)
        let named = spoken.hasSuffix(" time") ? "\(spoken) (\(zone.identifier))" : spoken
        guard !stretches.isEmpty else { return "No free time of \(length(minimum)) or longer (times in \(named)).\n" }
        var out = "Free for \(length(minimum)) or longer, in \(named):\n"
        for s in stretches { out += line(s, zone: zone, roomNames: roomNames) + "\n" }
        let unknown = stretches.flatMap(\.unknown).distinctAddresses()
        if !unknown.isEmpty { out += "Not known: " + unknown.map(\.displayString).joined(separator: ", ") + "\n" }
        return out
    }

    /// `1h30`, `45m`, `2h`: how people write a length in a mail.
    public static func length(_ seconds: Int64) -> String {
        let h = seconds / 3600, m = seconds % 3600 / 60
        if h == 0 { return "\(m)m" }
        return m == 0 ? "\(h)h" : "\(h)h\(m.zeroPadded(to: 2))"
    }

    static func day(_ instant: UTCInstant, zone: DisplayZone) -> String {
        let l = zone.local(instant)
        return "\(DisplayZone.weekdayNames[l.weekday]) \(l.day) \(monthNames[l.month - 1])"
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
