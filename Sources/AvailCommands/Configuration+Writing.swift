/// The config file `avail setup` writes: the settings it asked for, as
/// `key = "value"` lines that `Configuration.parse` reads back to the same
/// values (a test holds the two together).
extension Configuration {
    struct Unwritable: Error, Equatable { var message: String }

    /// The text of the file. Every value is quoted, so a `#` or a leading space
    /// in a password survives; a value holding both quote characters or a line
    /// break cannot be one line of the file, and is refused.
    func fileText(comment: [String] = []) throws(Unwritable) -> String {
        var lines = comment.map { "# " + $0 }
        func add(_ key: String, _ value: String?) throws(Unwritable) {
            guard let value else { return }
            lines.append("\(key) = \(try Self.quoted(value, key: key))")
        }
        try add("url", url)
        try add("user", user)
        try add("password_command", passwordCommand)
        try add("password", password)
        try add("organizer", organizer)
        try add("auth", auth)
        try add("ca_file", caFile)
        if insecure { lines.append("insecure = true") }
        try add("fburl", fburl)
        return lines.joined(separator: "\n") + "\n"
    }

    static func quoted(_ value: String, key: String) throws(Unwritable) -> String {
        guard !value.contains(where: \.isNewline) else {
            throw Unwritable(message: "\(key) holds a line break, which a config line cannot keep")
        }
        if !value.contains("\"") { return "\"\(value)\"" }
        if !value.contains("'") { return "'\(value)'" }
        throw Unwritable(message: "\(key) holds both \" and ', which a config value cannot quote; use password_command")
    }
}
