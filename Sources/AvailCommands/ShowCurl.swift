import HTTPClient
#if canImport(Glibc)
import Glibc
#endif

/// `--show-curl`: a command runs as usual with a `RequestRecorder` on its
/// session, its own output set aside, and prints instead the requests it made
/// as a curl script (`CurlScript`).
///
/// Requests that only read (discovery's PROPFINDs, `meetings`' REPORT, the
/// free/busy POST) are sent, so that later ones carry the URLs they answered
/// and go where the answers lead (the chain is shown with the values avail
/// learnt, or had cached); every other request (a booking's PUT, a DELETE, an
/// iTIP POST) is written into the script and not sent (`RequestRecorder`).
/// The cache is passed by (as `--refresh`), or a cached answer would leave
/// nothing to show.
enum ShowCurl {
    static let option = "show-curl"
    static let recorder = RequestRecorder()

    /// Runs `body` with standard output and error on /dev/null; then prints the
    /// script of the requests made. A failure other than at a request it was
    /// not to send (no account, a refused discovery, someone busy) is then
    /// reported as without `--show-curl`, with its exit code: the script shows
    /// the requests up to it.
    static func run(origin: String, _ body: () async throws -> Void) async throws {
        let savedOut = dup(1), savedError = dup(2)
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        if null >= 0 { dup2(null, 1); dup2(null, 2); close(null) }
        var failure: (any Error)? = nil
        do { try await body() } catch { failure = error }
        if savedOut >= 0 { dup2(savedOut, 1); close(savedOut) }
        if savedError >= 0 { dup2(savedError, 2); close(savedError) }
        let requests = recorder.requests
        if !requests.isEmpty { try write(CurlScript(requests: requests, origin: origin).text) }
        // After a withheld request a command ends with the failure it makes
        // of it; that is the point, not a fault. Before one, a failure is real.
        if let failure, recorder.withheldCount == 0 { throw failure }
        if requests.isEmpty {
            throw CommandFailure(message: "no request to show: `\(origin)` made none", code: 2)
        }
    }
}
