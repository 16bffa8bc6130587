import CCurl
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// avail's HTTP engine: one long-lived libcurl multi handle driven by a thread of
/// its own, so that callers never block on the network (the planner's screen keeps
/// answering keys while requests run) and connections are reused across requests.
///
/// Threads: the network thread owns the multi handle and every easy handle.
/// Other threads only append to the inbox (under a mutex) and call
/// `curl_multi_wakeup`, which libcurl documents as safe from any thread.
/// Completions run on the network thread: they must be quick and hand the result on.
public final class HTTPClient: Sendable {
    private let inbox = Inbox()
    /// The multi handle and its thread, made on the first request: a run that
    /// never uses the network (`--offline`, a warm cache, `--help`) never
    /// initializes libcurl or OpenSSL.
    private let engine = Mutex<Engine?>(nil)
    /// Why the engine could not start (libcurl missing), for every request.
    private let unavailable = Mutex<String?>(nil)

    private struct Engine {
        var multi: MultiPointer
        var thread: pthread_t?
    }

    public init() {}

    /// Loads libcurl now (and initialises it), on the calling thread. A library
    /// that cannot be loaded is left for the first request to say so.
    public static func preload() {
        guard avail_curl_load() == nil else { return }
        CurlLibrary.initializeOnce()
    }

    deinit { shutdown() }

    private func startedEngine() -> MultiPointer? {
        engine.withLock { e -> MultiPointer? in
            if let e { return e.multi }
            if inbox.state.withLock({ $0.stopping }) { return nil }
            if let problem = avail_curl_load() {
                unavailable.withLock { $0 = String(cString: problem) }
                return nil
            }
            CurlLibrary.initializeOnce()
            let multi = MultiPointer(raw: avail_curl_multi_init())
            let loop = NetworkLoop(multi: multi, inbox: inbox)
            var tid = pthread_t()
            let arg = Unmanaged.passRetained(loop).toOpaque()
            if pthread_create(&tid, nil, networkThreadMain, arg) != 0 {
                // No thread: every request fails at once rather than hanging.
                Unmanaged<NetworkLoop>.fromOpaque(arg).release()
                inbox.state.withLock { $0.stopping = true }
                e = Engine(multi: multi, thread: nil)
            } else {
                e = Engine(multi: multi, thread: tid)
            }
            return multi
        }
    }

    /// Starts a transfer; `completion` is called once, on the network thread.
    /// `whileWaiting` runs on the network thread the first time it has nothing
    /// to do but wait for this transfer's server (it may not run at all).
    public func start(_ request: HTTPRequest, whileWaiting: (@Sendable () -> Void)? = nil,
                      completion: @escaping @Sendable (Result<HTTPResponse, HTTPError>) -> Void) {
        guard let multi = startedEngine() else {
            completion(.failure(unavailable.withLock { $0 }.map { .libraryMissing($0) } ?? .shutDown))
            return
        }
        let accepted = inbox.state.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.pending.append(PendingTransfer(request: request, whileWaiting: whileWaiting, completion: completion))
            return true
        }
        guard accepted else { completion(.failure(.shutDown)); return }
        avail_curl_multi_wakeup(multi.raw)
    }

    /// Sends a request. `whileWaiting` is work the answer will need (loading
    /// libxml2), done on the network thread while the server works: see `start`.
    public func send(_ request: HTTPRequest, whileWaiting: (@Sendable () -> Void)? = nil) async -> Result<HTTPResponse, HTTPError> {
        await withCheckedContinuation { continuation in
            start(request, whileWaiting: whileWaiting) { continuation.resume(returning: $0) }
        }
    }

    /// Stops the network thread; transfers still running fail with `.shutDown`.
    public func shutdown() {
        inbox.state.withLock { $0.stopping = true }
        let running = engine.withLock { e -> (MultiPointer, pthread_t?)? in
            guard let current = e else { return nil }
            e?.thread = nil
            return (current.multi, current.thread)
        }
        guard let (multi, tid) = running else { return }
        avail_curl_multi_wakeup(multi.raw)
        if let tid { pthread_join(tid, nil) }
    }
}

