import Foundation
import Testing

/// `make install`, `make uninstall` and `make deb`, run by the Makefile itself
/// with BIN pointing at the binary under test (so nothing is rebuilt).
@Suite(.serialized) struct InstallTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let installed: [(path: String, mode: Int)] = [
        ("bin/avail", 0o755), ("share/man/man1/avail.1", 0o644), ("share/man/man5/avail-config.5", 0o644),
        ("share/bash-completion/completions/avail", 0o644), ("share/zsh/vendor-completions/_avail", 0o644),
        ("share/fish/vendor_completions.d/avail.fish", 0o644),
        ("share/avail/themes/default", 0o644), ("share/avail/themes/light", 0o644), ("share/avail/themes/mono", 0o644),
    ]

    func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-install-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func make(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let bin = try LocalServers.availBinary().path
        let env = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8"]
        return try spawn(["/usr/bin/make", "-s", "--no-print-directory", "-C", Self.repository] + arguments + ["BIN=" + bin],
                         environment: env, timeout: 120)
    }

    func run(_ arguments: [String]) throws -> String {
        let r = try spawn(arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()])
        return r.stdout
    }

    @Test func installPutsEachFileWhereItsReaderLooksAndUninstallRemovesThem() throws {
        let dest = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dest) }
        let prefix = dest + "/usr/local"
        let install = try make(["install", "PREFIX=/usr/local", "DESTDIR=" + dest])
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        for (path, mode) in Self.installed {
            let attributes = try? FileManager.default.attributesOfItem(atPath: prefix + "/" + path)
            #expect((attributes?[.posixPermissions] as? Int) == mode, "\(path): \(String(describing: attributes?[.posixPermissions]))")
        }
        // What was installed is what the binary writes, and themes are the repository's.
        let bin = prefix + "/bin/avail"
        #expect(try String(contentsOfFile: prefix + "/share/man/man1/avail.1", encoding: .utf8) == run([bin, "__man", "1"]))
        #expect(try String(contentsOfFile: prefix + "/share/man/man5/avail-config.5", encoding: .utf8) == run([bin, "__man", "5"]))
        for (shell, path) in [("bash", "share/bash-completion/completions/avail"), ("zsh", "share/zsh/vendor-completions/_avail"),
                              ("fish", "share/fish/vendor_completions.d/avail.fish")] {
            #expect(try String(contentsOfFile: prefix + "/" + path, encoding: .utf8) == run([bin, "completions", shell]), "\(shell)")
        }
        #expect(try String(contentsOfFile: prefix + "/share/avail/themes/mono", encoding: .utf8)
                == String(contentsOfFile: Self.repository + "/themes/mono", encoding: .utf8))
        // man finds and formats the page by its path.
        let man = try spawn(["/usr/bin/man", "-l", "-P", "cat", prefix + "/share/man/man1/avail.1"],
                            environment: ["PATH": "/usr/bin:/bin", "MANWIDTH": "80", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()])
        #expect(man.status == 0 && man.stdout.contains("EXIT STATUS") && man.stdout.contains("--format"), "\(man.stdout.prefix(300))\(man.stderr)")

        let uninstall = try make(["uninstall", "PREFIX=/usr/local", "DESTDIR=" + dest])
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        for (path, _) in Self.installed {
            #expect(!FileManager.default.fileExists(atPath: prefix + "/" + path), "\(path) is still there")
        }
        #expect(!FileManager.default.fileExists(atPath: prefix + "/share/avail"))
    }

    /// The issue's "done when": `make install PREFIX=$HOME/.local` on its own
    /// gives `man avail` (man-db finds ../share/man from PATH) and Tab in bash
    /// (bash-completion loads ~/.local/share/bash-completion/completions/avail
    /// on the first Tab).
    @Test func aHomeInstallGivesManAndTabInBash() throws {
        let home = try scratch()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let install = try make(["install", "PREFIX=" + home + "/.local"])
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        let env = ["HOME": home, "PATH": home + "/.local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"]
        let loader = "/usr/share/bash-completion/bash_completion"
        #expect(FileManager.default.fileExists(atPath: loader), "bash-completion is not installed: run `make deps`")
        let bash = try spawn(["/bin/bash", "--norc", "--noprofile", "-c",
                              "source \(loader); __load_completion avail && complete -p avail; COMP_WORDS=(avail qu); COMP_CWORD=1; _avail; echo \"${COMPREPLY[*]}\""],
                             environment: env, timeout: 30)
        #expect(bash.stdout == "complete -F _avail avail\nquery\n", "\(bash.stdout)\(bash.stderr)")
        for (page, path) in [("avail", "/.local/share/man/man1/avail.1"), ("avail-config", "/.local/share/man/man5/avail-config.5")] {
            let man = try spawn(["/usr/bin/man", "-w", page], environment: env)
            #expect(man.stdout == home + path + "\n", "man -w \(page): \(man.stdout)\(man.stderr)")
        }
    }

    /// `make deb` with the binary under test; the package goes into a scratch
    /// root with dpkg --root (its own database), runs from there, and leaves
    /// again with dpkg --remove.
    @Test func theDebianPackageInstallsRunsAndRemoves() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bin = try LocalServers.availBinary().path
        let version = try run([bin, "--version"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let arch = try run(["/usr/bin/dpkg", "--print-architecture"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // Light compression: the debug binary is large, and xz would take
        // seconds of CPU from the timing tests running beside this one.
        let built = try make(["deb", "DEB_DIR=" + dir, "DEB_FLAGS=-Zgzip -z1"])
        #expect(built.status == 0, "\(built.stdout)\(built.stderr)")
        let deb = dir + "/avail_\(version)_\(arch).deb"
        #expect(built.stdout.hasSuffix(deb + "\n"), "\(built.stdout)")
        #expect(FileManager.default.fileExists(atPath: deb))

        let depends = try run(["/usr/bin/dpkg-deb", "-f", deb, "Depends"])
        for package in ["libcurl", "libxml2", "libncursesw6", "libc6"] {
            #expect(depends.contains(package), "Depends: \(depends)")
        }
        let contents = try run(["/usr/bin/dpkg-deb", "-c", deb])
        for path in ["./usr/bin/avail", "./usr/share/man/man1/avail.1.gz", "./usr/share/man/man5/avail-config.5.gz",
                     "./usr/share/bash-completion/completions/avail", "./usr/share/zsh/vendor-completions/_avail"] {
            #expect(contents.contains(path), "\(path) not in the package:\n\(contents)")
        }
        #expect(contents.contains("root/root"), "files belong to root: \(contents.prefix(200))")
        // Debian policy §12.5: a machine-readable copyright file (DEP-5), and a changelog.Debian.
        for path in ["./usr/share/doc/avail/copyright", "./usr/share/doc/avail/changelog.Debian.gz"] {
            #expect(contents.contains(path), "\(path) not in the package")
        }

        let root = dir + "/root"
        for d in ["var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"] {
            try FileManager.default.createDirectory(atPath: root + "/" + d, withIntermediateDirectories: true)
        }
        for f in ["var/lib/dpkg/status", "var/lib/dpkg/available"] {
            #expect(FileManager.default.createFile(atPath: root + "/" + f, contents: Data()))
        }
        // The scratch database knows none of the libraries: they are this machine's.
        let dpkgEnv = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": NSTemporaryDirectory()]
        let installed = try spawn(["/usr/bin/dpkg", "--root=" + root, "--force-depends", "--force-script-chrootless", "--force-not-root",
                                   "--install", deb], environment: dpkgEnv, mergeStandardError: true, timeout: 120)
        #expect(installed.status == 0, "\(installed.stdout)")
        let copyright = try String(contentsOfFile: root + "/usr/share/doc/avail/copyright", encoding: .utf8)
        let paragraphs = copyright.components(separatedBy: "\n\n")
        #expect(paragraphs.first?.hasPrefix("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: avail\nSource: ") == true,
                "\(copyright)")
        #expect(paragraphs.count == 2 && paragraphs[1].hasPrefix("Files: *\nCopyright: the avail authors\nLicense: unspecified\n "), "\(copyright)")
        #expect(copyright.contains("The upstream states no license yet."))
        let changelog = try run(["/bin/sh", "-c", "gzip -dc '\(root)/usr/share/doc/avail/changelog.Debian.gz'"])
        #expect(changelog.hasPrefix("avail (\(version)) unstable; urgency=medium\n"), "\(changelog)")
        #expect(changelog.range(of: #"\n -- .+ <.+>  \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000\n$"#, options: .regularExpression) != nil, "\(changelog)")
        let runs = try spawn([root + "/usr/bin/avail", "--version"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(runs.status == 0 && runs.stdout == version + "\n", "\(runs.stdout)\(runs.stderr)")
        let man = try spawn(["/usr/bin/man", "-l", "-P", "cat", root + "/usr/share/man/man1/avail.1.gz"],
                            environment: ["PATH": "/usr/bin:/bin", "MANWIDTH": "80", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory()])
        #expect(man.stdout.contains("EXIT STATUS"), "\(man.stdout.prefix(300))\(man.stderr)")
        let removed = try spawn(["/usr/bin/dpkg", "--root=" + root, "--force-script-chrootless", "--force-not-root", "--remove", "avail"],
                                environment: dpkgEnv, mergeStandardError: true, timeout: 120)
        #expect(removed.status == 0, "\(removed.stdout)")
        #expect(!FileManager.default.fileExists(atPath: root + "/usr/bin/avail"))
    }
}
