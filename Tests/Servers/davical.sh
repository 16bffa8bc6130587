#!/usr/bin/env bash
# A private DAViCal for avail's integration tests, on loopback only.
#
#   Tests/Servers/davical.sh install   apt-get what is missing (davical, postgresql, apache2, php)
#   Tests/Servers/davical.sh start     install, then start and seed (idempotent; re-seeds if running)
#   Tests/Servers/davical.sh stop      stop exactly what start started
#   Tests/Servers/davical.sh status
#   Tests/Servers/davical.sh pause|resume   stop/start only Apache (tests of a dead server)
#
# It leaves the machine's own services alone: a PostgreSQL cluster of its own
# ("avail", port 55432, manual start), an Apache of its own started with its own
# config file (127.0.0.1:58080 for DAViCal, 127.0.0.1:58081 for a plain web site
# with no CalDAV), and a DAViCal config file picked by its own ServerName.
# Everything else lives under $AVAIL_TEST_STATE (default /tmp/avail-test-servers).
# See Tests/Servers/README.md for the users and the seeded week.
set -euo pipefail

STATE_ROOT=${AVAIL_TEST_STATE:-/tmp/avail-test-servers}
STATE=$STATE_ROOT/davical
PG_CLUSTER=avail
PG_PORT=${AVAIL_TEST_PG_PORT:-55432}
HTTP_PORT=${AVAIL_TEST_DAVICAL_PORT:-58080}
PLAIN_PORT=${AVAIL_TEST_NOCALDAV_PORT:-58081}
SERVER_NAME=avail-test-davical
DAVICAL_CONF=/etc/davical/$SERVER_NAME-conf.php
URL=http://127.0.0.1:$HTTP_PORT
PACKAGES=(davical postgresql apache2 libapache2-mod-php php-pgsql curl)
USERS=(alice bob carol dave)
# Rooms: Resource principals (principal_type 2), which DAViCal reports with
# calendar-user-type RESOURCE (it has no ROOM yet).
ROOMS=(room1 room2)

. "$(dirname "$0")/common.sh"
say() { printf 'davical.sh: %s\n' "$*" >&2; }
die() {
  say "ERROR: $*"
  for log in "$STATE/error.log" "$STATE/postgresql.log"; do
    [ -s "$log" ] && { say "last lines of $log:"; tail -n 15 "$log" >&2; }
  done
  exit 1
}

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1; }

install_packages() { install_missing "${PACKAGES[@]}"; }

# ---------------------------------------------------------------- PostgreSQL
pg_running() { pg_lsclusters -h 2>/dev/null | awk -v c="$PG_CLUSTER" '$2 == c {print $4}' | grep -q online; }

start_postgres() {
  local ver; ver=$(pg_version); [ -n "$ver" ] || die "PostgreSQL is not installed"
  if ! pg_lsclusters -h | awk '{print $2}' | grep -qx "$PG_CLUSTER"; then
    say "creating PostgreSQL cluster $ver/$PG_CLUSTER on port $PG_PORT"
    pg_createcluster "$ver" "$PG_CLUSTER" -p "$PG_PORT" --start-conf=manual >/dev/null || die "pg_createcluster failed"
    local hba=/etc/postgresql/$ver/$PG_CLUSTER/pg_hba.conf
    # DAViCal's database users connect over the local socket without a password.
    { printf 'local davical davical_app trust\nlocal davical davical_dba trust\n'; cat "$hba"; } > "$hba.new" && mv "$hba.new" "$hba"
    chown postgres:postgres "$hba"
  fi
  install -d -o postgres -g postgres /var/run/postgresql
  if ! pg_running; then
    pg_ctlcluster "$ver" "$PG_CLUSTER" start || die "cannot start PostgreSQL cluster $ver/$PG_CLUSTER"
  fi
}

psql_davical() { su postgres -c "psql -qXAt -p $PG_PORT -d davical -v ON_ERROR_STOP=1" ; }

