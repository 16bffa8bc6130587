import CCurl
import TextUtilities

/// One request in flight: the easy handle and everything libcurl points into,
/// kept alive until the transfer is done. Owned by the network thread.
final class Transfer {
    let easy: UnsafeMutableRawPointer
    let request: HTTPRequest
    let completion: @Sendable (Result<HTTPResponse, HTTPError>) -> Void
    /// Run once while the server works (NetworkLoop.runWorkWhileWaiting).
    var whileWaiting: (@Sendable () -> Void)?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    var body: [UInt8] = []
    var headers: [HTTPHeader] = []
    var reason = ""
    var tooLarge = false
    /// A status line arrived: a failure after it is about the answer, not the connection.
    var sawResponseHead = false
    /// When the transfer was handed to libcurl, to tell which timeout fired.
    let started = ContinuousClock.now

    private init(easy: UnsafeMutableRawPointer, pending: PendingTransfer) {
        self.easy = easy
        self.request = pending.request
        self.completion = pending.completion
        self.whileWaiting = pending.whileWaiting
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        avail_curl_easy_cleanup(easy)
        avail_curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    static func make(_ pending: PendingTransfer) -> Result<Transfer, HTTPError> {
        let request = pending.request
        guard let easy = avail_curl_easy_init() else {
            return .failure(.transport(request.url.description, detail: "curl_easy_init failed"))
        }
        let t = Transfer(easy: easy, pending: pending)
        guard request.method.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }), !request.method.isEmpty else {
            return .failure(.invalidRequest("bad method \(request.method.debugDescription)"))
        }
        var ok = true
        func set(_ o: CURLoption, _ v: Int) { ok = ok && avail_easy_setopt_long(easy, o, v) == CURLE_OK }
        func set(_ o: CURLoption, _ v: String) { ok = ok && avail_easy_setopt_string(easy, o, v) == CURLE_OK }

