#!/usr/bin/env python3
"""The python `caldav` library doing what `avail query` does: discovery, then a
free/busy request for the attendees over a window (principal.freebusy_request).
Used by make bench as the comparison a script writer would otherwise reach for."""
import sys
from datetime import datetime, timezone

import caldav

url, user, password = sys.argv[1:4]
attendees = sys.argv[4:]
client = caldav.DAVClient(url=url, username=user, password=password)
principal = client.principal()
start = datetime(2026, 12, 7, tzinfo=timezone.utc)
end = datetime(2026, 12, 12, tzinfo=timezone.utc)
answer = principal.freebusy_request(start, end, [f"mailto:{a}" for a in attendees])
# Touch the answer as avail does: each recipient's status and calendar data.
count = len(str(answer))
print(count, file=sys.stderr if count == 0 else sys.stdout)