create_database() {
  if su postgres -c "psql -qXAt -p $PG_PORT -l" | cut -d'|' -f1 | grep -qx davical; then return; fi
  say "creating the davical database"
  (cd /usr/share/davical/dba && su postgres -c "PGPORT=$PG_PORT DBAOPTS='--dbport $PG_PORT' ./create-database.sh davical adminpw" \
    > "$STATE/create-database.log" 2>&1) || { cat "$STATE/create-database.log" >&2; die "create-database.sh failed"; }
}

seed_principals() {
  # Passwords are "<user>pw", stored as **plain. default_privileges 7680 grants
  # read-free-busy (512) and schedule-deliver (1024+2048+4096) to everyone;
  # dave grants nothing, so asking about him must give 3.8.
  {
    for u in "${USERS[@]}"; do
      local privs=7680; [ "$u" = dave ] && privs=0
      local full; full="$(tr '[:lower:]' '[:upper:]' <<<"${u:0:1}")${u:1} Example"
      cat <<SQL
INSERT INTO usr (username, password, fullname, email, active)
  SELECT '$u', '**${u}pw', '$full', '$u@example.com', TRUE
  WHERE NOT EXISTS (SELECT 1 FROM usr WHERE lower(username) = '$u');
INSERT INTO principal (type_id, user_no, displayname, default_privileges)
  SELECT 1, user_no, '$full', $privs::bit(24) FROM usr
  WHERE lower(username) = '$u' AND NOT EXISTS (SELECT 1 FROM principal p WHERE p.user_no = usr.user_no);
UPDATE principal SET default_privileges = $privs::bit(24)
  WHERE user_no = (SELECT user_no FROM usr WHERE lower(username) = '$u');
SQL
    done
  } | psql_davical >/dev/null || die "seeding principals failed"
}

# Rooms as Resource principals (type_id 2): one usr row (the room logs in as
# itself, password "<room>pw", to create its calendar) and one principal row,
# free/busy and scheduling open to everyone like the users'. Idempotent: the
# database survives restarts.
seed_rooms() {
  {
    for r in "${ROOMS[@]}"; do
      local full="Room ${r#room}"
      cat <<SQL
INSERT INTO usr (username, password, fullname, email, active)
  SELECT '$r', '**${r}pw', '$full', '$r@example.com', TRUE
  WHERE NOT EXISTS (SELECT 1 FROM usr WHERE lower(username) = '$r');
INSERT INTO principal (type_id, user_no, displayname, default_privileges)
  SELECT 2, user_no, '$full', 7680::bit(24) FROM usr
  WHERE lower(username) = '$r' AND NOT EXISTS (SELECT 1 FROM principal p WHERE p.user_no = usr.user_no);
UPDATE principal SET type_id = 2, default_privileges = 7680::bit(24)
  WHERE user_no = (SELECT user_no FROM usr WHERE lower(username) = '$r');
SQL
    done
  } | psql_davical >/dev/null || die "seeding rooms failed"
}

# For make bench: bench001..benchN (password NAMEpw, free/busy visible to all),
# each with a calendar holding a week of meetings (seed_bench.py). Idempotent:
# skipped when the last user already has its events.
seed_bench() {
  local n=${1:-200} last
  last=$(printf 'bench%03d' "$n")
  local have
  have=$(echo "SELECT count(*) FROM caldav_data d JOIN usr u ON u.user_no = d.user_no WHERE u.username = '$last';" | psql_davical)
  if [ "${have:-0}" -ge 2 ]; then say "bench users bench001..$last already seeded"; return 0; fi
  {
    for i in $(seq "$n"); do
      local u; u=$(printf 'bench%03d' "$i")
      cat <<SQL
INSERT INTO usr (username, password, fullname, email, active)
  SELECT '$u', '**${u}pw', 'Bench $i', '$u@example.com', TRUE
  WHERE NOT EXISTS (SELECT 1 FROM usr WHERE lower(username) = '$u');
INSERT INTO principal (type_id, user_no, displayname, default_privileges)
  SELECT 1, user_no, 'Bench $i', 7680::bit(24) FROM usr
  WHERE lower(username) = '$u' AND NOT EXISTS (SELECT 1 FROM principal p WHERE p.user_no = usr.user_no);
SQL
    done
  } | psql_davical >/dev/null || die "seeding bench principals failed"
  python3 "$(dirname "$0")/seed_bench.py" "$URL" "$n" || die "seeding bench calendars failed"
  say "seeded bench001..$last"
}

