import Planner
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What the background tasks tell the UI thread: a message for the state
/// (from request `request`, when it came from a free/busy request), or that a
/// request's task has ended.
enum LoopEvent: Sendable {
    case message(PlannerMessage, request: Int?)
    case requestEnded(Int)
}

/// Messages from the network side to the UI thread: appended under a lock, then
/// one byte down a pipe wakes the UI's poll().
final class Mailbox: Sendable {
    private let events = Mutex<[LoopEvent]>([])
    let readFD: Int32
    let writeFD: Int32

    init?() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    func post(_ m: PlannerMessage, request: Int? = nil) { post(.message(m, request: request)) }

    func post(_ e: LoopEvent) {
        events.withLock { $0.append(e) }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    func drain() -> [LoopEvent] {
        var buf = [UInt8](repeating: 0, count: 256)
        while read(readFD, &buf, buf.count) > 0 {}
        return events.withLock { m in defer { m.removeAll() }; return m }
    }
}
