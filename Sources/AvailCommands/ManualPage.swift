import Planner
import Scheduling

/// avail(1) and avail-config(5), written from the same command specifications
/// `--help` prints, the config's key list, the theme roles and the key table:
/// the manual cannot describe an option the program does not have, or miss
/// one it has. `avail __man 1|5` prints them (`make install` runs it).
enum ManualPage {
    /// The environment avail reads (a test checks that every variable the
    /// sources read is here).
    static let environment: [(name: String, help: String)] = [
        ("AVAIL_URL", "The server's URL; wins over the config's url. Set but empty counts as unset."),
        ("AVAIL_USER", "The user name; wins over the config's user."),
        ("AVAIL_PASSWORD", "The password; wins over the config's password and password_command."),
        ("AVAIL_ACCOUNT", "The config's [account NAME] to use, as --account does (which wins). Set but empty counts as unset."),
        ("AVAIL_DEBUG", "A file to write a trace of every request and answer to, as --debug does (credentials redacted)."),
        ("AVAIL_ACCESSIBLE", "1 starts the planner in its accessible mode, as --accessible does (letters for glyphs, answers announced)."),
        ("AVAIL_CLIPBOARD", "osc52, tmux-passthrough or off: how the planner's y reaches the clipboard; wins over the config's clipboard."),
        ("TERM", "The terminal's type: dumb, linux or none turns the planner's clipboard (OSC 52) off."),
        ("XDG_CONFIG_HOME", "Where the config, themes and keys file are (default ~/.config)."),
        ("XDG_CACHE_HOME", "Where the cache is (default ~/.cache)."),
        ("HOME", "The home directory (else the password database's)."),
        ("TZ", "The display time zone (default the system's, /etc/localtime)."),
        ("TZDIR", "Where the zoneinfo files are (default /usr/share/zoneinfo)."),
        ("NO_COLOR", "When set and not empty, the planner uses the mono theme."),
        ("PATH", "Where avail setup looks for pass and secret-tool, to suggest a password_command."),
    ]

    static let files: [(path: String, help: String)] = [
        ("$XDG_CONFIG_HOME/avail/config", "The account and settings; see avail-config(5)."),
        ("$XDG_CONFIG_HOME/avail/themes/NAME", "Your themes; a file named as a built-in theme changes it line by line."),
        ("$XDG_CONFIG_HOME/avail/keys", "Your planner keys; see avail-config(5)."),
        ("$XDG_CACHE_HOME/avail/", "The cache of free/busy answers, one directory per account; see avail cache."),
        ("$XDG_CACHE_HOME/avail/ACCOUNT/recent-attendees", "The attendees you used, most recent first (the planner's and the completions' suggestions)."),
        ("PREFIX/share/avail/themes/", "Copies of the built-in themes, to start your own from (avail has them built in)."),
    ]

    static var version: String { "avail " + AvailVersion.string }

    // MARK: avail(1)

