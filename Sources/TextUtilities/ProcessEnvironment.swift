#if canImport(Glibc)
import Glibc
#endif

/// The process's environment as a dictionary, read once from `environ`.
///
/// This is all avail wanted from Foundation's `ProcessInfo`; linking Foundation
/// for it cost every run its static initialisers, its protocol conformances
/// (scanned by the runtime on the first dynamic cast) and some 3 MB of code
/// mapped in. Later `setenv` calls are not seen: avail reads its environment at
/// start and never changes it.
public enum ProcessEnvironment {
    public static let current: [String: String] = read()

    private static func read() -> [String: String] {
        var result: [String: String] = [:]
        // NULL after clearenv(3): no variables.
        let first: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        guard var entry = first else { return result }
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            // `NAME=value`; an entry without `=` is not a variable (execve allows it).
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                // The first definition wins, as getenv(3) reads it.
                if !name.isEmpty, result[name] == nil {
                    result[name] = String(text[text.index(after: equals)...])
                }
            }
            entry += 1
        }
        return result
    }
}
