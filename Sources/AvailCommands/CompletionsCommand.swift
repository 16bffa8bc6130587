/// `avail completions bash|zsh|fish`: prints the shell's completion script.
struct CompletionsCommand: CLICommand {
    static let spec = CommandSpec(
        name: "completions",
        abstract: "Print the Tab-completion script for bash, zsh or fish.",
        discussion: """
        Completes subcommands, options and their values (formats, themes, time
        zones, durations), and attendees from the config's groups and the ones
        you used before. `make install` puts the scripts where each shell looks;
        to try one in the running shell:

          source <(avail completions bash)
          source <(avail completions zsh)      (after compinit)
          avail completions fish | source
        """,
        positional: "shell", positionalHelp: "bash, zsh or fish.", maxPositionals: 1
    )

    var script: CompletionScript

    init(_ a: ParsedArguments) throws(CommandFailure) {
        let names = CompletionScript.allCases.map(\.rawValue)
        guard let name = a.positionals.first else {
            throw CommandFailure(usage: "name the shell: \(names.joined(separator: ", "))")
        }
        guard let s = CompletionScript(rawValue: name) else {
            throw CommandFailure(usage: "no completions for \(name.debugDescription): give one of \(names.joined(separator: ", "))")
        }
        script = s
    }

    func run() async throws {
        try write(script.text)
    }
}
