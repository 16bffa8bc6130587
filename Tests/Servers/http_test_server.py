#!/usr/bin/env python3
"""A small real HTTP server for avail's HTTP engine tests (size caps, timeouts,
redirects and credentials, concurrency). Not a CalDAV server: the CalDAV tests
run against DAViCal. Prints its port on stdout once listening; exits when stdin
closes, so a test that dies cannot leave it behind."""
import base64, hashlib, http.server, os, re, socketserver, sys, threading, time

BARRIER = threading.Condition()
ARRIVED = [0]
# POSTs per scenario (the path's first segment), and the most in flight at
# once, for GET /post-count/<scenario>: a test checks how many requests its
# client made, counted where they arrive.
POSTS = {}
POSTS_LOCK = threading.Lock()
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "WebDAVTests", "Fixtures")
DIGEST_REALM = "avail-test"
DIGEST_NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093"
DIGEST_USERS = {"alice": "pw"}


def digest_ok(header, method):
    """RFC 7616 with MD5 and qop=auth, as libcurl answers it."""
    pairs = re.findall(r'(\w+)=(?:"([^"]*)"|([^,\s]*))', header[len("Digest "):])
    fields = {k: quoted or bare for k, quoted, bare in pairs}
    user = fields.get("username", "")
    if user not in DIGEST_USERS or fields.get("nonce") != DIGEST_NONCE:
        return None
    md5 = lambda s: hashlib.md5(s.encode()).hexdigest()
    ha1 = md5(f"{user}:{DIGEST_REALM}:{DIGEST_USERS[user]}")
    ha2 = md5(f"{method}:{fields.get('uri', '')}")
    if "qop" in fields:
        expected = md5(f"{ha1}:{DIGEST_NONCE}:{fields.get('nc')}:{fields.get('cnonce')}:{fields.get('qop')}:{ha2}")
    else:
        expected = md5(f"{ha1}:{DIGEST_NONCE}:{ha2}")
    return user if fields.get("response") == expected else None

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        # Read any request body first, so that a kept-alive connection stays in step.
        n = int(self.headers.get("Content-Length", "0") or "0")
        if n:
            self.rfile.read(n)
        path = self.path.split("?")[0]
        if path.startswith("/announced-only/"):
            self.announced_only(path)
        elif path == "/big":
            size = 17 * 1024 * 1024
            self.send_response(200)
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"x" * 65536
            sent = 0
            try:
                while sent < size:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            time.sleep(5)
            self.send(200, b"late")
        elif path == "/auth":
            # Echo whether credentials arrived, and which user (never the password).
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                user = base64.b64decode(auth[6:]).decode().split(":", 1)[0]
                self.send(200, ("basic " + user).encode())
            else:
                self.send(401, b"no", [("WWW-Authenticate", 'Basic realm="t"')])
        elif path.startswith("/echo-auth/"):
            # A careless server: echoes the Authorization header back, in a header
            # and in the body, also decoded (for the trace's redaction tests).
            auth = self.headers.get("Authorization", "")
            pair = base64.b64decode(auth[6:]).decode() if auth.startswith("Basic ") else ""
            body = "you sent %s\nwhich is %s\npassword %s\nat %s\n" % (auth, pair, pair.split(":", 1)[-1], path)
            self.send(200, body.encode(), [("X-Echo", auth), ("X-Echo-Token", auth[6:].rstrip("="))])
        elif path == "/digest":
            # Offers Digest only, as some servers do; Basic is refused.
            auth = self.headers.get("Authorization", "")
            user = digest_ok(auth, self.command) if auth.startswith("Digest ") else None
            if user:
                self.send(200, ("digest " + user).encode())
            else:
                challenge = f'Digest realm="{DIGEST_REALM}", qop="auth", nonce="{DIGEST_NONCE}", algorithm=MD5'
                self.send(401, b"digest required", [("WWW-Authenticate", challenge)])
        elif path == "/who":
            self.send(200, b"auth" if "Authorization" in self.headers else b"none")
        elif path.startswith("/redirect-to/"):
            self.send(301, b"", [("Location", self.path[len("/redirect-to/"):])])
        elif path == "/hang":
            # Accepts and never answers (bounded: 60 s at most; the tests'
            # timeouts are 1-2 s, and the gap tells a fired timeout from a
            # server that gave up, even on a loaded machine).
            time.sleep(60)
        elif path == "/stall-body":
            # Headers, a little of the body, then nothing (bounded: 10 s).
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"<C:schedule-response")
            self.wfile.flush()
            time.sleep(10)
        elif path == "/reset-body":
            # Headers and part of the body, then a TCP reset.
            import socket, struct
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"<C:schedule-response xmlns:C=")
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path.startswith("/status/"):
            # /status/503: that status, with Retry-After on a 503.
            code = int(path.split("/")[2])
            headers = [("Retry-After", "120")] if code == 503 else []
            self.send(code, b"", headers)
        elif path.startswith("/post-count/"):
            # "<POSTs> <most at once>" for a scenario of do_POST.
            with POSTS_LOCK:
                total, _, most = POSTS.get(path.split("/")[2], (0, 0, 0))
            self.send(200, f"{total} {most}".encode(), [("Content-Type", "text/plain")])
        elif path == "/ua":
            self.send(200, self.headers.get("User-Agent", "").encode())
        elif path.startswith("/barrier/"):
            # Answers once N requests are here at the same time (10 s at most):
            # proof of concurrency that does not depend on the machine's speed.
            n = int(path.split("/")[2])
            with BARRIER:
                ARRIVED[0] += 1
                BARRIER.notify_all()
                met = BARRIER.wait_for(lambda: ARRIVED[0] >= n, timeout=10)
            self.send(200, b"met" if met else b"alone")
        elif path == "/big-header":
            # One header line of 200 KB: over libcurl's 100 KB limit for a header.
            self.send(200, b"ok", [("X-Big", "b" * (200 * 1024))])
        elif path == "/sleep-1":
            time.sleep(1)
            self.send(200, b"done")
        else:
            self.send(200, ("hello " + path).encode(), [("Content-Type", "text/plain")])

    do_PROPFIND = do_GET

    # /announced-only/<status>/: a CalDAV principal whose DAV: header announces
    # calendar-auto-schedule (RFC 6638 §2) and that names an outbox, but the
    # outbox answers every POST with <status> (404, 405, ...): scheduling
    # announced but absent. PROPFIND anywhere below it describes the principal.
    ANNOUNCED = [("DAV", "1, 2, access-control, calendar-access, calendar-auto-schedule")]

    def announced_only(self, path):
        base = "/".join(path.split("/")[:3]) + "/"
        if self.command == "PROPFIND":
            body = ('<?xml version="1.0" encoding="utf-8"?>'
                    '<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:response>'
                    f'<D:href>{base}</D:href><D:propstat><D:prop>'
                    f'<D:current-user-principal><D:href>{base}</D:href></D:current-user-principal>'
                    f'<C:schedule-outbox-URL><D:href>{base}outbox/</D:href></C:schedule-outbox-URL>'
                    '<C:calendar-user-address-set><D:href>mailto:alice@example.com</D:href></C:calendar-user-address-set>'
                    '<D:displayname>Alice</D:displayname><D:resourcetype><D:collection/><D:principal/></D:resourcetype>'
                    '</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>').encode()
            self.send(207, body, [("Content-Type", "application/xml; charset=utf-8")] + self.ANNOUNCED)
        elif self.command == "POST" and path == base + "outbox/":
            self.send(int(path.split("/")[2]), b"no scheduling here", [("Content-Type", "text/plain")] + self.ANNOUNCED)
        else:
            self.send(200, b"", self.ANNOUNCED)

    def do_OPTIONS(self):
        n = int(self.headers.get("Content-Length", "0") or "0")
        if n:
            self.rfile.read(n)
        path = self.path.split("?")[0]
        if path.startswith("/announced-only/"):
            self.announced_only(path)
        else:
            self.send(200, b"", [("Allow", "GET, POST, PROPFIND, OPTIONS")])

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        if self.path.startswith("/announced-only/"):
            self.announced_only(self.path.split("?")[0])
            return
        parts = self.path.split("/")
        scenario = parts[1] if len(parts) > 1 else ""
        with POSTS_LOCK:
            total, now, most = POSTS.get(scenario, (0, 0, 0))
            POSTS[scenario] = (total + 1, now + 1, max(most, now + 1))
        try:
            self.answer_post(body, parts)
        finally:
            with POSTS_LOCK:
                total, now, most = POSTS[scenario]
                POSTS[scenario] = (total, now - 1, most)

    def answer_post(self, body, parts):
        if len(parts) >= 3 and parts[1] in ("poison", "poison-reset", "poison-hang", "too-many", "slow-outbox"):
            # An outbox (RFC 6638 §5) that answers 2.0 with one busy hour for every
            # ATTENDEE of the VFREEBUSY it is sent, except:
            #   /poison/<address>[,<address>...]: 500 whenever one is among them;
            #   /poison-reset/<address>: the connection is reset instead;
            #   /poison-hang/<address>: no answer for 2.5 s (past the test's timeout);
            #   /too-many/<N>: 413 above N attendees;
            #   /slow-outbox/<ms>: every answer waits <ms> first (so that
            #   POSTs sent at once overlap here).
            attendees = attendees_of(body)
            arg = parts[2]
            named = {a.lower() for a in arg.split(",")}
            if parts[1] == "poison" and named & {a.lower() for a in attendees}:
                self.send(500, b"Internal Server Error", [("Content-Type", "text/plain")])
                return
            if parts[1] == "poison-reset" and named & {a.lower() for a in attendees}:
                import socket, struct
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
                return
            if parts[1] == "poison-hang" and named & {a.lower() for a in attendees}:
                time.sleep(2.5)
                self.close_connection = True
                return
            if parts[1] == "too-many" and len(attendees) > int(arg):
                self.send(413, b"Too many recipients", [("Content-Type", "text/plain")])
                return
            if parts[1] == "slow-outbox":
                time.sleep(int(arg) / 1000)
            self.send(200, schedule_response(attendees), [("Content-Type", "application/xml; charset=utf-8")])
            return
        if len(parts) == 3 and parts[1] == "status":
            code = int(parts[2])
            self.send(code, b"", [("Retry-After", "120")] if code == 503 else [])
            return
        if len(parts) >= 4 and parts[1] == "canned":
            # /canned/<status>/<fixture>[/anything]: a recorded or hand-written
            # answer from Tests/WebDAVTests/Fixtures ("-" for an empty body);
            # a PUT below it (a calendar's new event) gets the same.
            status, name = int(parts[2]), parts[3]
            payload = b""
            ctype = "application/xml; charset=utf-8"
            if name != "-":
                with open(os.path.join(FIXTURES, name), "rb") as f:
                    payload = f.read()
                if name.endswith(".html"):
                    ctype = "text/html"
                elif name.endswith(".txt"):
                    ctype = "text/plain"
            self.send(status, payload, [("Content-Type", ctype)] if payload else [])
            return
        self.send(200, body, [("Content-Type", self.headers.get("Content-Type", "application/octet-stream"))])

    do_PUT = do_POST