# -------------------------------------------------------------------- Apache
apache_running() { [ -f "$STATE/apache.pid" ] && kill -0 "$(cat "$STATE/apache.pid")" 2>/dev/null; }

write_apache_config() {
  local php; php=$(ls /usr/lib/apache2/modules/libphp*.so 2>/dev/null | head -n 1)
  [ -n "$php" ] || die "libapache2-mod-php is not installed"
  install -d "$STATE/run" "$STATE/static"
  chown www-data "$STATE/run"
  echo '<html><body><h1>No CalDAV here</h1></body></html>' > "$STATE/static/index.html"
  cat > "$STATE/apache.conf" <<CONF
# Written by Tests/Servers/davical.sh: a private Apache for avail's tests.
ServerRoot /etc/apache2
PidFile $STATE/apache.pid
DefaultRuntimeDir $STATE/run
Mutex file:$STATE/run default
ErrorLog $STATE/error.log
LogLevel warn
User www-data
Group www-data
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so
LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so
LoadModule php_module $php
StartServers 2
MinSpareServers 2
MaxSpareServers 6
MaxRequestWorkers 24
KeepAlive On
TypesConfig /etc/mime.types
# DAViCal picks /etc/davical/<SERVER_NAME>-conf.php: make SERVER_NAME ours.
UseCanonicalName On
Listen 127.0.0.1:$HTTP_PORT
Listen 127.0.0.1:$PLAIN_PORT
<FilesMatch "\.php\$">
  SetHandler application/x-httpd-php
</FilesMatch>
<VirtualHost 127.0.0.1:$HTTP_PORT>
  ServerName $SERVER_NAME
  DocumentRoot /usr/share/davical/htdocs
  DirectoryIndex index.php
  php_value include_path /usr/share/awl/inc
  <Directory /usr/share/davical/htdocs>
    Require all granted
    AllowOverride None
  </Directory>
  RewriteEngine On
  RewriteRule ^/\.well-known/(caldav|carddav)\$ /caldav.php/ [NC,PT,L]
  RewriteCond %{REQUEST_URI} !^/(caldav|freebusy|admin|index|setup|help|public|feed|always|inc|js|css|images)
  RewriteRule ^/(.*)\$ /caldav.php/\$1 [NC,PT,L]
</VirtualHost>
<VirtualHost 127.0.0.1:$PLAIN_PORT>
  ServerName avail-test-nocaldav
  DocumentRoot $STATE/static
  <Directory $STATE/static>
    Require all granted
  </Directory>
</VirtualHost>
CONF
  cat > "$DAVICAL_CONF" <<PHP
<?php
// Written by avail's Tests/Servers/davical.sh for its private test instance.
\$c->pg_connect[] = "dbname=davical port=$PG_PORT user=davical_app";
\$c->system_name = "avail test DAViCal";
\$c->admin_email = "admin@example.com";
\$c->restrict_setup_to_admin = true;
PHP
  chmod 644 "$DAVICAL_CONF"
}

start_apache() {
  write_apache_config
  if apache_running; then
    /usr/sbin/apache2 -f "$STATE/apache.conf" -k graceful 2>>"$STATE/error.log" || die "apache2 reload failed"
  else
    # Our ports lie inside the kernel's ephemeral range: a client connection
    # that happened to use one can hold it in TIME_WAIT for up to a minute.
    local tries=0
    until /usr/sbin/apache2 -f "$STATE/apache.conf" -k start 2>>"$STATE/error.log"; do
      tries=$((tries + 1))
      if [ "$tries" -ge 14 ] || ! tail -n 4 "$STATE/error.log" | grep -q "Address already in use"; then die "apache2 did not start"; fi
      say "port $HTTP_PORT or $PLAIN_PORT still held (TIME_WAIT); retrying in 5 s"
      sleep 5
    done
  fi
  for _ in $(seq 50); do
    curl -s -o /dev/null "$URL/" && return
    sleep 0.1
  done
  die "DAViCal does not answer on $URL"
}

