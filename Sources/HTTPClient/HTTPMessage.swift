import TextUtilities
/// What avail sends and gets over HTTP: plain values, safe to pass between threads.
public struct HTTPHeader: Hashable, Sendable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) { self.name = name; self.value = value }
}

/// User name and password. Never printed: `description` hides the password, and
/// curl gets them through CURLOPT_USERNAME/PASSWORD, never inside a URL or argv.
public struct Credentials: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum Scheme: Sendable, Hashable { case basic, digest }
    public var user: String
    public var password: String
    public var scheme: Scheme

    public init(user: String, password: String, scheme: Scheme = .basic) {
        self.user = user
        self.password = password
        self.scheme = scheme
    }

    public var description: String { "\(user):***" }
    public var debugDescription: String { description }
}

public struct TransferOptions: Hashable, Sendable {
    public var connectTimeoutSeconds: Double
    public var totalTimeoutSeconds: Double
    /// TLS certificate and host name checks off. Only ever set by an explicit
    /// `--insecure` (or `insecure = true` in the config), which warns.
    public var insecure: Bool
    /// Bodies beyond this are cut off with `.responseTooLarge` (a hostile or broken
    /// server cannot make avail take unbounded memory).
    public var maxResponseBytes: Int
    public var userAgent: String
    /// Extra CA certificates to trust (PEM file), for servers with a private CA.
    public var caFile: String?

    public static let defaultMaxResponseBytes = 16 * 1024 * 1024

    public init(connectTimeoutSeconds: Double = 10, totalTimeoutSeconds: Double = 30, insecure: Bool = false,
                maxResponseBytes: Int = TransferOptions.defaultMaxResponseBytes, userAgent: String = "avail", caFile: String? = nil) {
        self.caFile = caFile
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.totalTimeoutSeconds = totalTimeoutSeconds
        self.insecure = insecure
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }
}

public struct HTTPRequest: Sendable {
    public var method: String
    public var url: HTTPURL
    public var headers: [HTTPHeader]
    public var body: [UInt8]?
    public var credentials: Credentials?
    public var options: TransferOptions

    public init(method: String, url: HTTPURL, headers: [HTTPHeader] = [], body: [UInt8]? = nil,
                credentials: Credentials? = nil, options: TransferOptions = TransferOptions()) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.credentials = credentials
        self.options = options
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var reason: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    public var url: HTTPURL

    public init(status: Int, reason: String = "", headers: [HTTPHeader] = [], body: [UInt8] = [], url: HTTPURL) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.url = url
    }

    /// The first header with this name, compared case-insensitively (RFC 9110 §5.1).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// All values of a header that may repeat (e.g. `DAV:`, `WWW-Authenticate`).
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The compliance classes of the `DAV:` header(s) (RFC 4918 §10.1), trimmed.
    public var davCapabilities: [String] {
        headerValues("DAV").flatMap { $0.split(separator: ",") }.map { String($0).trimmingWhitespace }
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The media type without parameters, lower-cased: `text/xml; charset=utf-8` → `text/xml`.
    public var mediaType: String? {
        header("Content-Type").map { String($0.split(separator: ";").first ?? "").trimmingWhitespace.lowercased() }
    }
}

/// Why a transfer produced no HTTP response. Messages never hold credentials.
public enum HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotResolveHost(String)
    case cannotConnect(String, detail: String)
    /// The whole request took longer than the total timeout.
    case timedOut(String, seconds: Double)
    /// No connection (TCP and TLS) within the connect timeout, which is shorter
    /// than the total one: the message must name the limit that fired.
    case connectTimedOut(String, seconds: Double)
    case tls(String, detail: String)
    case responseTooLarge(String, limit: Int)
    /// One header line beyond what libcurl accepts (100 KB in CURL_MAX_HTTP_HEADER).
    case headerTooLarge(String)
    /// The CA file to trust (`ca_file`) cannot be read or holds no certificate:
    /// the user's setting, not the server or the network.
    case caFileUnusable(String, detail: String)
    case invalidRequest(String)
    case transport(String, detail: String)
    case shutDown
    /// libcurl could not be loaded (it is opened on the first request).
    case libraryMissing(String)
    /// Kept by a `RequestRecorder` and not sent (`--show-curl`).
    case notSent(method: String, url: String)

    public var description: String {
        switch self {
        case let .cannotResolveHost(host): return "cannot resolve host \(host)"
        case let .cannotConnect(url, detail): return "cannot connect to \(url): \(detail)"
        case let .timedOut(url, seconds): return "no answer from \(url) within \(Self.format(seconds)) s (timeout, --timeout)"
        case let .connectTimedOut(url, seconds):
            return "no connection to \(url) within \(Self.format(seconds)) s (connect_timeout, --connect-timeout)"
        case let .tls(url, detail): return "TLS failure with \(url): \(detail) (use --insecure only if you trust this network)"
        case let .responseTooLarge(url, limit): return "the answer from \(url) is larger than \(limit / (1024 * 1024)) MiB; cut off"
        case let .headerTooLarge(url): return "the server at \(url) sent a response header too large to read (over 100 KB)"
        case let .caFileUnusable(path, detail): return "ca_file \(path) cannot be used: \(detail)"
        case let .invalidRequest(detail): return "invalid request: \(detail)"
        case let .transport(url, detail): return "transfer with \(url) failed: \(detail)"
        case .shutDown: return "the network engine was shut down"
        case let .libraryMissing(detail): return detail
        case let .notSent(method, url): return "\(method) \(url) not sent (shown as a curl command instead)"
        }
    }

    private static func format(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(s)
    }
}
