/// Commands for avail's own tooling, not for people, so not in the help:
/// `avail __complete SHELL WORD...` (the completion scripts call it on every
/// Tab) and `avail __man 1|5` (`make install` writes the man pages with it).
/// They are looked at before anything else runs, to keep a Tab fast.
enum HiddenEntryPoint {
    /// The exit code when `arguments` name a hidden command, else nil.
    static func run(_ arguments: [String], environment: [String: String]) -> Int32? {
        switch arguments.first {
        case "__complete":
            // The config it reads may hold a password.
            SecretProtection.disableCoreDumps()
            return ShellCompletion.run(Array(arguments.dropFirst()), environment: environment)
        case "__man":
            let page: String
            switch arguments.dropFirst().first {
            case "1": page = ManualPage.avail
            case "5": page = ManualPage.config
            default:
                writeStandardError("avail: __man takes the section: 1 (avail) or 5 (avail-config)\n")
                return 2
            }
            return (try? write(page)) == nil ? CommandFailure.outputFailed : 0
        default:
            return nil
        }
    }
}
