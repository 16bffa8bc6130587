/// The scripts `avail completions SHELL` prints. Each one only asks avail:
/// `avail __complete SHELL WORD...` answers from the command specification
/// (ShellCompletion), so the scripts never need regenerating when a command
/// or option is added.
enum CompletionScript: String, CaseIterable {
    case bash, zsh, fish

    var text: String {
        switch self {
        case .bash: return Self.bashScript
        case .zsh: return Self.zshScript
        case .fish: return Self.fishScript
        }
    }

    /// Where `make install` puts it, below the prefix.
    var installPath: String {
        switch self {
        case .bash: return "share/bash-completion/completions/avail"
        case .zsh: return "share/zsh/vendor-completions/_avail"
        case .fish: return "share/fish/vendor_completions.d/avail.fish"
        }
    }

    private static let bashScript = """
    # bash completion for avail                      -*- shell-script -*-
    # Written by `avail completions bash`; the candidates come from
    # `avail __complete`, which reads only local files.
    _avail() {
        local IFS=$'\\n' cur=${COMP_WORDS[COMP_CWORD]}
        local -a reply
        reply=($(command avail __complete bash "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
        if [[ ${reply[0]} == :files ]]; then
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur"))
            return
        fi
        COMPREPLY=("${reply[@]}")
        # An area of zones (Europe/) is not a whole word yet: no space after it.
        if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]]; then
            compopt -o nospace 2>/dev/null
        fi
    }
    complete -F _avail avail

    """

    private static let zshScript = """
    #compdef avail
    # zsh completion for avail
    # Written by `avail completions zsh`; the candidates come from
    # `avail __complete`, which reads only local files.
    _avail() {
        local -a reply areas others
        reply=("${(@f)$(command avail __complete zsh "${(@)words[2,CURRENT]}" 2>/dev/null)}")
        reply=(${reply:#})
        if [[ ${reply[1]} == :files ]]; then
            _files
            return
        fi
        # An area of zones (Europe/) is not a whole word yet: no space after it.
        areas=(${(M)reply:#*/})
        others=(${reply:#*/})
        (( ${#areas} )) && _describe -t zones 'time zone' areas -S ''
        (( ${#others} )) && _describe -t values 'avail' others
        return 0
    }
    if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
        _avail "$@"
    else
        compdef _avail avail
    fi

    """

    private static let fishScript = """
    # fish completion for avail
    # Written by `avail completions fish`; the candidates come from
    # `avail __complete`, which reads only local files.
    function __avail_complete
        # fish 4 deprecates `commandline -o` for -x (tokens expanded); fish 3
        # has no -x and fails on it, so -o stays as the fallback.
        set -l words
        if commandline -x >/dev/null 2>&1
            set words (commandline -xpc)
        else
            set words (commandline -opc)
        end
        set -l current (commandline -ct)
        set -l reply (command avail __complete fish $words[2..-1] "$current" 2>/dev/null)
        if test "$reply[1]" = ":files"
            __fish_complete_path "$current"
            return
        end
        printf '%s\\n' $reply
    end
    complete -c avail -f -a '(__avail_complete)'

    """
}
