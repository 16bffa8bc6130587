#!/usr/bin/env python3
"""Calendars for the benchmark users on the private DAViCal (davical.sh
seed-bench makes the principals with SQL first): for each of bench001..benchN a
calendar with a daily stand-up for the bench week (Mon 2026-12-07, five days,
RRULE) and one longer meeting, so every free/busy answer has real periods.
Eight requests at a time; stdlib only."""
import base64, concurrent.futures, sys, urllib.request

base, count = sys.argv[1].rstrip("/"), int(sys.argv[2])

def request(user, method, path, body=None, ctype="text/calendar; charset=utf-8"):
    req = urllib.request.Request(base + path, data=body, method=method)
    token = base64.b64encode(f"{user}:{user}pw".encode()).decode()
    req.add_header("Authorization", "Basic " + token)
    req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code

def event(uid, lines):
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//avail bench//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n" + "".join(l + "\r\n" for l in lines) +
            "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()

def seed(i):
    user = f"bench{i:03d}"
    code = request(user, "MKCALENDAR", f"/caldav.php/{user}/calendar/", b"", "application/xml")
    if code not in (201, 405, 409):
        return f"{user}: MKCALENDAR {code}"
    hour = 8 + i % 8
    day = 7 + i % 5
    for uid, lines in [
        (f"{user}-standup", [f"DTSTART:20261207T{hour:02d}0000Z", f"DTEND:20261207T{hour:02d}3000Z", "RRULE:FREQ=DAILY;COUNT=5", "SUMMARY:Stand-up"]),
        (f"{user}-meeting", [f"DTSTART:202612{day:02d}T{13 + i % 3:02d}0000Z", f"DTEND:202612{day:02d}T{15 + i % 3:02d}0000Z", "SUMMARY:Meeting"]),
    ]:
        code = request(user, "PUT", f"/caldav.php/{user}/calendar/{uid}.ics", event(uid, lines))
        if code not in (201, 204):
            return f"{user}: PUT {uid} {code}"
    return None

with concurrent.futures.ThreadPoolExecutor(8) as pool:
    problems = [p for p in pool.map(seed, range(1, count + 1)) if p]
if problems:
    sys.exit("seed_bench: " + "; ".join(problems[:5]))
