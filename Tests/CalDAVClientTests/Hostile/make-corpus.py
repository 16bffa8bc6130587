#!/usr/bin/env python3
"""Writes the hostile-answer corpus: one file per case and expected.tsv, which
says what avail must make of each (see Tests/CalDAVClientTests/HostileCorpusTests.swift).
Re-run after editing a case; the files are committed."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
C = "urn:ietf:params:xml:ns:caldav"
cases = []  # (name, bytes, expectation)

def vcal(*lines, eol="\r\n"):
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REPLY", "BEGIN:VFREEBUSY",
            "DTSTART:20261207T000000Z", "DTEND:20261212T000000Z", *lines, "END:VFREEBUSY", "END:VCALENDAR"]
    return eol.join(body) + eol

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")

def resp(recipient, status, data=None, extra=""):
    d = "" if data is None else f"<C:calendar-data>{esc(data)}</C:calendar-data>"
    return (f"<C:response><C:recipient><D:href>{recipient}</D:href></C:recipient>"
            f"<C:request-status>{status}</C:request-status>{d}{extra}</C:response>")

def doc(*responses, head='<?xml version="1.0" encoding="utf-8"?>\n'):
    return (head + f'<C:schedule-response xmlns:D="DAV:" xmlns:C="{C}">' + "".join(responses) + "</C:schedule-response>").encode()

GOOD = vcal("FREEBUSY:20261207T090000Z/20261207T100000Z")
BOB = lambda data=GOOD, status="2.0;Success": resp("mailto:bob@example.com", status, data)
DAVE = resp("mailto:dave@example.com", "3.8;No authority", "")

def case(name, data, expect):
    cases.append((name, data if isinstance(data, bytes) else data.encode(), expect))

# Malformed XML
case("unclosed-tag.xml", doc(BOB(), DAVE)[:-10], "error")
case("wrong-nesting.xml", f'<C:schedule-response xmlns:D="DAV:" xmlns:C="{C}"><C:response><C:recipient></C:response></C:recipient></C:schedule-response>', "error")
case("bad-encoding-declaration.xml", doc(BOB(), DAVE, head='<?xml version="1.0" encoding="no-such-charset"?>\n'), "error")
case("non-utf8-bytes.xml", doc(BOB(), DAVE).replace(b"No authority", b"No \xff\xfe authority"), "error")
case("bom.xml", b"\xef\xbb\xbf" + doc(BOB(), DAVE), "bob=2.0+1 dave=3.8-")
case("html-200.html", "<html><head><title>Login</title></head><body><form>Please log in</form></body></html>", "error")
case("empty.xml", b"", "error")
case("whitespace-only.xml", b"  \r\n\t ", "error")
case("truncated-in-calendar-data.xml", doc(BOB(), DAVE)[:180], "error")
case("deep-nesting.xml", f'<C:schedule-response xmlns:C="{C}">' + "<x>" * 300 + "</x>" * 300 + "</C:schedule-response>", "error")
case("xxe-local-file.xml", f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY s SYSTEM "file:///etc/passwd">]>\n<C:schedule-response xmlns:D="DAV:" xmlns:C="{C}"><C:response><C:recipient><D:href>&s;</D:href></C:recipient><C:request-status>2.0</C:request-status></C:response></C:schedule-response>', "error")
laughs = '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + f']>\n<C:schedule-response xmlns:C="{C}">&lol9;</C:schedule-response>'
case("billion-laughs.xml", laughs, "error")
case("doctype-only-internal.xml", f'<?xml version="1.0"?>\n<!DOCTYPE x>\n<C:schedule-response xmlns:C="{C}"/>', "error")

# Wrong documents
case("root-multistatus.xml", '<D:multistatus xmlns:D="DAV:"><D:response><D:href>/</D:href></D:response></D:multistatus>', "error")
case("caldav-elements-in-dav-namespace.xml", doc().replace(C.encode(), b"DAV:"), "error")
case("caldav-elements-no-namespace.xml", "<schedule-response><response><recipient>mailto:bob@example.com</recipient><request-status>2.0</request-status></response></schedule-response>", "error")
case("response-without-recipient.xml", doc("<C:response><C:request-status>2.0</C:request-status></C:response>"), "error")
case("empty-recipient.xml", doc(resp("  ", "2.0", GOOD)), "error")

# Odd but valid XML
case("no-response.xml", doc(), "bob=?- dave=?-")
case("self-closing-schedule-response.xml", f'<C:schedule-response xmlns:C="{C}"/>', "bob=?- dave=?-")
case("recipient-missing.xml", doc(DAVE), "bob=?- dave=3.8-")
case("recipient-repeated.xml", doc(BOB(), BOB(vcal()), DAVE), "bob=2.0+1 dave=3.8-")
case("unknown-namespace-elements.xml", doc(BOB(), DAVE).replace(b"</C:schedule-response>", b'<X:extra xmlns:X="urn:x"><X:y>1</X:y></X:extra></C:schedule-response>'), "bob=2.0+1 dave=3.8-")
case("prefix-named-DAV.xml", f'<DAV:schedule-response xmlns:DAV="{C}" xmlns:C="DAV:"><DAV:response><DAV:recipient><C:href>mailto:bob@example.com</C:href></DAV:recipient><DAV:request-status>2.0</DAV:request-status><DAV:calendar-data>{esc(GOOD)}</DAV:calendar-data></DAV:response></DAV:schedule-response>', "bob=2.0+1 dave=?-")
case("default-namespace-redefined.xml", f'<schedule-response xmlns="{C}"><response><recipient><href xmlns="DAV:">mailto:bob@example.com</href></recipient><request-status>2.0</request-status><calendar-data>{esc(GOOD)}</calendar-data></response></schedule-response>', "bob=2.0+1 dave=?-")
case("comments-and-pis.xml", doc(BOB(), DAVE).replace(b"<C:response>", b"<!-- hi --><?pi data?><C:response>", 1), "bob=2.0+1 dave=3.8-")
case("recipient-bare-text.xml", doc(f"<C:response><C:recipient>mailto:bob@example.com</C:recipient><C:request-status>2.0</C:request-status><C:calendar-data>{esc(GOOD)}</C:calendar-data></C:response>"), "bob=2.0+1 dave=?-")
case("recipient-whitespace.xml", doc(resp("\n   mailto:bob@example.com \n", "2.0", GOOD)), "bob=2.0+1 dave=?-")
case("recipient-upper-case.xml", doc(resp("MAILTO:BOB@EXAMPLE.COM", "2.0", GOOD)), "bob=2.0+1 dave=?-")
case("cdata-calendar-data.xml", doc(f"<C:response><C:recipient><D:href>mailto:bob@example.com</D:href></C:recipient><C:request-status>2.0</C:request-status><C:calendar-data><![CDATA[{GOOD}]]></C:calendar-data></C:response>"), "bob=2.0+1 dave=?-")
case("cdata-split.xml", doc(f"<C:response><C:recipient><D:href>mailto:bob@example.com</D:href></C:recipient><C:request-status>2.0</C:request-status><C:calendar-data><![CDATA[{GOOD[:40]}]]><![CDATA[{GOOD[40:]}]]></C:calendar-data></C:response>"), "bob=2.0+1 dave=?-")
case("per-recipient-dav-error.xml", doc(resp("mailto:bob@example.com", "3.7;Invalid Calendar User", None, "<D:error><C:recipient-exists/></D:error><D:responsedescription>no such user</D:responsedescription>"), DAVE), "bob=3.7- dave=3.8-")
case("top-level-responsedescription.xml", doc(BOB(), DAVE).replace(b"</C:schedule-response>", b"<D:responsedescription>partial</D:responsedescription></C:schedule-response>"), "bob=2.0+1 dave=3.8-")
# C0 controls are not XML at all; C1 controls and DEL are, and must still print harmlessly.
case("control-chars-in-status.xml", doc(BOB(status="2.0;Su\x01cc\x1b[2Jess"), DAVE), "error")
case("c1-controls-in-status.xml", doc(BOB(status="2.0;Su\u009b31mcc\x7fess"), DAVE), "bob=2.0+1 dave=3.8-")

# Statuses
case("status-without-text.xml", doc(BOB(status="2.0"), DAVE), "bob=2.0+1 dave=3.8-")
case("status-garbage.xml", doc(BOB(status="hello"), DAVE), "bob=?- dave=3.8-")
case("status-empty.xml", doc(BOB(status=""), DAVE), "bob=?- dave=3.8-")
case("status-5-3.xml", doc(BOB(), resp("mailto:dave@example.com", "5.3;No scheduling support for user")), "bob=2.0+1 dave=5.3-")
case("status-2-0-without-data.xml", doc(resp("mailto:bob@example.com", "2.0")), "bob=2.0- dave=?-")

# iCalendar inside
case("garbage-icalendar.xml", doc(BOB("hello, world"), DAVE), "bob=2.0- dave=3.8-")
case("end-before-start.xml", doc(BOB(vcal("FREEBUSY:20261207T100000Z/20261207T090000Z")), DAVE), "bob=2.0- dave=3.8-")
case("zero-length-period.xml", doc(BOB(vcal("FREEBUSY:20261207T090000Z/20261207T090000Z")), DAVE), "bob=2.0+0 dave=3.8-")
case("ten-year-period.xml", doc(BOB(vcal("FREEBUSY:20200101T000000Z/20300101T000000Z")), DAVE), "bob=2.0+1 dave=3.8-")
case("date-out-of-range.xml", doc(BOB(vcal("FREEBUSY:99999999T000000Z/PT1H")), DAVE), "bob=2.0- dave=3.8-")
case("month-13.xml", doc(BOB(vcal("FREEBUSY:20261307T090000Z/PT1H")), DAVE), "bob=2.0- dave=3.8-")
case("non-utc-freebusy.xml", doc(BOB(vcal("FREEBUSY:20261207T090000/20261207T100000")), DAVE), "bob=2.0- dave=3.8-")
case("fractional-seconds.xml", doc(BOB(vcal("FREEBUSY:20261207T090000.5Z/PT1H")), DAVE), "bob=2.0- dave=3.8-")
case("negative-duration.xml", doc(BOB(vcal("FREEBUSY:20261207T090000Z/-PT1H")), DAVE), "bob=2.0- dave=3.8-")
case("huge-duration.xml", doc(BOB(vcal("FREEBUSY:20261207T090000Z/P9999999W")), DAVE), "bob=2.0- dave=3.8-")
case("duration-forms.xml", doc(BOB(vcal("FREEBUSY:20261207T090000Z/PT1H,20261210T000000Z/P1D")), DAVE), "bob=2.0+2 dave=3.8-")
case("several-periods-one-line.xml", doc(BOB(vcal("FREEBUSY;FBTYPE=BUSY:20261207T090000Z/20261207T100000Z,20261208T090000Z/20261208T100000Z,20261209T090000Z/20261209T100000Z")), DAVE), "bob=2.0+3 dave=3.8-")
case("fbtype-free-only.xml", doc(BOB(vcal("FREEBUSY;FBTYPE=FREE:20261207T090000Z/PT1H")), DAVE), "bob=2.0+0 dave=3.8-")
case("fbtype-x-name.xml", doc(BOB(vcal("FREEBUSY;FBTYPE=X-OUT-OF-OFFICE:20261207T090000Z/PT1H")), DAVE), "bob=2.0+1 dave=3.8-")
case("fbtype-lower-case.xml", doc(BOB(vcal("FREEBUSY;fbtype=busy-tentative:20261207T090000Z/PT1H")), DAVE), "bob=2.0+1 dave=3.8-")
case("folded-mid-value.xml", doc(BOB(vcal("FREEBUSY:20261207T090000Z/2026\r\n 1207T100000Z")), DAVE), "bob=2.0+1 dave=3.8-")
case("lf-only.xml", doc(BOB(vcal("FREEBUSY:20261207T090000Z/20261207T100000Z", eol="\n")), DAVE), "bob=2.0+1 dave=3.8-")
case("no-vfreebusy.xml", doc(BOB("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), DAVE), "bob=2.0- dave=3.8-")
case("unbalanced-components.xml", doc(BOB("BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\nFREEBUSY:20261207T090000Z/PT1H\r\nEND:VCALENDAR\r\n"), DAVE), "bob=2.0- dave=3.8-")
case("two-vfreebusy.xml", doc(BOB(GOOD.replace("END:VCALENDAR", "BEGIN:VFREEBUSY\r\nFREEBUSY:20261208T090000Z/PT5H\r\nEND:VFREEBUSY\r\nEND:VCALENDAR")), DAVE), "bob=2.0+1 dave=3.8-")
case("entity-inside-data.xml", doc(BOB(vcal("X-NOTE:a & b < c", "FREEBUSY:20261207T090000Z/PT1H")), DAVE), "bob=2.0+1 dave=3.8-")
case("leading-whitespace-data.xml", doc(BOB("\n\n   \n" + GOOD), DAVE), "bob=2.0+1 dave=3.8-")
case("overlapping-unmerged.xml", doc(BOB(vcal("FREEBUSY:20261207T090000Z/20261207T100000Z", "FREEBUSY:20261207T093000Z/20261207T110000Z", "FREEBUSY:20261207T110000Z/PT1H")), DAVE), "bob=2.0+1 dave=3.8-")
case("straddling-window.xml", doc(BOB(vcal("FREEBUSY:20261206T220000Z/20261207T010000Z", "FREEBUSY:20261211T230000Z/20261213T000000Z")), DAVE), "bob=2.0+2 dave=3.8-")

with open(os.path.join(HERE, "expected.tsv"), "w") as manifest:
    manifest.write("# file\texpectation (error = not a schedule-response: exit 6; else per attendee: CODE, +N known with N busy periods, - unknown)\n")
    for name, data, expect in cases:
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        manifest.write(f"{name}\t{expect}\n")
print(len(cases), "cases")