    static var avail: String {
        var r = Roff()
        r.raw(".\\\" avail(1): written by `avail __man 1` from the command specifications; do not edit.\n")
        r.request("TH", "AVAIL", "1", "", version, "User Commands")
        r.request("SH", "NAME")
        r.raw("avail \\- see when people are free, from the terminal, over CalDAV scheduling\n")
        r.request("SH", "SYNOPSIS")
        r.raw(".B avail\n.RI [ options ] \" \" [ attendee \" ...]\"\n.br\n")
        for c in AvailMain.commands {
            r.raw(".B avail\n" + synopsisTail(c.spec) + "\n.br\n")
        }
        r.raw(".B avail\n.B \\-\\-version\n")
        r.request("SH", "DESCRIPTION")
        r.paragraph("""
        avail asks your CalDAV server for the free/busy time of the people you name
        (an RFC 6638 free/busy request to your schedule outbox) and shows it: in a
        keyboard-driven planner, or as text, JSON or iCalendar for scripts. It finds
        free slots for everyone and books the meeting.
        """)
        r.paragraph("""
        The account comes from AVAIL_URL, AVAIL_USER and AVAIL_PASSWORD, or from the
        config file (avail-config(5)). Without a command, avail opens the planner
        (avail tui) with the attendees named.
        """)
        r.request("SH", "COMMANDS")
        for c in AvailMain.commands {
            let spec = c.spec
            r.raw(".SS \"avail " + Roff.escaped(spec.name) + (c == Plan.self ? " (default)" : "") + "\"\n")
            r.line(spec.abstract)
            if !spec.discussion.isEmpty { r.discussion(spec.discussion) }
            if let p = spec.positional {
                r.tagged("<\(p)>", spec.positionalHelp, boldTag: false)
            }
            for o in spec.options {
                r.raw(".TP\n" + optionTag(o) + "\n")
                r.line(o.help + (o.repeatable ? " (repeatable)" : ""))
            }
            r.raw(".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n")
            r.line("Show this command's help.")
        }
        r.request("SS", "avail help [command], avail --help, avail --version")
        r.line("The overview, a command's help, avail's version.")
        r.request("SH", "EXIT STATUS")
        for (code, meaning) in ExitStatus.table {
            r.tagged(String(code), plain(meaning))
        }
        r.request("SH", "ENVIRONMENT")
        for (name, help) in environment { r.tagged(name, help) }
        r.request("SH", "FILES")
        for (path, help) in files { r.tagged(path, help, boldTag: false) }
        r.request("SH", "EXAMPLES")
        r.verbatim([
            "avail bob@example.com carol@example.com",
            "avail query --from 2026-12-07 --days 5 --format json bob@example.com",
            "avail slots --duration 1h bob@example.com carol@example.com",
            "avail book --at 2026-12-08T15:00 --duration 1h --title Planning bob@example.com",
            "source <(avail completions bash)",
        ])
        r.request("SH", "SEE ALSO")
        r.raw(".BR avail-config (5)\n")
        return r.text
    }

    /// `[--from date] ... [attendee ...]` for the synopsis.
    private static func synopsisTail(_ spec: CommandSpec) -> String {
        var parts = [".B " + Roff.escaped(spec.name)]
        if !spec.options.isEmpty { parts.append(".RI [ options ]") }
        if let p = spec.positional {
            parts.append(spec.maxPositionals == 1 ? ".RI [ \(Roff.escaped(p)) ]" : ".RI [ \(Roff.escaped(p)) \" ...]\"")
        }
        return parts.joined(separator: "\n")
    }

    /// `\fB--from\fR \fIdate\fR`
    static func optionTag(_ o: OptionSpec) -> String {
        "\\fB" + Roff.escaped("--" + o.name) + "\\fR" + (o.value.map { " \\fI" + Roff.escaped($0) + "\\fR" } ?? "")
    }

    /// Markdown's code marks dropped: the tables are shared with the README.
    static func plain(_ s: String) -> String { String(s.filter { $0 != "`" }) }

    // MARK: avail-config(5)

