import HTTPClient

/// Where `avail publish` puts its VFREEBUSY: standard output, a file, or a
/// resource on a server (PUT).
enum PublishDestination: Equatable {
    case standardOutput
    case file(PublishFile)
    case url(HTTPURL)

    /// `-` or nothing: standard output; `scheme://…`: a URL, which must be
    /// http or https; anything else: a file name.
    init(_ text: String?) throws(CommandFailure) {
        guard let text, text != "-" else { self = .standardOutput; return }
        if text.isEmpty { throw CommandFailure(usage: "--to needs a file name, - or an http(s) URL") }
        if let schemeEnd = text.firstRange(of: "://"),
           text[..<schemeEnd.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
           !text[..<schemeEnd.lowerBound].isEmpty
        {
            let scheme = text[..<schemeEnd.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https", let url = HTTPURL(string: text) else {
                throw CommandFailure(usage: "--to \(text.debugDescription) is not an http(s) URL; give an http:// or https:// URL, a file name or -")
            }
            self = .url(url)
            return
        }
        self = .file(PublishFile(path: text))
    }
}
