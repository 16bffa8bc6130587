import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A socket on 127.0.0.1 that misbehaves on purpose, for running the binary
/// against faults without sending anything off this machine.
final class LoopbackListener: @unchecked Sendable {
    enum Behaviour {
        /// Never accepts, its queue already full: a client's connect hangs
        /// (Linux drops SYNs to a full accept queue), as behind a dead route.
        case neverAccepting
        /// Accepts, reads the request, writes `answer` raw and closes; again for every connection.
        case answering([UInt8])
        /// Accepts one connection per request, reads the whole request (head
        /// and Content-Length body), keeps it in `requests`, writes the next
        /// answer and closes; past the last answer it closes without one.
        case answeringInTurn([[UInt8]])
    }

    private let received = NSLock()
    private var heads: [String] = []
    /// The requests' heads (and bodies) as received, in order (answeringInTurn).
    var requests: [String] { received.lock(); defer { received.unlock() }; return heads }

    let port: Int
    private let listener: Int32
    private var fillers: [Int32] = []

    struct CannotListen: Error, CustomStringConvertible {
        var step: String
        var code: Int32
        var description: String { "cannot set up the loopback listener: \(step) failed (errno \(code))" }
    }

    init(_ behaviour: Behaviour) throws {
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw CannotListen(step: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listener = self.listener
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard bound else { close(listener); throw CannotListen(step: "bind", code: errno) }
        port = Int(UInt16(bigEndian: address.sin_port))
        switch behaviour {
        case .neverAccepting:
            guard Glibc.listen(listener, 0) == 0 else { close(listener); throw CannotListen(step: "listen", code: errno) }
            for _ in 0..<3 {
                let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
                guard filler >= 0 else { throw CannotListen(step: "socket", code: errno) }
                fillers.append(filler)
                _ = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
            }
            usleep(100_000)
        case let .answeringInTurn(answers):
            guard Glibc.listen(listener, 16) == 0 else { close(listener); throw CannotListen(step: "listen", code: errno) }
            Thread.detachNewThread { [self] in
                for answer in answers {
                    let client = accept(listener, nil, nil)
                    guard client >= 0 else { return }
                    var data: [UInt8] = []
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    while true {
                        let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                        if n <= 0 { break }
                        data += buffer[0..<n]
                        let text = String(decoding: data, as: UTF8.self)
                        guard let end = text.range(of: "\r\n\r\n") else { continue }
                        let length = text[..<end.lowerBound].split(separator: "\r\n")
                            .first { $0.lowercased().hasPrefix("content-length:") }
                            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                        if text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length { break }
                    }
                    received.lock(); heads.append(String(decoding: data, as: UTF8.self)); received.unlock()
                    var sent = 0
                    while sent < answer.count {
                        let n = answer[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                        if n <= 0 { break }
                        sent += n
                    }
                    close(client)
                }
            }
        case let .answering(answer):
            guard Glibc.listen(listener, 16) == 0 else { close(listener); throw CannotListen(step: "listen", code: errno) }
            Thread.detachNewThread {
                while true {
                    let client = accept(listener, nil, nil)
                    guard client >= 0 else { return } // closed by deinit
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    // The request head; its end is not checked: any answer will do for a fault.
                    _ = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                    var sent = 0
                    while sent < answer.count {
                        let n = answer[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                        if n <= 0 { break }
                        sent += n
                    }
                    close(client)
                }
            }
        }
    }

    deinit {
        for f in fillers { close(f) }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}
