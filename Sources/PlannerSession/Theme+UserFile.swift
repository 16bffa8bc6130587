import Planner
import TextUtilities

extension Theme {
    /// The theme `requested`: a user theme file ($XDG_CONFIG_HOME/avail/themes/NAME)
    /// wins over the built-in one of the same name; NO_COLOR picks mono. What
    /// went wrong comes back as problems (file:line), never as a failure.
    public static func load(named requested: String, environment env: [String: String], home: String) -> (Theme, [Theme.Problem]) {
        let name = !(env["NO_COLOR"] ?? "").isEmpty ? "mono" : requested
        let fallback = Theme.builtIn("default") ?? Theme(name: "default", styles: [:])
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
            return (fallback, [Theme.Problem(file: name, line: 0, message: "a theme is named, not a path; using default")])
        }
        let base: String
        if let x = env["XDG_CONFIG_HOME"], !x.isEmpty { base = x } else { base = (env["HOME"] ?? home) + "/.config" }
        let userFile = base + "/avail/themes/" + name
        var theme = Theme.builtIn(name) ?? fallback
        var problems: [Theme.Problem] = []
        do throws(OutsideFile.Refusal) {
            // OutsideFile: a FIFO in the theme's place must not hang the start.
            let file = try OutsideFile.read(userFile, limit: 256 * 1024, owners: .userOrRoot, followSymbolicLinks: true)
            let (user, p) = Theme.parse(file.text, name: name, file: userFile)
            theme.styles.merge(user.styles) { $1 }
            theme.name = name
            problems = p
        } catch .absent {
            if Theme.builtIn[name] == nil {
                problems = [Theme.Problem(file: userFile, line: 0, message: "no theme named \(name); using default")]
            }
        } catch {
            problems = [Theme.Problem(file: userFile, line: 0, message: "cannot read it: \(error); using \(Theme.builtIn[name] == nil ? "default" : "the built-in \(name)")")]
        }
        return (theme, problems)
    }
}
