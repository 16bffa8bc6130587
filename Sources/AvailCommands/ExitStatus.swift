/// avail's exit codes and what each means: the man page's EXIT STATUS and the
/// README's table are this list (a test compares them).
enum ExitStatus {
    static let table: [(code: Int32, meaning: String)] = [
        (0, "the server answered the request (whatever each recipient's status)"),
        (1, "`avail who`: nobody matches; `move`, `cancel`, `invite`, `uninvite`: no meeting matched"),
        (2, "usage: a wrong flag, date, address or configuration (also a `password_command` that fails, prints nothing or times out, and a `ca_file` that cannot be used)"),
        (3, "authentication failed"),
        (4, "discovery failed, not a CalDAV server, or no scheduling support"),
        (5, "network, TLS or timeout"),
        (6, "the server refused the request (4xx/5xx) or sent an unreadable answer"),
        (7, "`avail book`, `avail move`: someone is busy at that time; nothing was booked or moved"),
        (CommandFailure.outputFailed, "the output could not be written (a full disk, `> /dev/full`, an I/O error); any command"),
    ]

    /// The same codes in a few words each, for the root `--help` (a test
    /// holds its codes to `table`'s).
    static let briefly: [(code: Int32, meaning: String)] = [
        (0, "answered"), (1, "nobody matches (who) or no such meeting (move/cancel/invite/uninvite)"), (2, "usage"),
        (3, "authentication failed"), (4, "discovery failed or no scheduling support"), (5, "network/TLS/timeout"),
        (6, "the server refused the request"), (7, "someone is busy at that time, nothing booked or moved (book/move)"),
        (CommandFailure.outputFailed, "the output could not be written (disk full, I/O error)"),
    ]

    /// "Exit codes: 0 answered, 1 …, …." wrapped to `width` columns.
    static func helpParagraph(width: Int = 84) -> String {
        // A code stays on the line of the first word of its meaning.
        var words = ["Exit", "codes:"]
        for (i, entry) in briefly.enumerated() {
            let meaning = entry.meaning.split(separator: " ").map(String.init) + [i == briefly.count - 1 ? "." : ","]
            let last = meaning.count - 2
            words += meaning.enumerated().compactMap { j, w in
                if j == last + 1 { return nil }
                let word = j == last ? w + meaning[last + 1] : w
                return j == 0 ? "\(entry.code) " + word : word
            }
        }
        words += "After a failed refresh, see the README.".split(separator: " ").map(String.init)
        var lines: [String] = []
        var line = ""
        for w in words {
            if !line.isEmpty, line.count + 1 + w.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + w
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
