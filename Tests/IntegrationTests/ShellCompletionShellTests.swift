import Foundation
import Testing

/// The scripts of `avail completions` in the real shells (bash, zsh through
/// zpty, fish's `complete -C`), with `avail` on PATH as after `make install`,
/// a config with a group, and attendees used before (from a real
/// `avail query --offline`). A shell that is not installed fails the test:
/// `make deps` installs bash's, zsh and fish.
@Suite struct ShellCompletionShellTests {
    /// A home with avail on PATH, a config and two recent attendees.
    struct Home {
        let root: String
        let environment: [String: String]

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("avail-shell-\(UUID().uuidString)").path
            let bin = try LocalServers.availBinary().path
            for dir in ["/bin", "/home", "/config/avail"] {
                try FileManager.default.createDirectory(atPath: root + dir, withIntermediateDirectories: true)
            }
            chmod(root, 0o700)
            try FileManager.default.createSymbolicLink(atPath: root + "/bin/avail", withDestinationPath: bin)
            // No password: completion never needs one, and query --offline neither.
            try "url = https://cal.example.com/\nuser = alice\ngroup = team: bob@example.com, carol@example.com\n"
                .write(toFile: root + "/config/avail/config", atomically: false, encoding: .utf8)
            environment = ["PATH": root + "/bin:/usr/bin:/bin", "HOME": root + "/home", "XDG_CONFIG_HOME": root + "/config",
                           "XDG_CACHE_HOME": root + "/cache", "TZ": "UTC", "LANG": "C.UTF-8", "TERM": "xterm"]
            let seeded = try spawn([bin, "query", "--offline", "dave@example.com", "erin@example.com"], environment: environment)
            guard seeded.status == 0 else { throw Failure(what: "avail query --offline: \(seeded.stderr)") }
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        func script(_ shell: String) throws -> String {
            let path = root + "/avail." + shell
            let r = try spawn([root + "/bin/avail", "completions", shell], environment: environment)
            guard r.status == 0 else { throw Failure(what: "avail completions \(shell): \(r.stderr)") }
            try r.stdout.write(toFile: path, atomically: false, encoding: .utf8)
            return path
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var what: String
        var description: String { what }
    }

    func shell(_ name: String) throws -> String {
        let found = ["/usr/bin/" + name, "/bin/" + name].first { FileManager.default.isExecutableFile(atPath: $0) }
        return try #require(found, "\(name) is not installed: run `make deps` (it installs zsh and fish)")
    }

    @Test func bashCompletesCommandsOptionsValuesAndAttendees() throws {
        let bash = try shell("bash")
        let home = try Home()
        defer { home.remove() }
        let script = try home.script("bash")
        // What bash does on Tab: COMP_WORDS split at its word breaks, then _avail.
        let driver = """
        source \(script)
        complete -p avail
        c() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _avail; echo "$*=>${COMPREPLY[*]}"; }
        c avail qu
        c avail query --for
        c avail query --format ''
        c avail query --format = j
        c avail query da
        c avail query t
        c avail slots --tz Europe/Berl
        c avail cache ''
        """
        let r = try spawn([bash, "--norc", "--noprofile", "-c", driver], environment: home.environment, timeout: 30)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.components(separatedBy: "\n")
        #expect(lines.first == "complete -F _avail avail")
        for expected in ["avail qu=>query", "avail query --for=>--format", "avail query --format =>text json ics",
                         "avail query --format = j=>json", "avail query da=>dave@example.com", "avail query t=>team",
                         "avail slots --tz Europe/Berl=>Europe/Berlin", "avail cache =>clear"] {
            #expect(lines.contains(expected), "bash: no \(expected.debugDescription) in\n\(r.stdout)\(r.stderr)")
        }
        // compgen's own file completion takes over for a path.
        let files = try spawn([bash, "--norc", "--noprofile", "-c", "source \(script); cd \(home.root); COMP_WORDS=(avail query --config con); COMP_CWORD=3; _avail; echo \"${COMPREPLY[*]}\""],
                              environment: home.environment, timeout: 30)
        #expect(files.stdout == "config\n", "\(files.stdout)\(files.stderr)")
    }