    static var config: String {
        var r = Roff()
        r.raw(".\\\" avail-config(5): written by `avail __man 5` from the config's keys, theme roles and key table; do not edit.\n")
        r.request("TH", "AVAIL-CONFIG", "5", "", version, "File Formats")
        r.request("SH", "NAME")
        r.raw("avail-config \\- avail's config file, themes and keys file\n")
        r.request("SH", "SYNOPSIS")
        r.verbatim(["$XDG_CONFIG_HOME/avail/config", "$XDG_CONFIG_HOME/avail/themes/NAME", "$XDG_CONFIG_HOME/avail/keys"])
        r.request("SH", "DESCRIPTION")
        r.paragraph("""
        XDG_CONFIG_HOME is ~/.config when unset. The config holds avail's account and
        settings; --config PATH reads another file. AVAIL_URL, AVAIL_USER and
        AVAIL_PASSWORD win over the file; a variable that is set but empty counts as unset.
        """)
        r.paragraph("""
        One setting a line, key = value. A # at the start of a line, or after a space
        or tab, starts a comment; a # inside a word stays, and a value in double quotes
        keeps everything between them. An unknown key, a malformed line or an unclosed
        quote is an error naming the file and line (exit 2). A config holding a
        password that others can read, or a config that belongs to another user than
        you or root, is refused.
        """)
        r.request("SH", "SETTINGS")
        for (key, value, help) in ConfigurationKeyHelp.table {
            r.raw(".TP\n\\fB" + Roff.escaped(key) + "\\fR = \\fI" + Roff.escaped(value) + "\\fR\n")
            r.line(help)
        }
        r.request("SH", "ACCOUNTS")
        r.paragraph("""
        Several accounts (a work server and a personal one) are [account NAME] sections
        after the settings for all of them. The lines above the first section keep
        meaning what they mean in a config without sections; with a url they are the
        account named default. A section may set url, user, password, password_command,
        password_command_timeout, organizer, auth, insecure, connect_timeout, timeout,
        ca_file, fburl, fburl_for, originator_headers and domains; it starts from the
        connection settings above it, never from their url, user, password, organizer or
        domains. Every section needs a url.
        """)
        r.paragraph("""
        --account NAME (or AVAIL_ACCOUNT) picks the account for commands that act on
        one (book, meetings, move, cancel, invite, uninvite, hours, discover, who,
        cache clear); the default is the first. query, slots and tui without --account ask
        each attendee on the account that knows them: the accounts whose domains list
        the attendee's domain, only those; else each account in turn until one answers
        2.0 (3.7, 3.8 or 5.x sends the question on to the next), those that answered for
        this person before first. Your own address is asked on every account and the
        busy time merged. The status column, the text output and the JSON account field
        name the account that answered; each account keeps its own cache.
        """)
        r.paragraph("""
        An account that fails while others answer is a note in the output and one line on
        stderr (avail: warning: account NAME (SERVER): ...); the exit status is 0 when the
        others answered for everyone it was asked about, else that of a failed refresh.
        The planner's b and book without --account check everyone's time the way the grid
        asks it and store the meeting through the first account. discover without --account
        shows every account, each in a block of its own (see discover in avail(1)).
        """)
        r.request("SH", "EXAMPLE")
        r.verbatim([
            "# avail account",
            "url = https://cal.example.com/",
            "user = alice",
            "password_command = pass show caldav/alice",
            "group = team: alice@example.com, bob@example.com",
            "attendee_tz = bob@example.com=America/New_York",
            "",
            "[account home]",
            "url = https://dav.home.example/",
            "user = alice",
            "password_command = pass show dav/home",
            "domains = family.example",
        ])
        r.request("SH", "THEMES")
        r.paragraph("""
        The planner's colours. Built in: \(Theme.builtIn.keys.sorted().joined(separator: ", ")). A file
        $XDG_CONFIG_HOME/avail/themes/NAME is the theme NAME (theme = NAME, --theme NAME);
        named as a built-in theme it changes that one line by line. One setting a line:
        """)
        r.verbatim(["role = foreground background [attribute ...]"])
        r.paragraph("Roles: " + StyleRole.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        r.paragraph("Colours: default, black, red, green, yellow, blue, magenta, cyan, white, color0 to color255.")
        r.paragraph("Attributes: bold, dim, underline, reverse, standout.")
        r.paragraph("""
        A bad line is reported with the file and line in the planner's status line, and
        the rest still loads. NO_COLOR selects mono.
        """)
        r.request("SH", "KEYS FILE")
        r.paragraph("""
        $XDG_CONFIG_HOME/avail/keys changes the planner's keys, one setting a line;
        # starts a comment as in the config:
        """)
        r.verbatim(["bind ACTION KEY ...", "unbind KEY ..."])
        r.paragraph("""
        bind gives the action these keys instead of its default ones (a second bind for
        the same action adds more); unbind takes the keys from whatever action has them.
        Key names: a character (case counts), C-a to C-z, and Up, Down, Left, Right,
        PageUp, PageDown, Home, End, Tab, Enter, Esc, Backspace, Delete, Space, Hash.
        A key bound to two actions is an error naming both; a bad line is reported with
        the file and line, and the rest applies. C-c always quits and C-z suspends.
        Digits not bound to an action are counts for the movement keys (4l, 3L).
        The actions, with their default keys:
        """)
        for row in KeyTable.rows {
            let keys = (row.keys + row.unlisted).map(\.name).joined(separator: " ")
            r.raw(".TP\n\\fB" + Roff.escaped(row.action.rawValue) + "\\fR  " + Roff.escaped(keys) + "\n")
            r.line(row.help)
        }
        r.request("SH", "SEE ALSO")
        r.raw(".BR avail (1)\n")
        return r.text
    }
}