        // The URL never carries credentials (HTTPURL.description drops them).
        set(CURLOPT_URL, request.url.description)
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_FOLLOWLOCATION, 0) // redirects are followed by the caller, who decides about credentials
        set(CURLOPT_USERAGENT, request.options.userAgent)
        set(CURLOPT_ACCEPT_ENCODING, "") // every encoding libcurl decodes; the size cap applies after decoding
        set(CURLOPT_CONNECTTIMEOUT_MS, Int(request.options.connectTimeoutSeconds * 1000))
        set(CURLOPT_TIMEOUT_MS, Int(request.options.totalTimeoutSeconds * 1000))
        set(CURLOPT_SSL_VERIFYPEER, request.options.insecure ? 0 : 1)
        set(CURLOPT_SSL_VERIFYHOST, request.options.insecure ? 0 : 2)
        if let ca = request.options.caFile { set(CURLOPT_CAINFO, ca) }
        if let c = request.credentials {
            set(CURLOPT_USERNAME, c.user)
            set(CURLOPT_PASSWORD, c.password)
            // Basic is sent with the first request (no extra round trip); Digest
            // needs the server's challenge first, which libcurl handles.
            set(CURLOPT_HTTPAUTH, c.scheme == .digest ? avail_curlauth_digest() : avail_curlauth_basic())
        }
        switch request.method {
        case "GET": set(CURLOPT_HTTPGET, 1)
        case "HEAD": set(CURLOPT_NOBODY, 1)
        case "POST": set(CURLOPT_POST, 1)
        default: set(CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            ok = ok && avail_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)) == CURLE_OK
            ok = ok && body.withUnsafeBytes { buf in
                // COPYPOSTFIELDS: libcurl keeps its own copy, so nothing must outlive this call.
                guard let base = buf.baseAddress else {
                    return avail_easy_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, "") == CURLE_OK
                }
                return avail_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base)) == CURLE_OK
            }
        }
        // No `Expect: 100-continue` round trip for our small bodies.
        var list = avail_curl_slist_append(nil, "Expect:")
        for h in request.headers {
            // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
            guard !h.name.unicodeScalars.contains(where: { $0 == ":" || $0.value < 0x20 }),
                  !h.value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                return .failure(.invalidRequest("bad header \(h.name.debugDescription)"))
            }
            list = avail_curl_slist_append(list, "\(h.name): \(h.value)")
        }
        t.headerList = list
        ok = ok && avail_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list) == CURLE_OK

        let me = Unmanaged.passUnretained(t).toOpaque()
        ok = ok && avail_easy_setopt_callback(easy, CURLOPT_WRITEFUNCTION, transferWriteCallback) == CURLE_OK
        ok = ok && avail_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me) == CURLE_OK
        ok = ok && avail_easy_setopt_callback(easy, CURLOPT_HEADERFUNCTION, transferHeaderCallback) == CURLE_OK
        ok = ok && avail_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me) == CURLE_OK
        ok = ok && avail_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, t.errorBuffer) == CURLE_OK
        guard ok else { return .failure(.invalidRequest("libcurl refused an option for \(request.url)")) }
        return .success(t)
    }

    func result(code: CURLcode) -> Result<HTTPResponse, HTTPError> {
        let url = request.url.description
        if code == CURLE_OK {
            var status = 0
            avail_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            return .success(HTTPResponse(status: status, reason: reason, headers: headers, body: body, url: request.url))
        }
        if tooLarge { return .failure(.responseTooLarge(url, limit: request.options.maxResponseBytes)) }
        var detail = String(cString: errorBuffer)
        if detail.isEmpty { detail = String(cString: avail_curl_easy_strerror(code)) }
        detail = censorCredentials(in: detail)
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST: return .failure(.cannotResolveHost(request.url.host))
        case CURLE_COULDNT_CONNECT: return .failure(.cannotConnect(url, detail: detail))
        case CURLE_OPERATION_TIMEDOUT:
            // libcurl reports both timeouts with one code. Both run from the start
            // of the transfer, so one that fired before the total limit was up
            // can only be the (shorter) connect timeout.
            let options = request.options
            let elapsed = ContinuousClock.now - started
            if options.connectTimeoutSeconds < options.totalTimeoutSeconds, elapsed < .seconds(options.totalTimeoutSeconds) {
                return .failure(.connectTimedOut(url, seconds: options.connectTimeoutSeconds))
            }
            return .failure(.timedOut(url, seconds: options.totalTimeoutSeconds))
        case CURLE_SSL_CACERT_BADFILE:
            return .failure(.caFileUnusable(request.options.caFile ?? "(none)", detail: detail))
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .failure(.tls(url, detail: detail))
        case CURLE_OUT_OF_MEMORY where sawResponseHead, CURLcode(rawValue: 100):
            // A header line over CURL_MAX_HTTP_HEADER: libcurl before 8.6 says
            // "Out of memory" (27) after the status line, later ones CURLE_TOO_LARGE (100).
            return .failure(.headerTooLarge(url))
        case CURLE_URL_MALFORMAT:
            return .failure(.invalidRequest(detail))
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_WEIRD_SERVER_REPLY:
            // e.g. "Received HTTP/0.9 when not allowed": the peer does not speak HTTP.
            return .failure(.transport(url, detail: "the answer is not HTTP (\(detail))"))
        default:
            return .failure(.transport(url, detail: detail))
        }
    }
}

private func transferWriteCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?) -> Int {
    guard let data, let user else { return 0 }
    let t = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
    let n = size * count
    guard t.body.count + n <= t.request.options.maxResponseBytes else {
        t.tooLarge = true
        return 0 // libcurl stops the transfer with CURLE_WRITE_ERROR
    }
    t.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: n))
    return n
}

private func transferHeaderCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ user: UnsafeMutableRawPointer?) -> Int {
    guard let data, let user else { return 0 }
    let t = Unmanaged<Transfer>.fromOpaque(user).takeUnretainedValue()
    let n = size * count
    guard t.headers.count < 500 else { return n }
    var line = String(decoding: UnsafeRawBufferPointer(start: data, count: n), as: UTF8.self)
    // Character.isNewline: "\r\n" is one Character, which hasSuffix("\n") would not see.
    while let last = line.last, last.isNewline { line.removeLast() }
    if line.hasPrefix("HTTP/") {
        // A new response head (after `100 Continue` or a Digest challenge): start over.
        t.sawResponseHead = true
        t.headers.removeAll()
        let parts = line.split(separator: " ", maxSplits: 2)
        t.reason = parts.count > 2 ? String(parts[2]) : ""
    } else if let colon = line.firstIndex(of: ":") {
        let name = String(line[line.startIndex..<colon])
        let value = String(line[line.index(after: colon)...]).trimmingWhitespace
        t.headers.append(HTTPHeader(name, value))
    }
    return n
}
