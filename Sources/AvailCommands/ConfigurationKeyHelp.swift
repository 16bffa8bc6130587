/// What each config key takes and does, for avail-config(5). Every key of
/// `Configuration.knownKeys` has a line here (a test checks), so a new key
/// cannot reach the parser without reaching the manual.
enum ConfigurationKeyHelp {
    static let table: [(key: String, value: String, help: String)] = [
        ("url", "URL", "The CalDAV server: its root, /.well-known/caldav, a principal or a calendar URL (discovery finds the rest). AVAIL_URL wins."),
        ("user", "name", "The user name to log in with. AVAIL_USER wins."),
        ("password", "text", "The password. The file must then be readable by you alone (chmod 600), else avail refuses it; better use password_command. AVAIL_PASSWORD wins."),
        ("password_command", "command", "Run with /bin/sh -c, stdin from /dev/null; the first line it prints is the password (pass show caldav/alice, secret-tool lookup ...). Run when a request first needs the password, once a run (a run the cache answers does not run it). It may prompt on the terminal."),
        ("password_command_timeout", "seconds", "How long password_command may take before avail stops it and everything it started (default 60)."),
        ("organizer", "address", "The organizer address to send as (default: the mailto: of your calendar-user-address-set)."),
        ("auth", "basic|digest", "The HTTP authentication scheme (default basic; avail also switches when the server offers only Digest)."),
        ("insecure", "true|false", "true turns TLS certificate checks off, as --insecure does (warns)."),
        ("connect_timeout", "seconds", "Seconds to wait for a connection, 1 to 3600 (default 10)."),
        ("timeout", "seconds", "Seconds to wait for a whole request, 1 to 3600 (default 30)."),
        ("theme", "name", "The planner's theme: default, mono, light, or a file in the themes directory (see THEMES)."),
        ("cache_ttl", "age", "How long a cached answer is used without asking the server: 30s, 5m, 2h, or seconds (default 5m)."),
        ("attendee_tz", "address=zone", "Someone's own time zone, for their working day in avail slots (repeatable)."),
        ("ca_file", "path", "A PEM file of CA certificates to trust besides the system's (a private CA)."),
        ("fburl", "template", "Published free/busy (a GET), for people the outbox does not know or a server without scheduling; {email} {user} {domain} {start} {end} are filled in."),
        ("fburl_for", "address URL", "One person's published free/busy URL (repeatable)."),
        ("group", "name: address, ...", "A name that stands for several attendees wherever an attendee can be named (repeatable)."),
        ("room", "Name <address> [capacity N]", "A room avail may book: slots --room, book --room and who --rooms know it by name or address (repeatable)."),
        ("rooms", "name: room, ...", "A group of rooms, by name or address, for slots --rooms (repeatable)."),
        ("domains", "domain, ...", "Attendees at these mail domains (and their subdomains) are asked on this account only (in an [account NAME] section, or above them for the account named default)."),
        ("clipboard", "osc52|tmux-passthrough|off", "How the planner's y puts text on the clipboard: osc52 (default) writes the OSC 52 escape, which most terminals take, and tmux 3.3 or later with set-clipboard on; tmux-passthrough wraps it for a tmux with allow-passthrough on instead; off never writes it. Off by itself where TERM is dumb, linux or unset, and in the accessible mode unless set here or in AVAIL_CLIPBOARD."),
        ("originator_headers", "yes|no|auto", "Send the draft-era Originator and Recipient headers on the free/busy POST (auto: when the server announces calendar-schedule without calendar-auto-schedule)."),
    ]
}
