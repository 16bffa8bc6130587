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
