# Shared by the server scripts here (sourced, not run). The caller defines
# say() and die().

# apt-get installs whichever of the named Debian packages are missing.
# Debian's packages may try to start system services on install; where
# policy-rc.d refuses that (as on the CI machines) nothing starts, and our own
# instances use their own ports and folders either way.
install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]}"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}

# event UID LINE... writes $STATE/event.ics: one VEVENT with those lines
# (TZ_BLOCK=berlin adds the Europe/Berlin VTIMEZONE). Used by the seeders.
event() { # event UID BODY... (the lines between BEGIN:VEVENT and END:VEVENT)
  local uid=$1; shift
  {
    printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//avail tests//seed//EN\r\n'
    if [ "${TZ_BLOCK:-}" = berlin ]; then
      printf 'BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n'
    fi
    printf 'BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20261101T000000Z\r\n' "$uid"
    for line in "$@"; do printf '%s\r\n' "$line"; done
    printf 'END:VEVENT\r\nEND:VCALENDAR\r\n'
  } > "$STATE/event.ics"
}

# dav USER METHOD PATH [BODYFILE] [content-type]: one request as USER (password
# USERpw) to $URL$PATH; prints the status, keeps the body in $STATE/last-response.
dav() {
  local user=$1 method=$2 path=$3 body=${4:-} type=${5:-text/calendar; charset=utf-8}
  local args=(-s -o "$STATE/last-response" -w '%{http_code}' -K - -X "$method" -H "Content-Type: $type")
  [ -n "$body" ] && args+=(--data-binary "@$body")
  # Credentials through stdin (-K -), never on the command line.
  printf 'user = "%s:%spw"\n' "$user" "$user" | curl "${args[@]}" "$URL$path"
}

# put_event USER UID LINES...: stores one event in USER's calendar, whose path
# the calling script gives with calendar_path USER.
put_event() {
  local user=$1 uid=$2; shift 2
  event "$uid" "$@"
  local code; code=$(dav "$user" PUT "$(calendar_path "$user")$uid.ics" "$STATE/event.ics")
  case $code in 201|204) ;; *) die "PUT $uid for $user answered $code: $(head -c 300 "$STATE/last-response")";; esac
}

# The week every CalDAV server in the tests holds for bob and carol (Monday
# 2026-12-07 to Saturday 2026-12-12; Tests/Servers/README.md lists the busy
# time each event must give), so the tests expect the same from each server.
seed_week() {
  # bob: one event of each kind the free/busy engine must get right.
  put_event bob bob-opaque "SUMMARY:Opaque" "DTSTART:20261207T090000Z" "DTEND:20261207T100000Z"
  put_event bob bob-tentative "SUMMARY:Tentative" "STATUS:TENTATIVE" "DTSTART:20261207T110000Z" "DTEND:20261207T120000Z"
  put_event bob bob-transparent "SUMMARY:Transparent" "TRANSP:TRANSPARENT" "DTSTART:20261207T130000Z" "DTEND:20261207T140000Z"
  put_event bob bob-recurring "SUMMARY:Standup" "DTSTART:20261207T080000Z" "DTEND:20261207T083000Z" "RRULE:FREQ=DAILY;COUNT=5" "EXDATE:20261209T080000Z"
  put_event bob bob-allday "SUMMARY:Offsite" "DTSTART;VALUE=DATE:20261210" "DTEND;VALUE=DATE:20261211"
  TZ_BLOCK=berlin put_event bob bob-berlin "SUMMARY:Berlin call" "DTSTART;TZID=Europe/Berlin:20261208T150000" "DTEND;TZID=Europe/Berlin:20261208T160000"
  put_event bob bob-overlap-1 "SUMMARY:Overlap one" "DTSTART:20261211T100000Z" "DTEND:20261211T110000Z"
  put_event bob bob-overlap-2 "SUMMARY:Overlap two" "DTSTART:20261211T103000Z" "DTEND:20261211T113000Z"
  put_event bob bob-straddle "SUMMARY:Late night" "DTSTART:20261206T220000Z" "DTEND:20261207T010000Z"
  put_event bob bob-cancelled "SUMMARY:Cancelled" "STATUS:CANCELLED" "DTSTART:20261208T090000Z" "DTEND:20261208T100000Z"
  put_event carol carol-1 "SUMMARY:Review" "DTSTART:20261208T100000Z" "DTEND:20261208T120000Z"
  put_event carol carol-2 "SUMMARY:Planning" "DTSTART:20261209T130000Z" "DTEND:20261209T150000Z"
}