/// `CURLM *`: used by the network thread, and by others only for `curl_multi_wakeup`.
struct MultiPointer: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer?
}

struct PendingTransfer: Sendable {
    let request: HTTPRequest
    let whileWaiting: (@Sendable () -> Void)?
    let completion: @Sendable (Result<HTTPResponse, HTTPError>) -> Void
}

final class Inbox: Sendable {
    struct State {
        var pending: [PendingTransfer] = []
        var stopping = false
    }
    let state = Mutex(State())
}

enum CurlLibrary {
    static let initialized: Bool = {
        avail_curl_global_init(avail_curl_global_default())
        return true
    }()
    static func initializeOnce() { _ = initialized }

}

private func networkThreadMain(_ arg: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    avail_block_all_signals_on_this_thread()
    guard let arg else { return nil }
    let loop = Unmanaged<NetworkLoop>.fromOpaque(arg).takeRetainedValue()
    loop.run()
    return nil
}

/// Lives on the network thread only.
final class NetworkLoop {
    let multi: MultiPointer
    let inbox: Inbox
    var active: [Transfer] = []

    init(multi: MultiPointer, inbox: Inbox) {
        self.multi = multi
        self.inbox = inbox
    }

    func run() {
        guard let m = multi.raw else {
            failEverything(with: .transport("libcurl", detail: "curl_multi_init failed"))
            return
        }
        avail_multi_setopt_long(m, CURLMOPT_MAX_HOST_CONNECTIONS, 8)
        while true {
            let (incoming, stopping) = inbox.state.withLock { state -> ([PendingTransfer], Bool) in
                defer { state.pending.removeAll() }
                return (state.pending, state.stopping)
            }
            if stopping {
                for p in incoming { p.completion(.failure(.shutDown)) }
                for t in active {
                    avail_curl_multi_remove_handle(m, t.easy)
                    t.completion(.failure(.shutDown))
                }
                active.removeAll()
                avail_curl_multi_cleanup(m)
                return
            }
            for p in incoming {
                switch Transfer.make(p) {
                case let .success(t):
                    if avail_curl_multi_add_handle(m, t.easy) == CURLM_OK {
                        active.append(t)
                    } else {
                        t.completion(.failure(.transport(p.request.url.description, detail: "could not start the transfer")))
                    }
                case let .failure(e):
                    p.completion(.failure(e))
                }
            }
            var running: Int32 = 0
            avail_curl_multi_perform(m, &running)
            var left: Int32 = 0
            while let msg = avail_curl_multi_info_read(m, &left) {
                guard msg.pointee.msg == CURLMSG_DONE, let easy = msg.pointee.easy_handle else { continue }
                let code = avail_multi_msg_result(msg)
                guard let index = active.firstIndex(where: { $0.easy == easy }) else { continue }
                let t = active.remove(at: index)
                avail_curl_multi_remove_handle(m, easy)
                t.completion(t.result(code: code))
            }
            runWorkWhileWaiting(m)
            avail_curl_multi_poll(m, nil, 0, 1000, nil)
        }
    }

    /// Work handed in with transfers runs here, once nothing is ready: every
    /// request so far is sent and the servers are working. Run on this thread,
    /// not the caller's: a dlopen elsewhere would hold the loader's lock while
    /// this thread starts, and this thread would wait for it.
    private func runWorkWhileWaiting(_ m: UnsafeMutableRawPointer) {
        guard active.contains(where: { $0.whileWaiting != nil }) else { return }
        var ready: Int32 = 0
        avail_curl_multi_poll(m, nil, 0, 0, &ready)
        guard ready == 0 else { return }
        for t in active {
            guard let work = t.whileWaiting else { continue }
            t.whileWaiting = nil
            work()
        }
    }

    private func failEverything(with error: HTTPError) {
        while true {
            let pending = inbox.state.withLock { s -> ([PendingTransfer], Bool) in
                defer { s.pending.removeAll() }
                return (s.pending, s.stopping)
            }
            for p in pending.0 { p.completion(.failure(error)) }
            if pending.1 { return }
            usleep(50_000)
        }
    }
}
