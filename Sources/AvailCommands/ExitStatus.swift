/// avail's exit codes and what each means: the man page's EXIT STATUS and the
/// README's table are this list (a test compares them).
enum ExitStatus {
    static let table: [(code: Int32, meaning: String)] = [
        (0, "the server answered the request (whatever each recipient's status)"),
        (1, "`avail who` only: nobody matches"),
        (2, "usage: a wrong flag, date, address or configuration (also a `password_command` that fails, prints nothing or times out, and a `ca_file` that cannot be used)"),
        (3, "authentication failed"),
        (4, "discovery failed, not a CalDAV server, or no scheduling support"),
        (5, "network, TLS or timeout"),
        (6, "the server refused the request (4xx/5xx) or sent an unreadable answer"),
        (7, "`avail book` only: someone is busy at that time; nothing was booked"),
        (CommandFailure.outputFailed, "the output could not be written (a full disk, `> /dev/full`, an I/O error); any command"),
    ]
}
