#if canImport(Glibc)
import Glibc
#endif

/// The process's environment as a dictionary, read once from `environ`.
///
/// This is all avail wanted from Foundation's `ProcessInfo`; linking Foundation
/// for it cost every run its static initialisers, its protocol conformances
/// (scanned by the runtime on the first dynamic cast) and some 8 MB of binary.
/// Later `setenv` calls are not seen: avail reads its environment at start and
/// never changes it.
public enum ProcessEnvironment {
    public static let current: [String: String] = variables(entries())

    /// `NAME=value` entries as a dictionary. An entry without `=` or with an
    /// empty name is not a variable (execve(2) passes whatever it was given);
    /// when a name comes twice, the first wins, as getenv(3) reads it.
    public static func variables(_ entries: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for text in entries {
            guard let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = String(text[..<equals])
            if !name.isEmpty, result[name] == nil {
                result[name] = String(text[text.index(after: equals)...])
            }
        }
        return result
    }

    private static func entries() -> [String] {
        var result: [String] = []
        // NULL after clearenv(3): no variables.
        let first: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        guard var entry = first else { return result }
        while let pointer = entry.pointee {
            result.append(String(cString: pointer))
            entry += 1
        }
        return result
    }
}