def attendees_of(body):
    """The ATTENDEE addresses of an iCalendar body (lines unfolded, RFC 5545 §3.1)."""
    text = body.decode("utf-8", "replace").replace("\r\n ", "").replace("\n ", "")
    found = []
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.split(";")[0].upper() == "ATTENDEE":
            found.append(value.strip()[len("mailto:"):] if value.lower().startswith("mailto:") else value.strip())
    return found


def schedule_response(attendees):
    """A CALDAV:schedule-response with 2.0 and 09:00-10:00Z on 2026-12-07 busy for each."""
    items = []
    for a in attendees:
        data = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//avail test//EN\r\nMETHOD:REPLY\r\nBEGIN:VFREEBUSY\r\n"
                "DTSTART:20261207T000000Z\r\nDTEND:20261212T000000Z\r\n"
                f"ATTENDEE:mailto:{a}\r\nFREEBUSY:20261207T090000Z/20261207T100000Z\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n")
        items.append(f"<C:response><C:recipient><D:href>mailto:{a}</D:href></C:recipient>"
                     f"<C:request-status>2.0;Success</C:request-status><C:calendar-data>{data}</C:calendar-data></C:response>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<C:schedule-response xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:D="DAV:">'
            + "".join(items) + "</C:schedule-response>").encode()


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 128