# ------------------------------------------------------------------- Seeding
calendar_path() { echo "/caldav.php/$1/calendar/"; }

seed_events() {
  local u code
  # alice's calendar is where `avail book` stores the meetings she organizes.
  for u in alice bob carol dave "${ROOMS[@]}"; do
    code=$(dav "$u" MKCALENDAR "/caldav.php/$u/calendar/" "" "application/xml")
    case $code in 201|405|409) ;; *) die "MKCALENDAR for $u answered $code: $(head -c 300 "$STATE/last-response")";; esac
  done
  seed_week
  put_event dave dave-1 "SUMMARY:Private" "DTSTART:20261207T100000Z" "DTEND:20261207T110000Z"
  # room1 is taken on Tuesday morning; room2 stays free all week.
  put_event room1 room1-1 "SUMMARY:Booked" "DTSTART:20261208T090000Z" "DTEND:20261208T110000Z"
}

write_env() {
  cat > "$STATE_ROOT/davical.env" <<ENV
AVAIL_TEST_DAVICAL_URL=$URL/
AVAIL_TEST_NOCALDAV_URL=http://127.0.0.1:$PLAIN_PORT/
AVAIL_TEST_DAVICAL_USERS="alice bob carol dave"
AVAIL_TEST_DAVICAL_PASSWORD_SUFFIX=pw
ENV
}

start() {
  install_packages
  [ "$(id -u)" = 0 ] || die "start needs root (PostgreSQL cluster and Apache of its own)"
  install -d -m 755 "$STATE"
  : > "$STATE/error.log"
  start_postgres
  create_database
  seed_principals
  seed_rooms
  start_apache
  seed_events
  write_env
  say "DAViCal is up at $URL/ (plain web server at http://127.0.0.1:$PLAIN_PORT/); env in $STATE_ROOT/davical.env"
}

# Stops our Apache: its own -k stop, then SIGTERM, then SIGKILL to its process
# group, each after a wait, so that a stuck server cannot outlive the tests.
stop_apache() {
  if apache_running; then
    local pid; pid=$(cat "$STATE/apache.pid")
    /usr/sbin/apache2 -f "$STATE/apache.conf" -k stop 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  # Any Apache of ours still there (one whose pid file was lost, as when two
  # test runs paused and resumed it at once) goes too: it would hold the port.
  if pgrep -f "apache2 -f $STATE/apache.conf" >/dev/null; then
    pkill -TERM -f "apache2 -f $STATE/apache.conf" 2>/dev/null || true
    for _ in $(seq 20); do pgrep -f "apache2 -f $STATE/apache.conf" >/dev/null || break; sleep 0.1; done
    if pgrep -f "apache2 -f $STATE/apache.conf" >/dev/null; then
      say "Apache ignored SIGTERM; killing it"
      pkill -KILL -f "apache2 -f $STATE/apache.conf" 2>/dev/null || true
    fi
  fi
  rm -f "$STATE/apache.pid"
}

stop() {
  stop_apache
  local ver; ver=$(pg_version)
  if [ -n "$ver" ] && pg_running; then pg_ctlcluster "$ver" "$PG_CLUSTER" stop || true; fi
  say "stopped"
}

# For tests of a server that went away: stop or start Apache only (PostgreSQL
# and the data stay), in a fraction of a second.
pause() {
  stop_apache
  for _ in $(seq 50); do curl -s -o /dev/null "$URL/" || return 0; sleep 0.1; done
  die "Apache still answers on $URL"
}

resume() { start_apache; }

status() {
  apache_running && say "apache: running (pid $(cat "$STATE/apache.pid"))" || say "apache: stopped"
  pg_running && say "postgresql $PG_CLUSTER: online" || say "postgresql $PG_CLUSTER: down"
}

case "${1:-}" in
  install) install_packages ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  pause) pause ;;
  resume) resume ;;
  seed-bench) seed_bench "${2:-200}" ;;
  *) echo "usage: $0 install|start|stop|status|pause|resume|seed-bench [N]" >&2; exit 2 ;;
esac
