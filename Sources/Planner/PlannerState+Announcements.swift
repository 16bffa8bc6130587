import FreeBusy
import ICalendar

extension PlannerState {
    /// Letters for glyphs, answers announced, long sentences on two lines.
    public var isAccessible: Bool { announcements.enabled }

    /// The accessible mode: letters for glyphs, and arriving answers announced.
    public mutating func makeAccessible() {
        glyphs = .letters
        announcements.enabled = true
    }

    /// Says on the status line, once each, the answers that have arrived for the
    /// window on screen: "bob@example.com answered: busy 3 times this week".
    /// Failures are not repeated here: the failed request's own message says them.
    mutating func announceArrivedAnswers() {
        guard announcements.enabled else { return }
        var news: [String] = []
        for row in attendees {
            guard case let .answered(answer) = row.answer(for: window) else { continue }
            let key = AnswerAnnouncements.Announced(attendee: row.address.matchKey, window: window)
            guard !announcements.announced.contains(key) else { continue }
            announcements.announced.insert(key)
            news.append("\(row.address.displayString) answered: " + Self.summary(of: answer.result, days: windowDays))
        }
        guard !news.isEmpty else { return }
        // Added to what the line says already (an error, an earlier announcement
        // no key has cleared yet), so nothing is replaced before it is read.
        statusMessage = ([statusMessage].compactMap { $0 } + news).joined(separator: "; ")
    }

    /// "busy 3 times this week", "free all week", "3.8 no authority".
    static func summary(of result: RecipientResult, days: Int) -> String {
        guard let busy = result.busy else { return "\(result.status.code) \(result.status.meaning)" }
        let stretch = days == 7 ? "week" : days == 1 ? "day" : "\(days) days"
        let times = busy.map(\.span).union().count
        switch times {
        case 0: return days == 7 || days == 1 ? "free all \(stretch)" : "free all these \(stretch)"
        case 1: return "busy once " + (days == 7 || days == 1 ? "this \(stretch)" : "in these \(stretch)")
        default: return "busy \(times) times " + (days == 7 || days == 1 ? "this \(stretch)" : "in these \(stretch)")
        }
    }
}