    /// zsh's real completion system (compinit) in a pty: Tab, then the line is
    /// printed back with the completion in it. The script autoloaded from fpath
    /// (as installed) and sourced after compinit (as the README shows).
    @Test(arguments: ["fpath", "source"])
    func zshCompletesOnTab(loaded: String) throws {
        let zsh = try shell("zsh")
        let home = try Home()
        defer { home.remove() }
        let functions = home.root + "/zfunc"
        try FileManager.default.createDirectory(atPath: functions, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: try home.script("zsh"), toPath: functions + "/_avail")
        let cases = ["avail qu", "avail query --for", "avail query --format j", "avail query da", "avail slots --tz Europe/Berl", "avail --theme mo"]
        // DONE""- on the line reads DONE- when printed: the pattern matches the
        // command's output, not the echo of the line being typed.
        var driver = """
        zmodload zsh/zpty
        zpty z "zsh -f -i"
        zpty -w z "PS1='%% '; \(loaded == "fpath" ? "fpath=(\(functions) \\$fpath); " : "")autoload -Uz compinit; compinit -u -D\(loaded == "source" ? "; source \(functions)/_avail" : "")"

        """
        for c in cases {
            driver += """
            zpty -w -n z $'\(c)\\t\\x01print -r -- DONE""- \\n'
            zpty -r z out '*DONE-*'$'\\n'
            print -r -- ${${(M)${(f)out}:#DONE-*}%$'\\r'}

            """
        }
        driver += "zpty -d z\n"
        let r = try spawn([zsh, "-f", "-c", driver], environment: home.environment, timeout: 30)
        #expect(r.status == 0, "\(r.stderr)")
        for expected in ["DONE- avail query", "DONE- avail query --format", "DONE- avail query --format json",
                         "DONE- avail query dave@example.com", "DONE- avail slots --tz Europe/Berlin", "DONE- avail --theme mono"] {
            #expect(r.stdout.components(separatedBy: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == expected },
                    "zsh: no \(expected.debugDescription) in\n\(r.stdout)\(r.stderr)")
        }
    }

    @Test func fishCompletesWithCompleteC() throws {
        let fish = try shell("fish")
        let home = try Home()
        defer { home.remove() }
        let script = try home.script("fish")
        func complete(_ line: String) throws -> [String] {
            let r = try spawn([fish, "--no-config", "-c", "source \(script); complete -C '\(line)'"], environment: home.environment, timeout: 30)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
        }
        #expect(try complete("avail qu") == ["query"])
        #expect(try complete("avail query --for") == ["--format"])
        #expect(try Set(complete("avail query --format ")) == ["text", "json", "ics"])
        #expect(try complete("avail query da") == ["dave@example.com"])
        #expect(try complete("avail query t") == ["team"])
        #expect(try complete("avail slots --tz Europe/Berl") == ["Europe/Berlin"])
        #expect(try complete("avail book --duration 1h") == ["1h", "1h30m"])
        // fish 4 (`commandline -x`) is stood in for by a wrapper that takes -x
        // as fish 4 does (as -o here): the script uses it, and completes the same.
        let fish4 = "function commandline; set -l args (string replace -r -- '^-x' '-o' $argv); "
            + "if test \"$args\" != \"$argv\"; set -g __avail_saw_x 1; end; builtin commandline $args; end; "
        let r = try spawn([fish, "--no-config", "-c", fish4 + "source \(script); complete -C 'avail query --for'; echo SAW_X=$__avail_saw_x"],
                          environment: home.environment, timeout: 30)
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("--format") && r.stdout.contains("SAW_X=1\n"), "\(r.stdout)")
        // fish 3.6 itself: no -x, the -o fallback, and nothing said on stderr.
        let plain = try spawn([fish, "--no-config", "-c", "source \(script); complete -C 'avail qu'"], environment: home.environment, timeout: 30)
        #expect(plain.stdout.hasPrefix("query") && plain.stdout.split(separator: "\n").count == 1 && plain.stderr.isEmpty,
                "\(plain.stdout)\(plain.stderr)")
    }

    /// A Tab is a process start: it must not load libcurl (ld.so's own
    /// account of what it opened, dlopen included) or reach for the network.
    @Test func theHiddenEntryPointLoadsNoLibcurl() throws {
        let home = try Home()
        defer { home.remove() }
        var env = home.environment
        env["LD_DEBUG"] = "files"
        let r = try spawn([home.root + "/bin/avail", "__complete", "bash", "query", ""], environment: env)
        #expect(r.status == 0)
        #expect(r.stdout.contains("dave@example.com"))
        #expect(r.stderr.contains("libc.so.6"), "LD_DEBUG shows what was loaded: \(r.stderr.prefix(500))")
        #expect(!r.stderr.contains("libcurl"), "libcurl was loaded for a completion")
        // The same check sees libcurl when a request is made.
        let request = try spawn([home.root + "/bin/avail", "query", "--timeout", "1", "bob@example.com"],
                                environment: env.merging(["AVAIL_URL": "http://127.0.0.1:9/"]) { $1 })
        #expect(request.stderr.contains("libcurl"))
    }

    /// The debug build, on a loaded machine: a loose bound that still fails if
    /// a Tab starts doing real work (the release build's time is in the README).
    @Test func aTabIsQuick() throws {
        let home = try Home()
        defer { home.remove() }
        var times: [Double] = []
        for _ in 0..<10 {
            let start = Date()
            let r = try spawn([home.root + "/bin/avail", "__complete", "bash", "slots", "--tz", "Europe/"], environment: home.environment)
            times.append(Date().timeIntervalSince(start))
            #expect(r.stdout.contains("Europe/Berlin\n"))
        }
        let median = times.sorted()[times.count / 2]
        #expect(median < 0.25, "median \(Int(median * 1000)) ms")
    }
}
