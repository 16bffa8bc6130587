/// Text made safe as one word of a POSIX shell command line.
public enum ShellWord {
    /// `text` in single quotes: inside them sh gives no character a meaning
    /// (POSIX XCU §2.2.2), so `$`, backticks, `\`, `"`, newlines and carriage
    /// returns stay as they are. A single quote cannot appear inside them at
    /// all, so each one closes the quotes, is written escaped, and reopens them.
    public static func quoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }

    /// Text for a `#` comment line: control characters (a newline would end
    /// the comment and start a command) are shown as `?`.
    public static func commentSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }
}
