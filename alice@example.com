# avail 0.1.0 trace
> POST http://127.0.0.1:58080/caldav.php/alice/.out/
> Authorization: [redacted: Basic for alice]
> Content-Type: text/calendar; charset=utf-8
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//avail//avail 0.1.0//EN
METHOD:REQUEST
BEGIN:VFREEBUSY
UID:202a7ef2-e699-6597-412b-82e05c4fafda@avail
DTSTAMP:20261201T171057Z
DTSTART:20261207T000000Z
DTEND:20261214T000000Z
ORGANIZER:mailto:alice@example.com
ATTENDEE:mailto:bob@example.com
ATTENDEE:mailto:carol@example.com
ATTENDEE:mailto:dave@example.com
END:VFREEBUSY
END:VCALENDAR

< 200 OK (http://127.0.0.1:58080/caldav.php/alice/.out/)
< Date: Tue, 01 Dec 2026 17:10:57 GMT
< Server: Apache/2.4.71 (Debian)
< DAV: 1, 2, 3, access-control, calendar-access, calendar-schedule
< DAV: extended-mkcol, bind, addressbook, calendar-auto-schedule, calendar-proxy
< ETag: "5e9646b6ef31b560515cfc26ff5fc8a1"
< X-DAViCal-Version: DAViCal/1.1.12; DB/1.3.5
< Content-Length: 2001
< Content-Type: text/xml; charset="utf-8"
<?xml version="1.0" encoding="utf-8" ?>
<C:schedule-response xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
 <C:response>
  <C:recipient>
   <href>mailto:bob@example.com</href>
  </C:recipient>
  <C:request-status>2.0;Success</C:request-status>
  <C:calendar-data>BEGIN:VCALENDAR
PRODID:-//davical.org//NONSGML AWL Calendar//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REPLY
BEGIN:VFREEBUSY
DTSTAMP:20261201T171057Z
DTSTART:20261207T000000Z
DTEND:20261214T000000Z
FREEBUSY:20261206T220000Z/20261207T010000Z
FREEBUSY:20261207T080000Z/20261207T083000Z
FREEBUSY:20261207T090000Z/20261207T100000Z
FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261207T110000Z/20261207T120000Z
FREEBUSY:20261208T080000Z/20261208T083000Z
FREEBUSY:20261208T140000Z/20261208T150000Z
FREEBUSY:20261210T000000Z/20261211T000000Z
FREEBUSY:20261210T080000Z/20261210T083000Z
FREEBUSY:20261211T080000Z/20261211T083000Z
FREEBUSY:20261211T100000Z/20261211T110000Z
FREEBUSY:20261211T103000Z/20261211T113000Z
UID:202a7ef2-e699-6597-412b-82e05c4fafda@avail
ORGANIZER:mailto:alice@example.com
ATTENDEE:mailto:bob@example.com
END:VFREEBUSY
END:VCALENDAR
</C:calendar-data>
 </C:response>
 <C:response>
  <C:recipient>
   <href>mailto:carol@example.com</href>
  </C:recipient>
  <C:request-status>2.0;Success</C:request-status>
  <C:calendar-data>BEGIN:VCALENDAR
PRODID:-//davical.org//NONSGML AWL Calendar//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REPLY
BEGIN:VFREEBUSY
DTSTAMP:20261201T171057Z
DTSTART:20261207T000000Z
DTEND:20261214T000000Z
FREEBUSY:20261208T100000Z/20261208T120000Z
FREEBUSY:20261209T130000Z/20261209T150000Z
UID:202a7ef2-e699-6597-412b-82e05c4fafda@avail
ORGANIZER:mailto:alice@example.com
ATTENDEE:mailto:carol@example.com
END:VFREEBUSY
END:VCALENDAR
</C:calendar-data>
 </C:response>
 <C:response>
  <C:recipient>
   <href>mailto:dave@example.com</href>
  </C:recipient>
  <C:request-status>3.8;No authority</C:request-status>
  <C:calendar-data/>
 </C:response>
</C:schedule-response>

