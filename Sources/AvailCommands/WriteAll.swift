#if canImport(Glibc)
import Glibc
#endif

/// Writes the whole of `text` to `fd`, again after EINTR and after a short
/// write (a pipe, a full terminal): 0, or the errno that stopped it (EIO for a
/// write that wrote nothing).
func writeAll(_ fd: Int32, _ text: String) -> Int32 {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n < 0, errno == EINTR { continue }
        guard n > 0 else { return n == 0 ? EIO : errno }
        bytes = bytes.dropFirst(n)
    }
    return 0
}
