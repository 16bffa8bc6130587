#if canImport(Glibc)
import Glibc
#endif

/// A loopback port where connecting hangs: a socket that listens with a backlog
/// of zero, never accepts, and whose queue is already full of our own
/// connections, so that Linux drops every further SYN and the client's connect
/// waits (a connect timeout without sending anything off this machine).
final class UnacceptingListener {
    let port: Int
    private var sockets: [Int32] = []

    struct CannotListen: Error, CustomStringConvertible {
        var step: String
        var description: String { "cannot set up the unaccepting listener: \(step) failed (errno \(errno))" }
    }

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw CannotListen(step: "socket") }
        sockets.append(listener)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard bound else { throw CannotListen(step: "bind") }
        guard listen(listener, 0) == 0 else { throw CannotListen(step: "listen") }
        port = Int(UInt16(bigEndian: address.sin_port))
        // Fill the accept queue (backlog 0 holds one); the extra ones stay in SYN_SENT.
        for _ in 0..<3 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard filler >= 0 else { throw CannotListen(step: "socket") }
            sockets.append(filler)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        usleep(100_000) // the handshakes of the first ones complete
    }

    deinit {
        for s in sockets { close(s) }
    }
}