def make_certificate(kind, directory):
    """A certificate for 127.0.0.1 that a client must refuse. "self-signed": its
    own issuer. "expired": issued by a throw-away CA (whose certificate is
    written too, for the client to trust) but expired a day ago, so that the
    expiry, not the issuer, is what fails. Returns (cert, key, ca or None)."""
    import datetime, ipaddress
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    now = datetime.datetime.now(datetime.timezone.utc)
    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    def write(path, data):
        with open(path, "wb") as f:
            f.write(data)
        return path
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (x509.CertificateBuilder().subject_name(name("127.0.0.1")).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False))
    ca_path = None
    if kind == "expired":
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca = (x509.CertificateBuilder().subject_name(name("avail test CA")).issuer_name(name("avail test CA"))
              .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - datetime.timedelta(days=30)).not_valid_after(now + datetime.timedelta(days=30))
              .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
              .sign(ca_key, hashes.SHA256()))
        ca_path = write(os.path.join(directory, "ca.crt"), ca.public_bytes(serialization.Encoding.PEM))
        cert = (builder.issuer_name(ca.subject).not_valid_before(now - datetime.timedelta(days=10))
                .not_valid_after(now - datetime.timedelta(days=1)).sign(ca_key, hashes.SHA256()))
    else:
        cert = (builder.issuer_name(name("127.0.0.1")).not_valid_before(now - datetime.timedelta(hours=1))
                .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    cert_path = write(os.path.join(directory, kind + ".crt"), cert.public_bytes(serialization.Encoding.PEM))
    key_path = write(os.path.join(directory, kind + ".key"), key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path, ca_path


def main():
    server = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 3 and sys.argv[1] == "--tls":
        import ssl, tempfile
        cert, key, ca = make_certificate(sys.argv[2], tempfile.mkdtemp(prefix="avail-tls-"))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        print(f"{server.server_address[1]}\t{ca or ''}", flush=True)
    else:
        print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the test closes our stdin

if __name__ == "__main__":
    main()
