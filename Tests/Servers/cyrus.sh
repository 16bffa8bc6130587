#!/usr/bin/env bash
# A private Cyrus IMAP 3.6 with its CalDAV module, on loopback, for the
# integration tests.
#
#   Tests/Servers/cyrus.sh start|stop|status|install
#
# Everything lives under $AVAIL_TEST_STATE/cyrus (default
# /tmp/avail-test-servers/cyrus): its own imapd.conf and cyrus.conf, its own
# sasldb, spool, sockets and pid file; the system's /etc/imapd.conf, its
# sasldb and any running Cyrus are not touched. httpd (CalDAV) listens on
# 127.0.0.1:58008, imapd (used only to create the mailboxes) on
# 127.0.0.1:58143.
#
# Users alice, bob, carol with password NAMEpw, addresses
# mailto:NAME@example.com; bob and carol get a seeded week like the one on
# DAViCal (see seed below).
set -euo pipefail

STATE_ROOT=${AVAIL_TEST_STATE:-/tmp/avail-test-servers}
STATE=$STATE_ROOT/cyrus
HTTP_PORT=${AVAIL_TEST_CYRUS_PORT:-58008}
IMAP_PORT=${AVAIL_TEST_CYRUS_IMAP_PORT:-58143}
HERE=$(cd "$(dirname "$0")" && pwd)
URL=http://127.0.0.1:$HTTP_PORT
USERS="alice bob carol"

. "$HERE/common.sh"
say() { printf 'cyrus.sh: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; [ -s "$STATE/master.log" ] && { say "last lines of $STATE/master.log:"; tail -n 15 "$STATE/master.log" >&2; }; exit 1; }

install_packages() { install_missing cyrus-imapd cyrus-caldav cyrus-admin sasl2-bin curl python3; }

running() { [ -f "$STATE/master.pid" ] && kill -0 "$(cat "$STATE/master.pid")" 2>/dev/null; }

write_config() {
  mkdir -p "$STATE"/{config,spool,sieve,run/socket,run/proc,run/lock}
  cat > "$STATE/imapd.conf" <<CONF
configdirectory: $STATE/config
defaultpartition: default
partition-default: $STATE/spool
sievedir: $STATE/sieve
proc_path: $STATE/run/proc
mboxname_lockpath: $STATE/run/lock
lmtpsocket: $STATE/run/socket/lmtp
idlesocket: $STATE/run/socket/idle
notifysocket: $STATE/run/socket/notify
servername: localhost
admins: cyrus
allowplaintext: yes
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: $STATE/sasldb2
sasl_mech_list: PLAIN LOGIN
altnamespace: no
unixhierarchysep: no
umask: 077
httpmodules: caldav
httpallowcompress: no
caldav_allowscheduling: on
calendar_user_address_set: example.com
syslog_prefix: avail-test-cyrus
CONF
  cat > "$STATE/cyrus.conf" <<CONF
START {
  recover cmd="/usr/lib/cyrus/bin/ctl_cyrusdb -C $STATE/imapd.conf -r"
}
SERVICES {
  imap cmd="imapd -C $STATE/imapd.conf -U 30" listen="127.0.0.1:$IMAP_PORT" prefork=0 maxchild=10
  http cmd="httpd -C $STATE/imapd.conf -U 30" listen="127.0.0.1:$HTTP_PORT" prefork=1 maxchild=20
}
EVENTS {
}
CONF
}

start() {
  install_packages
  if running; then say "already running"; write_env; return 0; fi
  # A fresh instance each time: no state from an earlier run leaks in.
  rm -rf "$STATE"
  write_config
  chown -R cyrus:mail "$STATE"
  # sasldb with the test users (servername localhost is the realm).
  rm -f "$STATE/sasldb2"
  echo cyruspw | saslpasswd2 -p -c -f "$STATE/sasldb2" -u localhost cyrus
  for u in $USERS; do echo "${u}pw" | saslpasswd2 -p -c -f "$STATE/sasldb2" -u localhost "$u"; done
  chown cyrus:mail "$STATE/sasldb2"; chmod 0640 "$STATE/sasldb2"
  : > "$STATE/master.log"; chown cyrus:mail "$STATE/master.log"
  setsid /usr/lib/cyrus/bin/master -C "$STATE/imapd.conf" -M "$STATE/cyrus.conf" -p "$STATE/master.pid" -D \
    </dev/null >> "$STATE/master.log" 2>&1 &
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/" && break; sleep 0.1
  done
  curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/" || die "httpd does not answer on $HTTP_PORT"
  running || die "master did not write its pid file"
  seed
  write_env
  say "Cyrus CalDAV at http://127.0.0.1:$HTTP_PORT/ (users: $USERS, password NAMEpw)"
}

imap_admin() { # imap_admin create|lookup-acl USER...
  python3 - "$IMAP_PORT" "$@" <<'PY' || die "IMAP administration ($1) failed"
import imaplib, sys
port, action, users = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
imap = imaplib.IMAP4("127.0.0.1", port)
imap.login("cyrus", "cyruspw")
for user in users:
    if action == "create":
        # The DAV collections of a user exist once their mailbox does (what
        # cyradm's `cm user.NAME` does).
        status, data = imap.create("user." + user)
    else:
        # Cyrus's principal-property-search lists only the principals whose
        # calendar home the searcher may look up (ACL right `l`); grant it so
        # `avail who` finds colleagues, as a site would for its directory.
        status, data = imap.setacl(f'"user.{user}.#calendars"', "anyone", "l")
    if status != "OK":
        sys.exit(f"{action} {user}: {status} {data}")
imap.logout()
PY
}

calendar_path() { echo "/dav/calendars/user/$1/Default/"; }

seed() {
  imap_admin create $USERS
  # The calendar home (with Default, Inbox, Outbox) is made on first use.
  local u code
  for u in $USERS; do
    code=$(dav "$u" PROPFIND "/dav/calendars/user/$u/" "" "application/xml")
    [ "$code" = 207 ] || die "PROPFIND of $u's calendar home answered $code"
  done
  imap_admin lookup-acl $USERS
  seed_week # the same week as on DAViCal
}

write_env() {
  cat > "$STATE_ROOT/cyrus.env" <<ENV
AVAIL_TEST_CYRUS_URL=http://127.0.0.1:$HTTP_PORT/
ENV
}

stop() {
  if running; then
    local pid; pid=$(cat "$STATE/master.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$STATE/master.pid" "$STATE_ROOT/cyrus.env"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running && say "running (pid $(cat "$STATE/master.pid"))" || say "stopped" ;;
  install) install_packages ;;
  *) echo "usage: $0 start|stop|status|install" >&2; exit 2 ;;
esac
