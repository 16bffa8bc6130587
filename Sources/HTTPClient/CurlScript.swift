/// Requests written as a POSIX shell script of `curl` commands, for someone
/// who does not have avail (a server's administrator) to send exactly what
/// avail sends: the same method, URL, headers and body bytes.
///
/// Every value is single-quoted (`ShellWord`), so whatever a title or a name
/// holds (quotes, `$`, backticks, newlines) reaches curl as it is and never the
/// shell. Bodies go in as here-documents with a quoted delimiter (no expansion;
/// carriage returns of iCalendar's CRLF line ends kept, RFC 5545 §3.1) read by
/// `--data-binary @-`, which sends the bytes unchanged. A body that does not
/// end in a newline (a here-document always adds one) is piped from a
/// single-quoted `printf` instead.
///
/// No credential is written: the script takes the user name from
/// `$AVAIL_USER` and lets curl ask for the password, or takes it from
/// `$AVAIL_PASSWORD` when that is set.
public struct CurlScript: Sendable {
    public var requests: [HTTPRequest]
    /// What made the requests, for the header comment (`avail query`).
    public var origin: String

    public init(requests: [HTTPRequest], origin: String) {
        self.requests = requests
        self.origin = origin
    }

    public var text: String {
        var out = """
        #!/bin/sh
        # The HTTP requests of `\(ShellWord.commentSafe(origin))`, as curl commands.
        # No password is written here. Set AVAIL_USER to the user name; curl asks
        # for the password, or takes it from AVAIL_PASSWORD when that is set:
        #   AVAIL_USER=alice sh this-script.sh
        # Each answer body is printed in turn.
        : "${AVAIL_USER:?set AVAIL_USER to the CalDAV user name}"
        avail_auth="$AVAIL_USER${AVAIL_PASSWORD+:$AVAIL_PASSWORD}"

        """
        for (index, request) in requests.enumerated() {
            out += "\n# \(index + 1). \(ShellWord.commentSafe(request.method)) \(ShellWord.commentSafe(request.url.description))\n"
            out += Self.command(request) + "\n"
        }
        return out
    }

    /// One request as one curl command line (with its here-document, if any).
    static func command(_ request: HTTPRequest) -> String {
        var words = ["curl", "-sS"]
        if request.credentials != nil {
            // Whichever scheme the server offers (Basic or Digest): curl reads a
            // `--data-binary @-` body whole before sending, so it can send it again.
            words += ["--anyauth", "-u", "\"$avail_auth\""]
        }
        let o = request.options
        if o.insecure { words.append("--insecure") }
        if let ca = o.caFile { words += ["--cacert", ShellWord.quoted(ca)] }
        words += ["--connect-timeout", Self.seconds(o.connectTimeoutSeconds), "--max-time", Self.seconds(o.totalTimeoutSeconds)]
        words += ["-X", ShellWord.quoted(request.method)]
        words += ["-A", ShellWord.quoted(o.userAgent)]
        // avail turns off curl's `Expect: 100-continue` (Transfer); so does the script.
        words += ["-H", ShellWord.quoted("Expect:")]
        for h in request.headers { words += ["-H", ShellWord.quoted("\(h.name): \(h.value)")] }
        guard let body = request.body else {
            words.append(ShellWord.quoted(request.url.description))
            return words.joined(separator: " ") + "\necho"
        }
        words += ["--data-binary", "@-", ShellWord.quoted(request.url.description)]
        let text = String(decoding: body, as: UTF8.self)
        // Bytes, not Characters: "\r\n" is one Character, which never equals "\n".
        if body.last == UInt8(ascii: "\n") {
            let delimiter = Self.delimiter(for: body)
            return words.joined(separator: " ") + " <<'\(delimiter)'\n" + text + delimiter + "\necho"
        }
        return "printf '%s' \(ShellWord.quoted(text)) | " + words.joined(separator: " ") + "\necho"
    }

    /// A here-document delimiter that is no line of the body.
    static func delimiter(for body: [UInt8]) -> String {
        let lines = Set(body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) })
        var candidate = "AVAIL_BODY"
        var n = 1
        while lines.contains(candidate) {
            candidate = "AVAIL_BODY_\(n)"
            n += 1
        }
        return candidate
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? String(Int(s)) : String(s)
    }
}
