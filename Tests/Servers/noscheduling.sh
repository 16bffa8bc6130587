#!/usr/bin/env bash
# Radicale and Xandikos on loopback: CalDAV servers without scheduling, for the
# tests of what avail says about them (Xandikos even announces a scheduling
# token in its DAV: header, yet has no outbox).
#
#   Tests/Servers/noscheduling.sh start|stop
#
# Private instances: their own data folders under $AVAIL_TEST_STATE (default
# /tmp/avail-test-servers), Radicale on 127.0.0.1:58090 (no authentication),
# Xandikos on 127.0.0.1:58091; the system's services are not touched.
set -euo pipefail

STATE_ROOT=${AVAIL_TEST_STATE:-/tmp/avail-test-servers}
STATE=$STATE_ROOT/noscheduling
RADICALE_PORT=${AVAIL_TEST_RADICALE_PORT:-58090}
XANDIKOS_PORT=${AVAIL_TEST_XANDIKOS_PORT:-58091}

. "$(dirname "$0")/common.sh"
say() { printf 'noscheduling.sh: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; for l in "$STATE"/*.log; do [ -s "$l" ] && { say "last lines of $l:"; tail -n 10 "$l" >&2; }; done; exit 1; }

install_packages() { install_missing radicale xandikos curl; }

running() { [ -f "$STATE/$1.pid" ] && kill -0 "$(cat "$STATE/$1.pid")" 2>/dev/null; }

wait_for() { # name url
  for _ in $(seq 100); do curl -s -o /dev/null "$2" && return 0; sleep 0.1; done
  die "$1 does not answer on $2"
}

start() {
  install_packages
  mkdir -p "$STATE/radicale" "$STATE/xandikos"
  if ! running radicale; then
    setsid radicale --server-hosts "127.0.0.1:$RADICALE_PORT" --auth-type none \
      --storage-filesystem-folder "$STATE/radicale" </dev/null > "$STATE/radicale.log" 2>&1 &
    echo $! > "$STATE/radicale.pid"
  fi
  if ! running xandikos; then
    setsid xandikos -d "$STATE/xandikos" --defaults -l 127.0.0.1 -p "$XANDIKOS_PORT" </dev/null > "$STATE/xandikos.log" 2>&1 &
    echo $! > "$STATE/xandikos.pid"
  fi
  wait_for Radicale "http://127.0.0.1:$RADICALE_PORT/"
  wait_for Xandikos "http://127.0.0.1:$XANDIKOS_PORT/"
  cat > "$STATE_ROOT/noscheduling.env" <<ENV
AVAIL_TEST_RADICALE_URL=http://127.0.0.1:$RADICALE_PORT/
AVAIL_TEST_XANDIKOS_URL=http://127.0.0.1:$XANDIKOS_PORT/
ENV
  say "Radicale at http://127.0.0.1:$RADICALE_PORT/, Xandikos at http://127.0.0.1:$XANDIKOS_PORT/"
}

stop() {
  for s in radicale xandikos; do
    if running "$s"; then
      local pid; pid=$(cat "$STATE/$s.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$STATE/$s.pid"
  done
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  install) install_packages ;;
  *) echo "usage: $0 start|stop|install" >&2; exit 2 ;;
esac
